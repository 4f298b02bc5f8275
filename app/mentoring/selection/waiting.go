package selection

import (
	"cmp"
	"slices"
	"strings"
	"time"
)

// Waiter is a newcomer waiting for a mentor because nobody was eligible.
type Waiter struct {
	Key      string // the stored request's key, the tie-break among equal Since
	Author   string
	Areas    []string
	Since    time.Time
	Previous string
}

// NextWaiting picks the waiter to serve next: waiters are tried in order of
// waiting (Since, then Key), and the first one for whom Select finds a mentor
// is returned with that decision. A waiter nobody can take (for example the
// only free mentor is its author) does not hold up the ones behind it.
// ok is false when nobody waits (zero values) or no waiter can be served
// (the first waiter and its Decision, whose Filtered says why). The waiting
// slice is not reordered.
func NextWaiting(waiting []Waiter, cands []Candidate, now time.Time) (Waiter, Decision, bool) {
	if len(waiting) == 0 {
		return Waiter{}, Decision{}, false
	}
	idx := make([]int, len(waiting))
	for i := range idx {
		idx[i] = i
	}
	slices.SortFunc(idx, func(a, b int) int {
		if c := waiting[a].Since.Compare(waiting[b].Since); c != 0 {
			return c
		}
		return cmp.Or(strings.Compare(waiting[a].Key, waiting[b].Key), cmp.Compare(a, b))
	})
	var first Decision
	for k, i := range idx {
		w := waiting[i]
		d := Select(cands, Request{Author: w.Author, Areas: w.Areas, Previous: w.Previous, Now: now})
		if d.Mentor != "" {
			return w, d, true
		}
		if k == 0 {
			first = d
		}
	}
	return waiting[idx[0]], first, false
}
