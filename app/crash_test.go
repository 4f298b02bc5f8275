package app

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"testing"

	"github.com/prometheus/client_golang/prometheus/testutil"

	"github.com/mentorbot/mentorbot/app/gh/transport"
	"github.com/mentorbot/mentorbot/app/ghemu"
)

// The README's recommended set-up: one mentorship.yml in the owner's
// .github repository, inherited by every repository. One long-lived
// service runs the scheduler minute after minute over 40 inheriting
// repositories; it keeps running and never panics.
func TestSchedulerSurvivesOwnerWideConfigMinuteAfterMinute(t *testing.T) {
	w := newWorld(t, "")
	w.emu.AddRepo(org, ".github", ghemu.RepoOptions{})
	w.emu.PutFile(org, ".github", "mentorship.yml", []byte(defaultMentorship+"office_hours:\n  repository: community\n"))
	w.emu.AddRepo(org, "community", ghemu.RepoOptions{HasDiscussions: true})
	w.emu.AddDiscussionCategory(org, "community", "Office Hours")
	for i := range 40 {
		w.emu.AddRepo(org, fmt.Sprintf("repo-%02d", i), ghemu.RepoOptions{})
	}
	w.emu.AddInstallation(installationID, org) // every repository

	ctx := context.Background()
	for minute := range 5 {
		if err := w.app.app.RunSchedule(ctx); err != nil {
			t.Fatalf("minute %d: %v", minute, err)
		}
	}
	if n := testutil.ToFloat64(w.app.app.metrics.panics.WithLabelValues("job")); n != 0 {
		t.Fatalf("%v panics recovered in scheduled jobs", n)
	}
	if got := len(w.inCategory("Office Hours")); got > 1 {
		t.Fatalf("%d announcements for one shared office-hours target", got)
	}
}

func TestOnlyDeferred(t *testing.T) {
	deferred := &transport.DeferredError{Installation: 1, Resource: "core"}
	other := errors.New("boom")
	for _, tt := range []struct {
		err  error
		want bool
	}{
		{deferred, true},
		{fmt.Errorf("office hours in o/r: %w", &url.Error{Op: "Get", URL: "u", Err: deferred}), true},
		{errors.Join(deferred, fmt.Errorf("x: %w", deferred)), true},
		{errors.Join(deferred, other), false},
		{fmt.Errorf("x: %w", errors.Join(other, deferred)), false},
		{other, false},
	} {
		if got := onlyDeferred(tt.err); got != tt.want {
			t.Errorf("onlyDeferred(%v) = %v", tt.err, got)
		}
	}
}
