package selection

import (
	"cmp"
	"slices"
	"strconv"
	"strings"
	"time"
)

// Filter reasons, as they appear in Decision.Filtered.
const (
	ReasonAuthor   = "is the author"
	ReasonExcluded = "is the current mentor"
	// ReasonAway covers every kind of absence (a command, a date, GitHub's
	// "Busy" status): the explanation is public, so it gives no dates and
	// no reasons.
	ReasonAway = "unavailable"
)

const eligibleDetail = "available, below capacity, not the author and not the current mentor"

// Select chooses a mentor for req among cands.
//
// Eligible are candidates who are not the author (compared case-insensitively),
// not excluded, not away (Away set, or AwayUntil after req.Now) and below
// capacity. Among them, those covering one of req.Areas are preferred if any
// do; if the best of the rest would be req.Previous and someone else remains,
// the previous mentor is passed over so that pairs rotate; then the fewest
// active mentees win, then those at work within FirstHours of req.Now (when
// that leaves someone out), then the least recently assigned (never
// assigned first), then the first in config order. Selection stops at the rule that
// leaves one candidate, and that rule is the last step.
func Select(cands []Candidate, req Request) Decision {
	if d, ok := continuing(cands, req); ok {
		return d
	}
	pool, filtered := eligible(cands, &req)
	d := Decision{Eligible: logins(cands, pool), Filtered: filtered}
	d.Steps = append(d.Steps, Step{Rule: RuleEligible, Detail: eligibleDetail, Survivors: d.Eligible})
	for _, rule := range ranking {
		if len(pool) <= 1 {
			break
		}
		var step Step
		var applied bool
		if pool, step, applied = rule(cands, pool, &req); applied {
			step.Survivors = logins(cands, pool)
			d.Steps = append(d.Steps, step)
		}
	}
	if len(pool) > 0 {
		d.Mentor = cands[pool[0]].Login
	}
	return d
}

// A ranking rule narrows the pool (candidate indexes in config order) and
// says whether it applied, with the step to record if it did.
type rankingRule func(cands []Candidate, pool []int, req *Request) ([]int, Step, bool)

var ranking = [...]rankingRule{byArea, byRotation, byLoad, byHours, byRecency, byOrder}

// eligible returns the indexes of the eligible candidates in config order
// and the others with their reasons.
func eligible(cands []Candidate, req *Request) ([]int, []Filtered) {
	pool := configOrder(cands)
	kept := pool[:0]
	var filtered []Filtered
	var rs reasons
	for _, i := range pool {
		if reason, ok := rs.ineligible(&cands[i], req); ok {
			filtered = append(filtered, Filtered{Login: cands[i].Login, Reason: reason})
			continue
		}
		kept = append(kept, i)
	}
	rs.fill(filtered)
	return kept, filtered
}

// configOrder lists candidate indexes by Order, keeping slice order on ties.
func configOrder(cands []Candidate) []int {
	idx := make([]int, len(cands))
	for i := range idx {
		idx[i] = i
	}
	slices.SortStableFunc(idx, func(a, b int) int { return cmp.Compare(cands[a].Order, cands[b].Order) })
	return idx
}

// reasons builds the filter reasons that carry numbers or dates in one
// buffer, so that a large roster costs one allocation for all of them.
type reasons struct {
	buf   []byte
	spans [][3]int // index into Filtered, start and end in buf
	n     int      // entries of Filtered so far
}

// ineligible reports whether c is filtered out and why. A reason built in the
// buffer is returned empty and set by fill.
func (rs *reasons) ineligible(c *Candidate, req *Request) (string, bool) {
	var fixed string
	start := len(rs.buf)
	switch {
	case strings.EqualFold(c.Login, req.Author):
		fixed = ReasonAuthor
	case containsFold(req.Exclude, c.Login):
		fixed = ReasonExcluded
	case c.Away, c.AwayUntil.After(req.Now):
		fixed = ReasonAway
	case c.Active >= c.Capacity:
		rs.buf = append(strconv.AppendInt(append(rs.buf, "at capacity ("...), int64(c.Active), 10), '/')
		rs.buf = append(strconv.AppendInt(rs.buf, int64(c.Capacity), 10), ')')
	default:
		return "", false
	}
	if fixed == "" {
		rs.spans = append(rs.spans, [3]int{rs.n, start, len(rs.buf)})
	}
	rs.n++
	return fixed, true
}

// fill sets the reasons built in the buffer.
func (rs *reasons) fill(filtered []Filtered) {
	all := string(rs.buf)
	for _, sp := range rs.spans {
		filtered[sp[0]].Reason = all[sp[1]:sp[2]]
	}
}

// byArea keeps the candidates covering one of the requested areas, if any do.
func byArea(cands []Candidate, pool []int, req *Request) ([]int, Step, bool) {
	if len(req.Areas) == 0 {
		return pool, Step{}, false
	}
	areas := codeList(req.Areas)
	n := 0
	for _, i := range pool {
		if intersects(cands[i].Areas, req.Areas) {
			n++
		}
	}
	if n == 0 {
		return pool, Step{Rule: RuleArea, Detail: "nobody eligible covers " + areas + ", so everyone stays"}, true
	}
	kept := pool[:0]
	for _, i := range pool {
		if intersects(cands[i].Areas, req.Areas) {
			kept = append(kept, i)
		}
	}
	return kept, Step{Rule: RuleArea, Detail: "mentors of " + areas}, true
}

// byRotation drops the previous mentor when they would win otherwise.
func byRotation(cands []Candidate, pool []int, req *Request) ([]int, Step, bool) {
	if req.Previous == "" {
		return pool, Step{}, false
	}
	best := pool[0]
	bestWorks := cands[best].WorksWithin(req.Now, FirstHours)
	for _, i := range pool[1:] {
		if cands[i].Active > cands[best].Active {
			continue
		}
		works := cands[i].WorksWithin(req.Now, FirstHours)
		if ranksBefore(&cands[i], &cands[best], works, bestWorks) {
			best, bestWorks = i, works
		}
	}
	if !strings.EqualFold(cands[best].Login, req.Previous) {
		return pool, Step{}, false
	}
	kept := slices.DeleteFunc(pool, func(i int) bool { return i == best })
	return kept, Step{Rule: RuleRotation, Detail: "the previous mentor is passed over so that mentors rotate"}, true
}

// ranksBefore is the order the load, hours, recency and order rules apply
// together (aWorks and bWorks are the hours rule's view of a and b); ties
// stay with the earlier candidate in the pool.
func ranksBefore(a, b *Candidate, aWorks, bWorks bool) bool {
	if a.Active != b.Active {
		return a.Active < b.Active
	}
	if aWorks != bWorks {
		return aWorks
	}
	if c := a.LastAssigned.Compare(b.LastAssigned); c != 0 {
		return c < 0
	}
	return a.Order < b.Order
}

func byLoad(cands []Candidate, pool []int, _ *Request) ([]int, Step, bool) {
	low := cands[pool[0]].Active
	for _, i := range pool[1:] {
		low = min(low, cands[i].Active)
	}
	kept := slices.DeleteFunc(pool, func(i int) bool { return cands[i].Active != low })
	return kept, Step{Rule: RuleLoad, Detail: loadDetail(low)}, true
}

func loadDetail(n int) string {
	switch n {
	case 0:
		return "none at the moment"
	case 1:
		return "1 at the moment"
	}
	return strconv.Itoa(n) + " at the moment"
}

// byHours keeps the candidates at work within the newcomer's first hours,
// when some are and some are not; otherwise it does not apply.
func byHours(cands []Candidate, pool []int, req *Request) ([]int, Step, bool) {
	var works [64]bool
	at := works[:0]
	n := 0
	for _, i := range pool {
		w := cands[i].WorksWithin(req.Now, FirstHours)
		at = append(at, w)
		if w {
			n++
		}
	}
	if n == 0 || n == len(pool) {
		return pool, Step{}, false
	}
	k := 0
	kept := slices.DeleteFunc(pool, func(int) bool { k++; return !at[k-1] })
	return kept, Step{Rule: RuleHours, Detail: "at work now or within " + strconv.Itoa(int(FirstHours/time.Hour)) + " hours, in their own time zone"}, true
}

func byRecency(cands []Candidate, pool []int, _ *Request) ([]int, Step, bool) {
	oldest := cands[pool[0]].LastAssigned
	for _, i := range pool[1:] {
		if cands[i].LastAssigned.Before(oldest) {
			oldest = cands[i].LastAssigned
		}
	}
	kept := slices.DeleteFunc(pool, func(i int) bool { return !cands[i].LastAssigned.Equal(oldest) })
	detail := "never assigned before"
	if !oldest.IsZero() {
		detail = "last assigned " + oldest.UTC().Format("2006-01-02 15:04 UTC")
	}
	return kept, Step{Rule: RuleRecency, Detail: detail}, true
}

// byOrder keeps the first candidate; the pool is in config order already.
func byOrder(_ []Candidate, pool []int, _ *Request) ([]int, Step, bool) {
	return pool[:1], Step{Rule: RuleOrder, Detail: "listed first"}, true
}

func logins(cands []Candidate, pool []int) []string {
	out := make([]string, len(pool))
	for k, i := range pool {
		out[k] = cands[i].Login
	}
	return out
}

func containsFold(list []string, s string) bool {
	for _, x := range list {
		if strings.EqualFold(x, s) {
			return true
		}
	}
	return false
}

func intersects(have, want []string) bool {
	for _, h := range have {
		if containsFold(want, h) {
			return true
		}
	}
	return false
}
