package figures

import (
	"reflect"
	"testing"
	"time"
)

// TestPartitionGivesTheSameFigures checks the point of Partition: every
// scope's figures from its part equal those from the whole data.
func TestPartitionGivesTheSameFigures(t *testing.T) {
	p := Last(now, 30*Day)
	d := Data{
		Now: now,
		Items: []Item{
			item("o/a", KindPullRequest, "ann", 5*Day, 5*Day-time.Hour, 2*Day, 2*Day),
			item("O/b", KindIssue, "bob", 3*Day, never, never, never),
			item("p/a", KindIssue, "cy", 3*Day, 2*Day, never, never),
			item("p/a", KindIssue, "old", 40*Day, 2*Day, never, never),
		},
		Newcomers: []Newcomer{{Repo: "o/a", FirstAt: ago(100 * Day), ReturnedAt: ago(90 * Day)}, {Repo: "p/a", FirstAt: ago(95 * Day)},
			{Repo: "p/a", FirstAt: ago(130 * Day)}},
		Assignments: []Assignment{{Repo: "o/a", Mentor: "ana", At: ago(Day)}, {Repo: "o/b", Mentor: "bo", At: ago(40 * Day)},
			{Repo: "o/b", Mentor: "cy", At: ago(70 * Day)}},
		Open:    []Mentorship{{Repo: "o/a", Mentor: "ana"}, {Repo: "p/a", Waiting: true}},
		Mentors: []Mentor{{Owner: "o", Login: "bo", Away: true}},
		Claims: []Claim{{Repo: "o/b", State: ClaimActive, ClaimedAt: ago(Day)}, {Repo: "o/b", State: ClaimActive, ClaimedAt: ago(50 * Day)},
			{Repo: "o/b", State: ClaimExpired, ClaimedAt: ago(50 * Day), EndedAt: ago(20 * Day)}, {Repo: "o/b", State: ClaimExpired, ClaimedAt: ago(80 * Day), EndedAt: ago(60 * Day)}},
		Steps: []Step{{Repo: "o/a", Login: "ann", Step: StepStarterTask, At: ago(3 * Day)},
			{Repo: "o/b", Login: "ann", Step: StepNextStep, At: ago(2 * Day)}, {Repo: "o/b", Login: "bob", Step: StepStarterTask, At: ago(40 * Day)}},
		Posts: []Post{{Target: "o/community", Repo: "o/a", Kind: PostRecap, PostedAt: ago(Day), RSVPs: 3, PulseUp: 1},
			{Target: "o/community", Repo: "o/a", Kind: PostRecap, PostedAt: ago(45 * Day), RSVPs: 3, PulseUp: 1},
			{Target: "o/community", Repo: "o/a", Kind: PostAnnouncement, Start: now.Add(Day), PostedAt: ago(Day)}},
		ClaimOwners: []string{"o"},
		HoursOwners: []string{"o"},
	}
	parts := Partition(d)
	trimmed := d.Trim(p)
	trimmedParts := Partition(trimmed)
	for _, s := range append(Scopes(d), Scope{}, RepoScope("o/community"), RepoScope("x/y")) {
		whole := Compute(d, s, p)
		for name, got := range map[string]Figures{
			"part":         Compute(PartOf(parts, d, s), s, p),
			"trimmed":      Compute(trimmed, s, p),
			"trimmed part": Compute(PartOf(trimmedParts, trimmed, s), s, p),
		} {
			if !reflect.DeepEqual(whole, got) {
				t.Errorf("%v, %s:\nwhole %+v\ngot   %+v", s, name, whole, got)
			}
		}
	}
	if len(trimmed.Items) != 3 || len(trimmed.Newcomers) != 2 || len(trimmed.Assignments) != 2 {
		t.Errorf("trimmed %+v", trimmed)
	}
}
