package figures

import (
	"encoding/json"
	"slices"
	"strings"
	"testing"
	"time"
)

func TestScopeRecord(t *testing.T) {
	p := Last(now, 30*Day)
	f := Figures{
		Scope:     Scope{Owner: "o"},
		Period:    p,
		Newcomers: 3,
		Response:  Response{Times: Summary{N: 2, Median: 90 * time.Minute, P90: 10 * time.Hour}, Unanswered: 1},
		Retention: Retention{Share: Share{Part: 1, Whole: 3}},
		FirstPRs:  Outcome{Opened: 2, Merged: 1, Open: 1, ToMerge: Summary{N: 1, Median: 3 * Day}},
		Load: Load{Active: 2, Waiting: 1, Mentors: []MentorLoad{{Owner: "o", Login: "ana", Active: 2, Assigned: 3}, {Owner: "o", Login: "bo", Assigned: 0, Away: true}},
			Fairness: Ratio{Idle: 1, Max: 3}},
		Claims: Claims{Recorded: true, Claimed: 4, Completed: 1},
	}
	r := ScopeRecord(f)
	header, row := CSVHeader(), r.CSV()
	if len(header) != len(row) {
		t.Fatalf("%d columns, %d fields", len(header), len(row))
	}
	get := func(col string) string { return row[slices.Index(header, col)] }
	cases := map[string]string{
		"kind":                  "owner",
		"scope":                 "o",
		"since":                 "2026-05-16T12:00:00Z",
		"newcomers":             "3",
		"response_median_hours": "1.5",
		"response_p90_hours":    "10",
		"retention":             "0.3333",
		"merge_median_hours":    "72",
		"assignments":           "3",
		"fairness_max_min":      "", // someone idle: undefined
		"idle_mentors":          "1",
		"claims_claimed":        "4",
		"progression":           "", // not recorded
		"sessions_announced":    "", // not recorded
		"away":                  "",
	}
	for col, want := range cases {
		if got := get(col); got != want {
			t.Errorf("%s = %q, want %q", col, got, want)
		}
	}
	js, err := json.Marshal(r)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(js), `"progression":null`) || !strings.Contains(string(js), `"claims_open":0`) {
		t.Errorf("json: %s", js)
	}
	var m map[string]any
	json.Unmarshal(js, &m)
	if len(m) != len(header) {
		t.Errorf("json has %d keys, csv %d columns", len(m), len(header))
	}
}

func TestMentorRecords(t *testing.T) {
	f := Figures{Period: Last(now, Day), Load: Load{Mentors: []MentorLoad{{Owner: "o", Login: "ana", Active: 2, Assigned: 3}, {Owner: "o", Login: "bo", Away: true}}}}
	rs := MentorRecords(f)
	if len(rs) != 2 || rs[0].Scope != "o/ana" || *rs[0].Assignments != 3 || *rs[1].Away != true || rs[1].Newcomers != nil {
		t.Fatalf("%+v", rs)
	}
	if row := rs[1].CSV(); row[0] != RecordMentor || row[len(row)-1] != "" {
		t.Errorf("csv %v", row)
	}
}
