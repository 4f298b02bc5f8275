package selection

import (
	"slices"
	"testing"
	"time"
)

var now = time.Date(2026, 3, 2, 12, 0, 0, 0, time.UTC)

func ago(d time.Duration) time.Time { return now.Add(-d) }

// roster builds candidates with capacity 3 and Order by position.
func roster(logins ...string) []Candidate {
	out := make([]Candidate, len(logins))
	for i, l := range logins {
		out[i] = Candidate{Login: l, Capacity: 3, Order: i}
	}
	return out
}

func with(cands []Candidate, i int, f func(*Candidate)) []Candidate {
	f(&cands[i])
	return cands
}

func TestSelect(t *testing.T) {
	day := 24 * time.Hour
	dec24 := time.Date(2026, 12, 24, 0, 0, 0, 0, time.UTC)
	tests := []struct {
		name         string
		cands        []Candidate
		req          Request
		wantMentor   string
		wantRules    []Rule
		wantEligible []string
		wantFiltered []Filtered
	}{
		{
			name:      "empty roster",
			req:       Request{Author: "newbie", Now: now},
			wantRules: []Rule{RuleEligible},
		},
		{
			name:         "single eligible mentor",
			cands:        roster("ada"),
			req:          Request{Author: "newbie", Now: now},
			wantMentor:   "ada",
			wantRules:    []Rule{RuleEligible},
			wantEligible: []string{"ada"},
		},
		{
			name:         "author is filtered, case-insensitive",
			cands:        roster("Ada", "bob"),
			req:          Request{Author: "ADA", Now: now},
			wantMentor:   "bob",
			wantRules:    []Rule{RuleEligible},
			wantEligible: []string{"bob"},
			wantFiltered: []Filtered{{"Ada", "is the author"}},
		},
		{
			name:         "excluded current mentor, case-insensitive",
			cands:        roster("ada", "bob"),
			req:          Request{Author: "newbie", Exclude: []string{"ADA"}, Now: now},
			wantMentor:   "bob",
			wantRules:    []Rule{RuleEligible},
			wantFiltered: []Filtered{{"ada", "is the current mentor"}},
		},
		{
			name:         "away without a date",
			cands:        with(roster("ada", "bob"), 0, func(c *Candidate) { c.Away = true }),
			req:          Request{Author: "newbie", Now: now},
			wantMentor:   "bob",
			wantRules:    []Rule{RuleEligible},
			wantFiltered: []Filtered{{"ada", "unavailable"}},
		},
		{
			name:         "away until a later date",
			cands:        with(roster("ada", "bob"), 0, func(c *Candidate) { c.AwayUntil = dec24 }),
			req:          Request{Author: "newbie", Now: now},
			wantMentor:   "bob",
			wantFiltered: []Filtered{{"ada", "unavailable"}},
		},
		{
			name: "away date shown in the mentor's zone",
			cands: with(roster("ada", "bob"), 0, func(c *Candidate) {
				c.AwayUntil = time.Date(2026, 12, 24, 0, 0, 0, 0, time.FixedZone("PST", -8*3600))
			}),
			req:          Request{Author: "newbie", Now: now},
			wantMentor:   "bob",
			wantFiltered: []Filtered{{"ada", "unavailable"}},
		},
		{
			name:         "away flag wins over a date",
			cands:        with(roster("ada", "bob"), 0, func(c *Candidate) { c.Away, c.AwayUntil = true, dec24 }),
			req:          Request{Author: "newbie", Now: now},
			wantMentor:   "bob",
			wantFiltered: []Filtered{{"ada", "unavailable"}},
		},
		{
			name:         "away date in the past",
			cands:        with(roster("ada", "bob"), 1, func(c *Candidate) { c.AwayUntil = ago(day) }),
			req:          Request{Author: "newbie", Now: now},
			wantMentor:   "ada",
			wantEligible: []string{"ada", "bob"},
		},
		{
			name:         "away date exactly now means back",
			cands:        with(roster("ada"), 0, func(c *Candidate) { c.AwayUntil = now }),
			req:          Request{Author: "newbie", Now: now},
			wantMentor:   "ada",
			wantEligible: []string{"ada"},
		},
		{
			name:         "at capacity",
			cands:        with(roster("ada", "bob"), 0, func(c *Candidate) { c.Active = 3 }),
			req:          Request{Author: "newbie", Now: now},
			wantMentor:   "bob",
			wantFiltered: []Filtered{{"ada", "at capacity (3/3)"}},
		},
		{
			name:         "over capacity after a config change",
			cands:        with(roster("ada", "bob"), 0, func(c *Candidate) { c.Active, c.Capacity = 4, 2 }),
			req:          Request{Author: "newbie", Now: now},
			wantMentor:   "bob",
			wantFiltered: []Filtered{{"ada", "at capacity (4/2)"}},
		},
		{
			name:         "capacity zero pauses a mentor",
			cands:        with(roster("ada", "bob"), 0, func(c *Candidate) { c.Capacity = 0 }),
			req:          Request{Author: "newbie", Now: now},
			wantMentor:   "bob",
			wantFiltered: []Filtered{{"ada", "at capacity (0/0)"}},
		},
		{
			name:         "one below capacity is eligible",
			cands:        with(roster("ada"), 0, func(c *Candidate) { c.Active = 2 }),
			req:          Request{Author: "newbie", Now: now},
			wantMentor:   "ada",
			wantEligible: []string{"ada"},
		},
		{
			name: "author reason comes first",
			cands: with(roster("ada", "bob"), 0, func(c *Candidate) {
				c.Away, c.Active = true, 3
			}),
			req:          Request{Author: "ada", Exclude: []string{"ada"}, Now: now},
			wantMentor:   "bob",
			wantFiltered: []Filtered{{"ada", "is the author"}},
		},
		{
			name: "nobody eligible",
			cands: with(with(roster("ada", "bob", "cy"), 0, func(c *Candidate) { c.Away = true }), 1,
				func(c *Candidate) { c.Active = 3 }),
			req:       Request{Author: "cy", Now: now},
			wantRules: []Rule{RuleEligible},
			wantFiltered: []Filtered{
				{"ada", "unavailable"}, {"bob", "at capacity (3/3)"}, {"cy", "is the author"},
			},
		},
		{
			name: "area match decides",
			cands: with(roster("ada", "bob", "cy"), 1, func(c *Candidate) {
				c.Areas = []string{"docs"}
				c.Active = 2
			}),
			req:        Request{Author: "newbie", Areas: []string{"docs"}, Now: now},
			wantMentor: "bob",
			wantRules:  []Rule{RuleEligible, RuleArea},
		},
		{
			name: "area names compare case-insensitively",
			cands: with(roster("ada", "bob"), 1, func(c *Candidate) {
				c.Areas = []string{"Docs"}
			}),
			req:        Request{Author: "newbie", Areas: []string{"docs"}, Now: now},
			wantMentor: "bob",
			wantRules:  []Rule{RuleEligible, RuleArea},
		},
		{
			name: "any of several areas",
			cands: with(with(roster("ada", "bob", "cy"), 1, func(c *Candidate) {
				c.Areas = []string{"ci", "build"}
				c.Active = 1
			}), 2, func(c *Candidate) { c.Areas = []string{"docs"} }),
			req:        Request{Author: "newbie", Areas: []string{"build", "docs"}, Now: now},
			wantMentor: "cy",
			wantRules:  []Rule{RuleEligible, RuleArea, RuleLoad},
		},
		{
			name: "nobody covers the area, everyone stays",
			cands: with(roster("ada", "bob"), 0, func(c *Candidate) {
				c.Areas = []string{"ci"}
				c.Active = 1
			}),
			req:        Request{Author: "newbie", Areas: []string{"docs"}, Now: now},
			wantMentor: "bob",
			wantRules:  []Rule{RuleEligible, RuleArea, RuleLoad},
		},
		{
			name: "area mentor away, others take it",
			cands: with(roster("ada", "bob"), 0, func(c *Candidate) {
				c.Areas = []string{"docs"}
				c.Away = true
			}),
			req:        Request{Author: "newbie", Areas: []string{"docs"}, Now: now},
			wantMentor: "bob",
			wantRules:  []Rule{RuleEligible},
		},
		{
			name:       "no areas requested skips the area rule",
			cands:      with(roster("ada", "bob"), 0, func(c *Candidate) { c.Active = 1 }),
			req:        Request{Author: "newbie", Now: now},
			wantMentor: "bob",
			wantRules:  []Rule{RuleEligible, RuleLoad},
		},
		{
			name: "fewest active wins over config order",
			cands: with(with(roster("ada", "bob", "cy"), 0, func(c *Candidate) { c.Active = 2 }), 1,
				func(c *Candidate) { c.Active = 1 }),
			req:        Request{Author: "newbie", Now: now},
			wantMentor: "cy",
			wantRules:  []Rule{RuleEligible, RuleLoad},
		},
		{
			name: "never assigned before recently assigned",
			cands: with(roster("ada", "bob"), 0, func(c *Candidate) {
				c.LastAssigned = ago(30 * day)
			}),
			req:        Request{Author: "newbie", Now: now},
			wantMentor: "bob",
			wantRules:  []Rule{RuleEligible, RuleLoad, RuleRecency},
		},
		{
			name: "least recently assigned",
			cands: with(with(roster("ada", "bob", "cy"), 0, func(c *Candidate) { c.LastAssigned = ago(day) }), 1,
				func(c *Candidate) { c.LastAssigned = ago(3 * day) }),
			req:        Request{Author: "newbie", Now: now},
			wantMentor: "cy",
			wantRules:  []Rule{RuleEligible, RuleLoad, RuleRecency},
		},
		{
			name: "same instant in different zones ties",
			cands: with(with(roster("ada", "bob"), 0, func(c *Candidate) { c.LastAssigned = ago(day) }), 1,
				func(c *Candidate) { c.LastAssigned = ago(day).In(time.FixedZone("X", 3600)) }),
			req:        Request{Author: "newbie", Now: now},
			wantMentor: "ada",
			wantRules:  []Rule{RuleEligible, RuleLoad, RuleRecency, RuleOrder},
		},
		{
			name: "config order, not slice order",
			cands: []Candidate{
				{Login: "ada", Capacity: 3, Order: 2},
				{Login: "bob", Capacity: 3, Order: 0},
				{Login: "cy", Capacity: 3, Order: 1},
			},
			req:          Request{Author: "newbie", Now: now},
			wantMentor:   "bob",
			wantRules:    []Rule{RuleEligible, RuleLoad, RuleRecency, RuleOrder},
			wantEligible: []string{"bob", "cy", "ada"},
		},
		{
			name: "equal order falls back to slice order",
			cands: []Candidate{
				{Login: "ada", Capacity: 3, Order: 1},
				{Login: "bob", Capacity: 3, Order: 1},
			},
			req:        Request{Author: "newbie", Now: now},
			wantMentor: "ada",
			wantRules:  []Rule{RuleEligible, RuleLoad, RuleRecency, RuleOrder},
		},
		{
			name:       "rotation passes over the previous mentor",
			cands:      roster("ada", "bob", "cy"),
			req:        Request{Author: "newbie", Previous: "ada", Now: now},
			wantMentor: "bob",
			wantRules:  []Rule{RuleEligible, RuleRotation, RuleLoad, RuleRecency, RuleOrder},
		},
		{
			name:       "rotation with two mentors decides",
			cands:      roster("ada", "bob"),
			req:        Request{Author: "newbie", Previous: "ADA", Now: now},
			wantMentor: "bob",
			wantRules:  []Rule{RuleEligible, RuleRotation},
		},
		{
			name:       "rotation beats load",
			cands:      with(roster("ada", "bob"), 1, func(c *Candidate) { c.Active = 2 }),
			req:        Request{Author: "newbie", Previous: "ada", Now: now},
			wantMentor: "bob",
			wantRules:  []Rule{RuleEligible, RuleRotation},
		},
		{
			name:       "previous mentor who would not win stays in",
			cands:      with(roster("ada", "bob"), 1, func(c *Candidate) { c.Active = 2 }),
			req:        Request{Author: "newbie", Previous: "bob", Now: now},
			wantMentor: "ada",
			wantRules:  []Rule{RuleEligible, RuleLoad},
		},
		{
			name:       "previous mentor, the only eligible one",
			cands:      with(roster("ada", "bob"), 1, func(c *Candidate) { c.Away = true }),
			req:        Request{Author: "newbie", Previous: "ada", Now: now},
			wantMentor: "ada",
			wantRules:  []Rule{RuleEligible},
		},
		{
			name:       "previous mentor, the only one of the area",
			cands:      with(roster("ada", "bob"), 0, func(c *Candidate) { c.Areas = []string{"docs"} }),
			req:        Request{Author: "newbie", Areas: []string{"docs"}, Previous: "ada", Now: now},
			wantMentor: "ada",
			wantRules:  []Rule{RuleEligible, RuleArea},
		},
		{
			name: "rotation within the area",
			cands: with(with(roster("ada", "bob", "cy"), 0, func(c *Candidate) { c.Areas = []string{"docs"} }), 2,
				func(c *Candidate) { c.Areas = []string{"docs"} }),
			req:        Request{Author: "newbie", Areas: []string{"docs"}, Previous: "ada", Now: now},
			wantMentor: "cy",
			wantRules:  []Rule{RuleEligible, RuleArea, RuleRotation},
		},
		{
			name:       "previous mentor no longer listed",
			cands:      roster("ada", "bob"),
			req:        Request{Author: "newbie", Previous: "zed", Now: now},
			wantMentor: "ada",
			wantRules:  []Rule{RuleEligible, RuleLoad, RuleRecency, RuleOrder},
		},
		{
			name:       "reassign: current excluded and previous rotated",
			cands:      roster("ada", "bob", "cy"),
			req:        Request{Author: "newbie", Previous: "bob", Exclude: []string{"ada"}, Now: now},
			wantMentor: "cy",
			wantRules:  []Rule{RuleEligible, RuleRotation},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := Select(tt.cands, tt.req)
			if d.Mentor != tt.wantMentor {
				t.Errorf("Mentor = %q, want %q\n%s", d.Mentor, tt.wantMentor, d.Explain(nil))
			}
			if tt.wantRules != nil && !slices.Equal(rules(d), tt.wantRules) {
				t.Errorf("rules = %v, want %v", rules(d), tt.wantRules)
			}
			if tt.wantEligible != nil && !slices.Equal(d.Eligible, tt.wantEligible) {
				t.Errorf("Eligible = %v, want %v", d.Eligible, tt.wantEligible)
			}
			if tt.wantFiltered != nil && !slices.Equal(d.Filtered, tt.wantFiltered) {
				t.Errorf("Filtered = %v, want %v", d.Filtered, tt.wantFiltered)
			}
			checkDecision(t, tt.cands, d)
		})
	}
}

func rules(d Decision) []Rule {
	out := make([]Rule, len(d.Steps))
	for i, s := range d.Steps {
		out[i] = s.Rule
	}
	return out
}

// checkDecision checks what holds for every decision: every candidate is
// either eligible or filtered, each step keeps a subset of the one before,
// and the last step leaves exactly the mentor.
func checkDecision(t *testing.T, cands []Candidate, d Decision) {
	t.Helper()
	if got := len(d.Eligible) + len(d.Filtered); got != len(cands) {
		t.Errorf("%d eligible + filtered, want %d candidates", got, len(cands))
	}
	if len(d.Steps) == 0 || d.Steps[0].Rule != RuleEligible || !slices.Equal(d.Steps[0].Survivors, d.Eligible) {
		t.Fatalf("first step is not eligibility over Eligible: %+v", d.Steps)
	}
	for k := 1; k < len(d.Steps); k++ {
		for _, s := range d.Steps[k].Survivors {
			if !slices.Contains(d.Steps[k-1].Survivors, s) {
				t.Errorf("step %d (%s) keeps %q, which step %d dropped", k, d.Steps[k].Rule, s, k-1)
			}
		}
		if d.Steps[k].Detail == "" {
			t.Errorf("step %d (%s) has no detail", k, d.Steps[k].Rule)
		}
	}
	last := d.Steps[len(d.Steps)-1].Survivors
	switch {
	case d.Mentor == "" && len(last) != 0:
		t.Errorf("no mentor but the last step keeps %v", last)
	case d.Mentor != "" && (len(last) != 1 || last[0] != d.Mentor):
		t.Errorf("mentor %q but the last step keeps %v", d.Mentor, last)
	}
}

func TestSelectStepDetails(t *testing.T) {
	cands := with(with(roster("ada", "bob", "cy"), 0, func(c *Candidate) {
		c.Areas = []string{"docs"}
		c.LastAssigned = time.Date(2026, 2, 27, 8, 30, 0, 0, time.UTC)
	}), 1, func(c *Candidate) {
		c.Areas = []string{"docs"}
		c.LastAssigned = time.Date(2026, 2, 27, 8, 30, 0, 0, time.UTC)
		c.Active = 1
	})
	cands = append(cands, Candidate{Login: "dee", Areas: []string{"docs"}, Capacity: 3, Order: 3, LastAssigned: ago(time.Hour)})
	d := Select(cands, Request{Author: "newbie", Areas: []string{"docs", "ci", "build"}, Now: now})
	want := []Step{
		{RuleEligible, "available, below capacity, not the author and not the current mentor", []string{"ada", "bob", "cy", "dee"}},
		{RuleArea, "mentors of `docs`, `ci` or `build`", []string{"ada", "bob", "dee"}},
		{RuleLoad, "none at the moment", []string{"ada", "dee"}},
		{RuleRecency, "last assigned 2026-02-27 08:30 UTC", []string{"ada"}},
	}
	if !slices.EqualFunc(d.Steps, want, stepEqual) {
		t.Errorf("Steps =\n%+v\nwant\n%+v", d.Steps, want)
	}
	if d.DecidedBy() != RuleRecency {
		t.Errorf("DecidedBy = %q, want recency", d.DecidedBy())
	}

	d = Select(roster("ada", "bob"), Request{Author: "newbie", Areas: []string{"ci"}, Previous: "ada", Now: now})
	want = []Step{
		{RuleEligible, "available, below capacity, not the author and not the current mentor", []string{"ada", "bob"}},
		{RuleArea, "nobody eligible covers `ci`, so everyone stays", []string{"ada", "bob"}},
		{RuleRotation, "the previous mentor is passed over so that mentors rotate", []string{"bob"}},
	}
	if !slices.EqualFunc(d.Steps, want, stepEqual) {
		t.Errorf("Steps =\n%+v\nwant\n%+v", d.Steps, want)
	}

	d = Select(roster("ada", "bob"), Request{Author: "newbie", Now: now})
	if got := d.Steps[len(d.Steps)-2].Detail; got != "never assigned before" {
		t.Errorf("recency detail = %q", got)
	}
	if (Decision{}).DecidedBy() != "" {
		t.Error("an empty decision was decided by a rule")
	}
}

func stepEqual(a, b Step) bool {
	return a.Rule == b.Rule && a.Detail == b.Detail && slices.Equal(a.Survivors, b.Survivors)
}

func TestSelectLeavesInputAlone(t *testing.T) {
	cands := []Candidate{
		{Login: "cy", Capacity: 3, Order: 2, Areas: []string{"docs"}},
		{Login: "ada", Capacity: 3, Order: 0, Active: 1},
		{Login: "bob", Capacity: 3, Order: 1},
	}
	before := slices.Clone(cands)
	req := Request{Author: "newbie", Areas: []string{"docs"}, Exclude: []string{"zed"}, Now: now}
	Select(cands, req)
	for i := range cands {
		if cands[i].Login != before[i].Login || cands[i].Order != before[i].Order || cands[i].Active != before[i].Active {
			t.Fatalf("Select changed its input: %+v, was %+v", cands, before)
		}
	}
	if !slices.Equal(req.Areas, []string{"docs"}) || !slices.Equal(req.Exclude, []string{"zed"}) {
		t.Fatalf("Select changed the request: %+v", req)
	}
}

func TestRuleTitle(t *testing.T) {
	want := map[Rule]string{
		RuleEligible: "eligibility", RuleArea: "matching area", RuleRotation: "rotation",
		RuleLoad: "fewest active mentees", RuleRecency: "least recently assigned",
		RuleOrder: "configuration order", Rule("custom"): "custom",
	}
	for r, w := range want {
		if got := r.Title(); got != w {
			t.Errorf("Rule(%q).Title() = %q, want %q", r, got, w)
		}
	}
}
