package selection

import (
	"cmp"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"time"
)

// oracle recomputes the choice by sorting, independently of Select's
// step-by-step filtering. It returns the expected mentor and how many
// candidates remained after the area rule.
func oracle(cands []Candidate, req Request) (string, int) {
	var elig []int
	for i, c := range cands {
		if strings.EqualFold(c.Login, req.Author) || slices.ContainsFunc(req.Exclude, func(x string) bool { return strings.EqualFold(x, c.Login) }) ||
			c.Away || c.AwayUntil.After(req.Now) || c.Active >= c.Capacity {
			continue
		}
		elig = append(elig, i)
	}
	if len(elig) == 0 {
		return "", 0
	}
	set := elig
	var inArea []int
	for _, i := range elig {
		for _, a := range cands[i].Areas {
			if slices.ContainsFunc(req.Areas, func(x string) bool { return strings.EqualFold(x, a) }) {
				inArea = append(inArea, i)
				break
			}
		}
	}
	if len(inArea) > 0 {
		set = inArea
	}
	works := make(map[int]bool, len(set))
	for _, i := range set {
		works[i] = cands[i].WorksWithin(req.Now, FirstHours)
	}
	slices.SortStableFunc(set, func(a, b int) int {
		x, y := &cands[a], &cands[b]
		return cmp.Or(cmp.Compare(x.Active, y.Active), -cmpBool(works[a], works[b]),
			x.LastAssigned.Compare(y.LastAssigned), cmp.Compare(x.Order, y.Order), cmp.Compare(a, b))
	})
	if len(set) > 1 && strings.EqualFold(cands[set[0]].Login, req.Previous) {
		return cands[set[1]].Login, len(set)
	}
	return cands[set[0]].Login, len(set)
}

func cmpBool(a, b bool) int {
	switch {
	case a == b:
		return 0
	case a:
		return 1
	}
	return -1
}

// checkChoice checks one decision against the rules that must always hold.
func checkChoice(t *testing.T, cands []Candidate, req Request, d Decision) {
	t.Helper()
	want, afterArea := oracle(cands, req)
	if d.Mentor != want {
		t.Fatalf("Select chose %q, the oracle %q\nrequest %+v\n%s", d.Mentor, want, req, d.Explain(nil))
	}
	checkDecision(t, cands, d)
	if d.Mentor == "" {
		return
	}
	i := slices.IndexFunc(cands, func(c Candidate) bool { return c.Login == d.Mentor })
	c := cands[i]
	switch {
	case strings.EqualFold(c.Login, req.Author):
		t.Fatalf("chose the author %q", c.Login)
	case c.Away || c.AwayUntil.After(req.Now):
		t.Fatalf("chose %q who is away (%v, until %v) at %v", c.Login, c.Away, c.AwayUntil, req.Now)
	case c.Active >= c.Capacity:
		t.Fatalf("chose %q at capacity %d/%d", c.Login, c.Active, c.Capacity)
	case slices.Contains(req.Exclude, c.Login):
		t.Fatalf("chose the excluded %q", c.Login)
	case req.Previous != "" && strings.EqualFold(c.Login, req.Previous) && afterArea > 1:
		t.Fatalf("chose the previous mentor %q again though %d remained after the area rule", c.Login, afterArea)
	}
}

var areaNames = []string{"docs", "ci", "core", "web"}

func randomAreas(rng *rand.Rand, most int) []string {
	var out []string
	for _, a := range areaNames {
		if len(out) < most && rng.IntN(3) == 0 {
			out = append(out, a)
		}
	}
	return out
}

// TestSelectRandomRosters checks Select against the oracle on thousands of
// unrelated random rosters and requests.
func TestSelectRandomRosters(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 11))
	for range 5000 {
		n := rng.IntN(12)
		cands := make([]Candidate, n)
		for i := range cands {
			c := Candidate{Login: fmt.Sprintf("m%d", i), Capacity: rng.IntN(4), Order: rng.IntN(n + 1), Areas: randomAreas(rng, 2)}
			c.Active = rng.IntN(c.Capacity + 2)
			switch rng.IntN(6) {
			case 0:
				c.Away = true
			case 1:
				c.AwayUntil = now.Add(time.Duration(rng.IntN(48)-24) * time.Hour)
			}
			if rng.IntN(3) > 0 {
				c.LastAssigned = now.Add(-time.Duration(rng.IntN(4)) * time.Hour)
			}
			if rng.IntN(4) == 0 {
				c.Login = strings.ToUpper(c.Login)
			}
			cands[i] = c
		}
		req := Request{Author: fmt.Sprintf("m%d", rng.IntN(n+3)), Areas: randomAreas(rng, 3), Now: now}
		if rng.IntN(2) == 0 {
			req.Previous = fmt.Sprintf("m%d", rng.IntN(n+1))
		}
		if rng.IntN(4) == 0 {
			req.Exclude = []string{fmt.Sprintf("M%d", rng.IntN(n+1))}
		}
		checkChoice(t, cands, req, Select(cands, req))
	}
}

// world simulates a mentorship program: requests, releases, reassignments,
// leaves of absence, and a queue of newcomers waiting for a mentor.
type world struct {
	t       *testing.T
	rng     *rand.Rand
	cands   []Candidate
	active  []pair
	waiting []Waiter
	last    map[string]string // mentee → their latest mentor
	count   map[string]int    // mentor → assignments
	now     time.Time
	seq     int
}

type pair struct {
	mentee string
	mentor int
}

func newWorld(t *testing.T, seed uint64, cands []Candidate) *world {
	return &world{t: t, rng: rand.New(rand.NewPCG(seed, 99)), cands: cands,
		last: map[string]string{}, count: map[string]int{}, now: now}
}

// request asks for a mentor; without one the newcomer joins the queue.
func (w *world) request(req Request) {
	w.t.Helper()
	req.Now = w.now
	d := Select(w.cands, req)
	checkChoice(w.t, w.cands, req, d)
	if d.Mentor == "" {
		w.seq++
		w.waiting = append(w.waiting, Waiter{Key: fmt.Sprintf("w%05d", w.seq), Author: req.Author, Areas: req.Areas, Since: w.now, Previous: req.Previous})
		return
	}
	w.record(req.Author, d.Mentor)
}

func (w *world) record(mentee, mentor string) {
	i := slices.IndexFunc(w.cands, func(c Candidate) bool { return c.Login == mentor })
	w.cands[i].Active++
	w.cands[i].LastAssigned = w.now
	w.active = append(w.active, pair{mentee, i})
	w.last[mentee] = mentor
	w.count[mentor]++
	for _, c := range w.cands {
		if c.Active > c.Capacity {
			w.t.Fatalf("%s has %d mentees, capacity %d", c.Login, c.Active, c.Capacity)
		}
	}
}

// release ends a random active mentorship and returns it.
func (w *world) release() (pair, bool) {
	if len(w.active) == 0 {
		return pair{}, false
	}
	k := w.rng.IntN(len(w.active))
	p := w.active[k]
	w.active = slices.Delete(w.active, k, k+1)
	w.cands[p.mentor].Active--
	return p, true
}

// serve hands free mentors to waiting newcomers, oldest first.
func (w *world) serve() {
	w.t.Helper()
	for {
		wt, d, ok := NextWaiting(w.waiting, w.cands, w.now)
		// The oracle's view: the first waiter in (Since, Key) order who can be served.
		byAge := slices.Clone(w.waiting)
		slices.SortFunc(byAge, func(a, b Waiter) int { return cmp.Or(a.Since.Compare(b.Since), strings.Compare(a.Key, b.Key)) })
		var want Waiter
		for _, x := range byAge {
			if m, _ := oracle(w.cands, Request{Author: x.Author, Areas: x.Areas, Previous: x.Previous, Now: w.now}); m != "" {
				want = x
				break
			}
		}
		if ok != (want.Key != "") || ok && wt.Key != want.Key {
			w.t.Fatalf("NextWaiting served %q (ok %v), want %q", wt.Key, ok, want.Key)
		}
		if !ok {
			return
		}
		checkChoice(w.t, w.cands, Request{Author: wt.Author, Areas: wt.Areas, Previous: wt.Previous, Now: w.now}, d)
		w.waiting = slices.DeleteFunc(w.waiting, func(x Waiter) bool { return x.Key == wt.Key })
		w.record(wt.Author, d.Mentor)
	}
}

func (w *world) tick() { w.now = w.now.Add(time.Duration(1+w.rng.IntN(90)) * time.Minute) }

// TestSelectSimulation runs thousands of assignments, releases,
// reassignments and absences over mixed rosters: capacity is never exceeded,
// away mentors and authors are never chosen, every choice matches the oracle
// and the previous mentor is passed over whenever someone else remains.
func TestSelectSimulation(t *testing.T) {
	for seed := range uint64(4) {
		t.Run(fmt.Sprint("seed", seed), func(t *testing.T) {
			rng := rand.New(rand.NewPCG(seed, 1))
			cands := make([]Candidate, 12)
			for i := range cands {
				cands[i] = Candidate{Login: fmt.Sprintf("mentor-%d", i), Capacity: 1 + rng.IntN(4), Order: i, Areas: randomAreas(rng, 2)}
			}
			w := newWorld(t, seed, cands)
			for range 3000 {
				w.tick()
				switch r := w.rng.IntN(100); {
				case r < 45:
					author := fmt.Sprintf("newbie-%d", w.rng.IntN(60))
					if w.rng.IntN(10) == 0 {
						author = w.cands[w.rng.IntN(len(w.cands))].Login
					}
					req := Request{Author: author, Areas: randomAreas(w.rng, 2), Previous: w.last[author]}
					if w.rng.IntN(20) == 0 {
						req.Exclude = []string{w.cands[w.rng.IntN(len(w.cands))].Login}
					}
					w.request(req)
				case r < 55:
					if p, ok := w.release(); ok {
						cur := w.cands[p.mentor].Login
						w.request(Request{Author: p.mentee, Previous: cur, Exclude: []string{cur}})
					}
				case r < 90:
					w.release()
				default:
					c := &w.cands[w.rng.IntN(len(w.cands))]
					switch w.rng.IntN(4) {
					case 0:
						c.Away = true
					case 1:
						c.AwayUntil = w.now.Add(time.Duration(1+w.rng.IntN(72)) * time.Hour)
					default:
						c.Away, c.AwayUntil = false, time.Time{}
					}
				}
				w.serve()
			}
			if len(w.count) < len(cands)/2 {
				t.Errorf("only %d of %d mentors were ever chosen: %v", len(w.count), len(cands), w.count)
			}
		})
	}
}

// TestRotation: with no area preference, no newcomer gets the same mentor
// twice in a row while another mentor is eligible.
func TestRotation(t *testing.T) {
	for seed := range uint64(3) {
		w := newWorld(t, seed, []Candidate{
			{Login: "ada", Capacity: 2, Order: 0},
			{Login: "bob", Capacity: 2, Order: 1},
			{Login: "cy", Capacity: 1, Order: 2},
			{Login: "dee", Capacity: 3, Order: 3},
		})
		repeats, rotations := 0, 0
		for range 4000 {
			w.tick()
			if w.rng.IntN(2) == 0 {
				w.release()
				continue
			}
			mentee := fmt.Sprintf("newbie-%d", w.rng.IntN(8))
			prev := w.last[mentee]
			req := Request{Author: mentee, Previous: prev, Now: w.now}
			d := Select(w.cands, req)
			checkChoice(t, w.cands, req, d)
			if d.Mentor == "" {
				continue
			}
			if prev != "" && d.Mentor == prev {
				repeats++
				if len(d.Eligible) > 1 {
					t.Fatalf("%s got %s twice in a row though %v were eligible", mentee, prev, d.Eligible)
				}
			}
			if slices.ContainsFunc(d.Steps, func(s Step) bool { return s.Rule == RuleRotation }) {
				rotations++
			}
			w.record(mentee, d.Mentor)
		}
		if rotations == 0 {
			t.Errorf("seed %d: the rotation rule never applied", seed)
		}
		t.Logf("seed %d: %d rotations, %d repeats with a single eligible mentor", seed, rotations, repeats)
	}
}

// TestFairness: among equally eligible mentors (same areas and capacity,
// none away, load mostly below capacity so that the choice is real), the
// number of assignments per mentor stays within a max/min ratio of 1.5,
// whichever mentorships happen to end first.
func TestFairness(t *testing.T) {
	for _, n := range []int{2, 3, 5, 10, 25} {
		for seed := range uint64(4) {
			t.Run(fmt.Sprintf("%d mentors seed %d", n, seed), func(t *testing.T) {
				cands := make([]Candidate, n)
				for i := range cands {
					cands[i] = Candidate{Login: fmt.Sprintf("mentor-%d", i), Capacity: 3, Order: i, Areas: []string{"docs"}}
				}
				w := newWorld(t, seed, cands)
				total := 0
				for total < 200*n {
					w.tick()
					if w.rng.IntN(100) < 40 {
						mentee := fmt.Sprintf("newbie-%d", w.rng.IntN(10*n))
						w.request(Request{Author: mentee, Areas: []string{"docs"}, Previous: w.last[mentee]})
						total++
					} else {
						w.release()
					}
					w.serve()
				}
				lo, hi := total, 0
				for _, c := range cands {
					lo, hi = min(lo, w.count[c.Login]), max(hi, w.count[c.Login])
				}
				if lo == 0 || float64(hi)/float64(lo) > 1.5 {
					t.Errorf("assignments per mentor from %d to %d (ratio over 1.5): %v", lo, hi, w.count)
				}
				t.Logf("%d requests, per mentor %d..%d (ratio %.2f)", total, lo, hi, float64(hi)/float64(lo))
			})
		}
	}
}
