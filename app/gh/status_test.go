package gh

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/mentorbot/mentorbot/app/ghemu"
	"github.com/mentorbot/mentorbot/app/repoconfig"
)

// TestBusyStatuses reads a roster's statuses in one query that GitHub's
// schema accepts: "Busy" counts, another status does not, an expired one
// neither, and an unknown login does not spoil the others.
func TestBusyStatuses(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	f.emu.SetUserStatus("ada", "On holiday", true, time.Time{})
	f.emu.SetUserStatus("bob", "Coding", false, time.Time{})
	f.emu.SetUserStatus("cy", "Was busy", true, time.Now().Add(-time.Hour))
	f.emu.SetUserStatus("dee", "Back Monday", true, time.Now().Add(time.Hour))
	f.rec.docs = nil
	got, err := New(f.v3).Busy(ctx, []string{"ada", "bob", "cy", "Dee", "eve", "ghost-who-never-was"})
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]bool{"ada": true, "bob": false, "dee": true}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("Busy = %v, want %v", got, want)
	}
	if len(f.rec.docs) != 1 {
		t.Fatalf("%d GraphQL documents, want 1", len(f.rec.docs))
	}
	if err := ghemu.ValidateDocument(f.rec.docs[0]); err != nil {
		t.Errorf("%v\n%s", err, f.rec.docs[0])
	}
	if !strings.Contains(f.rec.docs[0], "u5:user(login: $l5)") && !strings.Contains(f.rec.docs[0], "u5: user(login: $l5)") {
		t.Errorf("not one aliased field per login:\n%s", f.rec.docs[0])
	}
}

// TestStatusesAreCached: a roster costs one query per StatusTTL, and a
// status counts as away only while it lasts.
func TestStatusesAreCached(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	now := time.Now()
	s := &Statuses{now: func() time.Time { return now }}
	var roster []repoconfig.Mentor
	for i := range 200 {
		roster = append(roster, repoconfig.Mentor{Login: fmt.Sprintf("mentor-%03d", i)})
	}
	f.emu.SetUserStatus("mentor-007", "Away", true, time.Time{})
	f.rec.docs = nil
	mark := func() map[string]bool {
		cfg := &repoconfig.Config{Mentors: append([]repoconfig.Mentor(nil), roster...)}
		s.Mark(ctx, New(f.v3), cfg)
		busy := map[string]bool{}
		for _, m := range cfg.Mentors {
			if m.Busy {
				busy[m.Login] = true
			}
		}
		return busy
	}
	for range 5 {
		if got := mark(); len(got) != 1 || !got["mentor-007"] {
			t.Fatalf("busy = %v, want mentor-007", got)
		}
		now = now.Add(time.Minute)
	}
	if len(f.rec.docs) != 1 {
		t.Errorf("%d queries in five minutes, want 1", len(f.rec.docs))
	}
	f.emu.ClearUserStatus("mentor-007")
	now = now.Add(StatusTTL)
	if got := mark(); len(got) != 0 {
		t.Errorf("busy = %v after the status was cleared", got)
	}
	if len(f.rec.docs) != 2 {
		t.Errorf("%d queries after the TTL, want 2", len(f.rec.docs))
	}
}
