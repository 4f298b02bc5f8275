package figures

import (
	"strings"
	"time"
)

// Figures are the program metrics of one scope over one period.
type Figures struct {
	Scope  Scope
	Period Period
	// Newcomers counts people whose first-timer pull request or issue was
	// opened in the period.
	Newcomers   int
	Response    Response
	Load        Load
	Retention   Retention
	Progression Progression
	FirstPRs    Outcome
	Claims      Claims
	Hours       Hours
}

// Compute derives the figures of scope s over period p from d.
func Compute(d Data, s Scope, p Period) Figures {
	items := scopedItems(d.Items, s, p)
	return Figures{
		Scope:       s,
		Period:      p,
		Newcomers:   countPeople(items),
		Response:    ResponseTimes(items),
		Load:        LoadOf(d, s, p),
		Retention:   RetentionOf(d.Newcomers, s, p),
		Progression: ProgressionOf(d, s, p),
		FirstPRs:    FirstPROutcome(items),
		Claims:      ClaimsOf(d, s, p),
		Hours:       HoursOf(d, s, p),
	}
}

// scopedItems keeps the items of scope s opened in p; when they all are
// (a part of a trimmed partition), it returns items itself.
func scopedItems(items []Item, s Scope, p Period) []Item {
	in := func(it *Item) bool { return p.Contains(it.OpenedAt) && s.Includes(it.Repo) }
	n := 0
	for i := range items {
		if in(&items[i]) {
			n++
		}
	}
	if n == len(items) {
		return items
	}
	out := make([]Item, 0, n)
	for i := range items {
		if in(&items[i]) {
			out = append(out, items[i])
		}
	}
	return out
}

// countPeople counts distinct authors, per owner (a login is one person
// everywhere, but a first-timer in two owners' programs is two newcomers).
func countPeople(items []Item) int {
	seen := map[string]bool{}
	for _, it := range items {
		seen[strings.ToLower(OwnerOf(it.Repo)+"/"+it.Login)] = true
	}
	return len(seen)
}

// Outcome is what became of first-timers' first pull requests opened in
// the period, as of now.
type Outcome struct {
	Opened int
	Merged int
	Closed int // closed without being merged
	Open   int
	// ToMerge summarises the time from opening to merge of the merged ones.
	ToMerge Summary
}

// FirstPROutcome counts merged, closed and open pull requests among items.
func FirstPROutcome(items []Item) Outcome {
	var o Outcome
	var toMerge []time.Duration
	for _, it := range items {
		if it.Kind != KindPullRequest {
			continue
		}
		o.Opened++
		switch {
		case !it.MergedAt.IsZero():
			o.Merged++
			toMerge = append(toMerge, it.MergedAt.Sub(it.OpenedAt))
		case !it.ClosedAt.IsZero():
			o.Closed++
		default:
			o.Open++
		}
	}
	o.ToMerge = Summarize(toMerge)
	return o
}

// MergedShare is merged out of decided (merged or closed) pull requests.
func (o Outcome) MergedShare() Share { return Share{Part: o.Merged, Whole: o.Merged + o.Closed} }
