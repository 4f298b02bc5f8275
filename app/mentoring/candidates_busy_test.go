package mentoring

import (
	"testing"
	"time"

	"github.com/mentorbot/mentorbot/app/mentoring/selection"
	"github.com/mentorbot/mentorbot/app/repoconfig"
	"github.com/mentorbot/mentorbot/app/store"
)

// A mentor whose GitHub status says "Busy" is away while it lasts, and
// the explanation calls them only "unavailable"; working hours and zones
// reach the selection.
func TestCandidatesBusyAndHours(t *testing.T) {
	cfg, err := repoconfig.Parse([]byte("mentors:\n  - login: ada\n    timezone: Asia/Tokyo\n    hours: [\"22:00\", \"06:00\"]\n  - login: bob\n"))
	if err != nil {
		t.Fatal(err)
	}
	cfg.Mentors[0].Busy = true
	cands := candidates(cfg, map[string]store.MentorLoad{})
	if !cands[0].Away || cands[1].Away {
		t.Errorf("away = %v, %v; want the busy mentor away", cands[0].Away, cands[1].Away)
	}
	if cands[0].Location.String() != "Asia/Tokyo" || cands[0].Hours != (selection.Hours{Start: 22 * 60, End: 6 * 60}) || cands[1].Hours != selection.DefaultHours {
		t.Errorf("zones and hours = %v %v, %v", cands[0].Location, cands[0].Hours, cands[1].Hours)
	}
	d := selection.Select(cands, selection.Request{Author: "newbie", Now: time.Now()})
	if d.Mentor != "bob" || d.Filtered[0].Reason != "unavailable" {
		t.Errorf("chose %q, filtered %v", d.Mentor, d.Filtered)
	}
}
