package mentoring

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/mentorbot/mentorbot/app/program"
	"github.com/mentorbot/mentorbot/app/repoconfig"
	"github.com/mentorbot/mentorbot/app/store"
)

// refusingAssign refuses every assignment.
type refusingAssign struct{ *fakeGitHub }

func (refusingAssign) Assign(context.Context, program.Repo, int, string) (bool, error) {
	return false, errors.New("502 bad gateway")
}

// effectsService is a service on a fresh store with one mentorship (ana
// mentors newbie on o/r#1), a clock the test moves, and a resolver that
// counts its calls.
func effectsService(t *testing.T, gh GitHub) (*Service, *time.Time, *int) {
	s := newService(t)
	now := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
	resolves := 0
	s.Now = func() time.Time { return now }
	s.Resolve = func(context.Context, int64, program.Repo) (GitHub, *repoconfig.Config, error) {
		resolves++
		return gh, nil, nil
	}
	only := func(map[string]store.MentorLoad, string) string { return "ana" }
	if _, _, err := s.Store.Assign(context.Background(), store.Mentorship{Repo: "o/r", Number: 1, Owner: "o", InstallationID: 7, Mentee: "newbie"}, only); err != nil {
		t.Fatal(err)
	}
	return s, &now, &resolves
}

// The sweep reads only the store while nothing is due; a failed effect
// waits for its time, then is done once.
func TestEffectsSweepIsDueDriven(t *testing.T) {
	gh := newFake()
	s, now, resolves := effectsService(t, gh)
	ctx := context.Background()
	if err := s.ApplyDueEffects(ctx); err != nil || *resolves != 0 {
		t.Fatalf("sweep with nothing pending: %v, %d clients made", err, *resolves)
	}
	it := program.Item{Repo: repo, Number: 1, InstallationID: 7}
	fx := newEffects(it).add(effectComment, "nudge:o/r#1:ana", "hello")
	if _, err := s.Store.Nudge(ctx, "o/r", 1, "ana", *now, "nudge:o/r#1:1", fx.list); err != nil {
		t.Fatal(err)
	}
	gh.failOnce = errors.New("502 bad gateway")
	if err := s.applyEffects(ctx, gh, "o/r", 1); err == nil {
		t.Fatal("want the failure")
	}
	if err := s.ApplyDueEffects(ctx); err != nil || *resolves != 0 || gh.creates != 0 {
		t.Fatalf("sweep before the retry time: %v, %d clients, %d comments", err, *resolves, gh.creates)
	}
	*now = now.Add(effectRetryBase)
	for range 2 {
		if err := s.ApplyDueEffects(ctx); err != nil {
			t.Fatal(err)
		}
	}
	if *resolves != 1 || gh.creates != 1 || len(gh.comments) != 1 {
		t.Fatalf("after the retry time: %d clients, %d comments created", *resolves, gh.creates)
	}
}

// What GitHub refuses for about a day is given up, logged, and the
// effects after it still run.
func TestEffectGivenUpAfterItsLastTry(t *testing.T) {
	gh := refusingAssign{newFake()}
	s, now, _ := effectsService(t, gh)
	ctx := context.Background()
	it := program.Item{Repo: repo, Number: 1, InstallationID: 7, Kind: program.KindPullRequest}
	fx := newEffects(it).add(effectAssign, "ana", "").add(effectComment, "nudge:o/r#1:ana", "hello")
	if _, err := s.Store.Nudge(ctx, "o/r", 1, "ana", *now, "nudge:o/r#1:1", fx.list); err != nil {
		t.Fatal(err)
	}
	for i := range maxEffectAttempts {
		err := s.ApplyDueEffects(ctx)
		if last := i == maxEffectAttempts-1; (err == nil) != last {
			t.Fatalf("try %d: %v", i+1, err)
		}
		*now = now.Add(effectRetryMax)
	}
	if gh.creates != 1 {
		t.Fatalf("%d comments after the assignment was given up, want 1", gh.creates)
	}
	if pending, _ := s.Store.PendingEffects(ctx, "o/r", 1); len(pending) != 0 {
		t.Fatalf("pending %+v", pending)
	}
}
