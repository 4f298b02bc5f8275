package mentoring_test

import (
	"context"
	"testing"
	"time"

	"github.com/mentorbot/mentorbot/app/ghemu"
	"github.com/mentorbot/mentorbot/app/mentoring"
	"github.com/mentorbot/mentorbot/app/program"
	"github.com/mentorbot/mentorbot/app/repoconfig"
	"github.com/mentorbot/mentorbot/app/store"
)

// effectsWorld is a world with one mentorship (ana mentors newbie on the
// item it returns, o/r#1, a pull request when pull is set), a clock the
// test moves, and a resolver that counts its calls.
func effectsWorld(t *testing.T, pull bool) (*world, program.Item, *time.Time, *int) {
	t.Helper()
	w := newWorld(t)
	it := program.Item{Repo: repo, InstallationID: 7, Kind: program.KindIssue}
	if pull {
		it.Kind = program.KindPullRequest
		it.Number = w.emu.OpenPullRequest(repo.Owner, repo.Name, "newbie", ghemu.PullOptions{Title: "Fix"})
	} else {
		it.Number = w.emu.OpenIssue(repo.Owner, repo.Name, "newbie", ghemu.IssueOptions{Title: "Help"})
	}
	now := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
	resolves := 0
	w.svc.Now = func() time.Time { return now }
	w.svc.Resolve = func(context.Context, int64, program.Repo) (mentoring.GitHub, *repoconfig.Config, error) {
		resolves++
		return w.gh, nil, nil
	}
	only := func(map[string]store.MentorLoad, string) string { return "ana" }
	m := store.Mentorship{Repo: repo.FullName(), Number: it.Number, Owner: repo.Owner, InstallationID: it.InstallationID, Mentee: "newbie"}
	if _, _, err := w.svc.Store.Assign(context.Background(), m, only); err != nil {
		t.Fatal(err)
	}
	return w, it, &now, &resolves
}

// The sweep reads only the store while nothing is due; a failed effect
// waits for its time, then is done once.
func TestEffectsSweepIsDueDriven(t *testing.T) {
	w, it, now, resolves := effectsWorld(t, false)
	ctx := context.Background()
	if err := w.svc.ApplyDueEffects(ctx); err != nil || *resolves != 0 {
		t.Fatalf("sweep with nothing pending: %v, %d clients made", err, *resolves)
	}
	fx := mentoring.Effects(it, [3]string{mentoring.EffectComment, "nudge:o/r#1:ana", "hello"})
	if _, err := w.svc.Store.Nudge(ctx, "o/r", it.Number, "ana", *now, "nudge:o/r#1:1", fx); err != nil {
		t.Fatal(err)
	}
	w.emu.InjectFault(ghemu.Fault{Method: "POST", Path: "/repos/*/*/issues/*/comments", Status: 502, Times: 1})
	if err := mentoring.ApplyEffects(w.svc, ctx, w.gh, "o/r", it.Number); err == nil {
		t.Fatal("want the failure")
	}
	w.emu.ResetCalls()
	if err := w.svc.ApplyDueEffects(ctx); err != nil || *resolves != 0 || len(w.emu.Calls()) != 0 {
		t.Fatalf("sweep before the retry time: %v, %d clients, %d GitHub calls", err, *resolves, len(w.emu.Calls()))
	}
	*now = now.Add(mentoring.EffectRetryBase)
	for range 2 {
		if err := w.svc.ApplyDueEffects(ctx); err != nil {
			t.Fatal(err)
		}
	}
	if creates, _ := w.writes(it.Number); *resolves != 1 || creates != 1 {
		t.Fatalf("after the retry time: %d clients, %d comments created", *resolves, creates)
	}
	if c := w.only(t, it.Number); c.Body != "hello\n\n"+mentoring.Marker("nudge:o/r#1:ana") {
		t.Fatalf("comment %q", c.Body)
	}
}

// What GitHub refuses for about a day is given up, logged, and the
// effects after it still run.
func TestEffectGivenUpAfterItsLastTry(t *testing.T) {
	w, it, now, _ := effectsWorld(t, true)
	ctx := context.Background()
	w.emu.InjectFault(ghemu.Fault{Method: "POST", Path: "/repos/*/*/issues/*/assignees", Status: 502}) // every assignment
	fx := mentoring.Effects(it, [3]string{mentoring.EffectAssign, "ana", ""}, [3]string{mentoring.EffectComment, "nudge:o/r#1:ana", "hello"})
	if _, err := w.svc.Store.Nudge(ctx, "o/r", it.Number, "ana", *now, "nudge:o/r#1:1", fx); err != nil {
		t.Fatal(err)
	}
	for i := range mentoring.MaxEffectAttempts {
		err := w.svc.ApplyDueEffects(ctx)
		if last := i == mentoring.MaxEffectAttempts-1; (err == nil) != last {
			t.Fatalf("try %d: %v", i+1, err)
		}
		*now = now.Add(mentoring.EffectRetryMax)
	}
	if creates, _ := w.writes(it.Number); creates != 1 {
		t.Fatalf("%d comments after the assignment was given up, want 1", creates)
	}
	w.only(t, it.Number)
	if got := w.emu.Assignees(repo.Owner, repo.Name, it.Number); len(got) != 0 {
		t.Fatalf("assignees %v after every assignment was refused", got)
	}
	if pending, _ := w.svc.Store.PendingEffects(ctx, "o/r", it.Number); len(pending) != 0 {
		t.Fatalf("pending %+v", pending)
	}
}
