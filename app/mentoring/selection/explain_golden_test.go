package selection

import (
	"flag"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/mentorbot/mentorbot/app/internal/golden"
)

var update = flag.Bool("update", false, "rewrite testdata/*.golden")

// TestExplainGolden pins the "Why this mentor?" block for one decision per
// rule, in testdata/explain-*.golden: read them as a newcomer would.
func TestExplainGolden(t *testing.T) {
	berlin, tokyo := zone(t, "Europe/Berlin"), zone(t, "Asia/Tokyo")
	tests := []struct {
		name  string
		cands []Candidate
		req   Request
	}{
		{"rotation", []Candidate{
			{Login: "mentor-ada", Areas: []string{"docs"}, Capacity: 3, Order: 0, Active: 1},
			{Login: "mentor-bob", Areas: []string{"docs"}, Capacity: 3, Order: 1},
			{Login: "mentor-cy", Capacity: 3, Order: 2},
			{Login: "mentor-dee", Capacity: 3, Order: 3, AwayUntil: time.Date(2026, 12, 24, 0, 0, 0, 0, time.UTC)},
			{Login: "mentor-eve", Capacity: 2, Order: 4, Active: 2},
			{Login: "newbie-fox", Capacity: 3, Order: 5},
		}, Request{Author: "newbie-fox", Areas: []string{"docs"}, Previous: "mentor-bob", Now: now}},
		{"nobody", []Candidate{
			{Login: "mentor-ada", Capacity: 1, Active: 1},
			{Login: "mentor-bob", Away: true, Capacity: 3},
		}, Request{Author: "newbie-fox", Now: now}},
		{"hours", []Candidate{
			{Login: "mentor-ada", Capacity: 3, Order: 0, Location: tokyo},
			{Login: "mentor-bob", Capacity: 3, Order: 1, Location: berlin, LastAssigned: ago(time.Hour)},
			{Login: "mentor-cy", Capacity: 3, Order: 2, Location: berlin, Active: 1},
		}, Request{Author: "newbie-fox", Now: now}},
		{"recency", []Candidate{
			{Login: "mentor-ada", Capacity: 3, Order: 0, LastAssigned: ago(2 * time.Hour)},
			{Login: "mentor-bob", Capacity: 3, Order: 1, LastAssigned: ago(30 * time.Hour)},
			{Login: "mentor-cy", Capacity: 3, Order: 2, AwayUntil: now.Add(time.Hour)},
		}, Request{Author: "newbie-fox", Exclude: []string{"mentor-dee"}, Now: now}},
		{"load", []Candidate{
			{Login: "mentor-ada", Capacity: 3, Order: 0, Active: 2},
			{Login: "mentor-bob", Capacity: 3, Order: 1, Active: 1},
			{Login: "mentor-dee", Capacity: 3, Order: 3},
		}, Request{Author: "newbie-fox", Exclude: []string{"mentor-dee"}, Now: now}},
		{"order", roster("mentor-ada", "mentor-bob"), Request{Author: "newbie-fox", Now: now}},
		{"continuity", []Candidate{
			{Login: "mentor-ada", Capacity: 3, Order: 0},
			{Login: "mentor-bob", Capacity: 3, Order: 1, Active: 3, Current: true},
		}, Request{Author: "newbie-fox", Now: now}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Select(tt.cands, tt.req).Explain(at)
			golden.File(t, filepath.Join("testdata", "explain-"+tt.name+".golden"), got, *update)
			for _, bad := range []string{"away", "until", "2026-12-24", "Busy"} {
				if strings.Contains(got, bad) {
					t.Errorf("the public explanation says %q:\n%s", bad, got)
				}
			}
			for _, r := range []Rule{RuleLoad, RuleRecency, RuleOrder, RuleHours, RuleArea} {
				if title := capitalize(r.Title()); strings.Contains(got, title+": "+r.Title()) {
					t.Errorf("rule %s repeats its title:\n%s", r, got)
				}
			}
		})
	}
}

func zone(t *testing.T, name string) *time.Location {
	t.Helper()
	loc, err := time.LoadLocation(name)
	if err != nil {
		t.Fatal(err)
	}
	return loc
}
