package replay

import (
	"time"

	"github.com/google/go-github/v60/github"
)

// window gathers the deliveries GitHub logged since a time, one per
// X-GitHub-Delivery GUID (redeliveries share their original's GUID),
// from pages of the log that come newest first.
type window struct {
	since   time.Time
	handled map[string]bool

	attempts  int
	found     []candidate // newest first
	seen      map[string]bool
	unhandled map[string]bool
}

// candidate is one delivery of a handled event.
type candidate struct {
	guid    string
	event   string
	attempt int64 // the ID of its newest attempt, to fetch the payload with
}

func newWindow(since time.Time, handled map[string]bool) *window {
	return &window{since: since, handled: handled, seen: map[string]bool{}, unhandled: map[string]bool{}}
}

// add takes the next page and reports whether older pages may still hold
// deliveries in the window.
func (w *window) add(page []*github.HookDelivery) bool {
	for _, d := range page {
		if at := d.GetDeliveredAt(); !at.IsZero() && at.Before(w.since) {
			return false
		}
		w.attempts++
		guid := d.GetGUID()
		switch {
		case guid == "" || w.seen[guid] || w.unhandled[guid]:
		case !w.handled[d.GetEvent()]:
			w.unhandled[guid] = true
		default:
			w.seen[guid] = true
			w.found = append(w.found, candidate{guid: guid, event: d.GetEvent(), attempt: d.GetID()})
		}
	}
	return true
}

// guids lists the deliveries found, newest first.
func (w *window) guids() []string {
	out := make([]string, len(w.found))
	for i, c := range w.found {
		out[i] = c.guid
	}
	return out
}
