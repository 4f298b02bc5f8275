package app

import (
	"fmt"
	"strings"
	"testing"
)

// TestAPICallsPerFirstTimePR counts the GitHub calls one first-time pull
// request costs, and checks that mentorship.yml, read moments before, is
// not read again (or, past gh.ConfigTTL, only as a free conditional
// request).
func TestAPICallsPerFirstTimePR(t *testing.T) {
	w := newWorld(t, defaultMentorship)
	w.openPR("warm-up") // the installation token and the first config read
	w.settle()
	nextSecond()
	w.emu.ResetCalls()

	n := w.openPR("newcomer")
	w.settle()
	w.welcome(n)
	var calls []string
	configReads, writes := 0, 0
	for _, c := range w.emu.Calls() {
		if strings.Contains(c.Path, fmt.Sprintf("/%d/", n)) || strings.HasSuffix(c.Path, fmt.Sprintf("/%d", n)) ||
			strings.Contains(c.Path, "/contents/") || c.Path == "/search/issues" {
			calls = append(calls, fmt.Sprintf("%s %s → %d", c.Method, c.Path, c.Status))
			if c.Method != "GET" {
				writes++
			}
			if strings.Contains(c.Path, "/contents/.github/mentorship.yml") && !(c.Conditional && c.Status == 304) {
				configReads++
			}
		}
	}
	t.Logf("%d GitHub calls for one first-time pull request:\n  %s", len(calls), strings.Join(calls, "\n  "))
	if configReads > 0 {
		for _, c := range w.emu.Calls() {
			t.Logf("%s %s %s → %d conditional=%v", c.Time.Format("15:04:05.000"), c.Method, c.Path, c.Status, c.Conditional)
		}
		t.Errorf("mentorship.yml was read again %d times, not from the cache nor as a 304 conditional request", configReads)
	}
	// Six with mentorship.yml, here served from the cache (counted above).
	if len(calls) > 5 {
		t.Errorf("%d calls besides mentorship.yml; the budget is 5 (files, comment, label, assignee, reviewer: no look for an "+
			"earlier welcome's marker, as the opened event shows no comment), plus one search the first time a person is seen", len(calls))
	}
	// Content writes: comment, label, assignee, review request. Labels and
	// assignees stay separate additive calls: one PATCH of the issue would
	// replace both sets and drop what people or other apps add meanwhile.
	if writes > 4 {
		t.Errorf("%d writes; the budget is 4", writes)
	}
}
