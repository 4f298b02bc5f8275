package claims

import (
	"context"
	"database/sql"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/mentorbot/mentorbot/app/commands"
	"github.com/mentorbot/mentorbot/app/mentoring"
	"github.com/mentorbot/mentorbot/app/program"
	"github.com/mentorbot/mentorbot/app/repoconfig"
	"github.com/mentorbot/mentorbot/app/store"
)

// fakeGitHub records what the feature does and answers with set values.
type fakeGitHub struct {
	mu        sync.Mutex
	comments  map[int64]string
	assignees map[int][]string
	linked    []LinkedPR
	since     []CommentRef
	nextID    int64
}

func newFake() *fakeGitHub {
	return &fakeGitHub{comments: map[int64]string{}, assignees: map[int][]string{}}
}

func (f *fakeGitHub) IsOrgMember(context.Context, string, string) (bool, error) {
	return false, nil
}
func (f *fakeGitHub) CountAuthored(context.Context, string, string, string, time.Time) (int, error) {
	return 0, nil
}
func (f *fakeGitHub) PullRequestFiles(context.Context, program.Repo, int) ([]string, error) {
	return nil, nil
}
func (f *fakeGitHub) CreateComment(_ context.Context, _ program.Repo, _ int, body string) (int64, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.nextID++
	f.comments[f.nextID] = body
	return f.nextID, nil
}
func (f *fakeGitHub) EditComment(_ context.Context, _ program.Repo, id int64, body string) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.comments[id] = body
	return nil
}
func (f *fakeGitHub) FindComment(context.Context, program.Repo, int, string) (int64, bool, error) {
	return 0, false, nil
}
func (f *fakeGitHub) AddLabels(context.Context, program.Repo, int, []string) error { return nil }
func (f *fakeGitHub) RemoveLabel(context.Context, program.Repo, int, string) error { return nil }
func (f *fakeGitHub) AddAssignees(_ context.Context, _ program.Repo, n int, logins []string) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.assignees[n] = append(f.assignees[n], logins...)
	return nil
}
func (f *fakeGitHub) RemoveAssignees(_ context.Context, _ program.Repo, n int, _ []string) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.assignees[n] = nil
	return nil
}
func (f *fakeGitHub) RequestReviewers(context.Context, program.Repo, int, []string) error {
	return nil
}
func (f *fakeGitHub) RemoveReviewers(context.Context, program.Repo, int, []string) error {
	return nil
}
func (f *fakeGitHub) OpenIssues(context.Context, program.Repo, []string, int) ([]program.IssueRef, error) {
	return nil, nil
}
func (f *fakeGitHub) LinkedPullRequests(context.Context, program.Repo, int) ([]LinkedPR, error) {
	return f.linked, nil
}
func (f *fakeGitHub) CommentsSince(context.Context, program.Repo, int, time.Time) ([]CommentRef, error) {
	return f.since, nil
}
func (f *fakeGitHub) OpenLabeledIssues(context.Context, program.Repo, []string) ([]Issue, error) {
	return []Issue{{Number: 40, Title: "Next", URL: "http://ghe.test/o/r/issues/40", Labels: []string{"help wanted"}}}, nil
}

func (f *fakeGitHub) bodies() []string {
	f.mu.Lock()
	defer f.mu.Unlock()
	var out []string
	for _, b := range f.comments {
		out = append(out, b)
	}
	return out
}

// fixture is the service over a fresh SQLite store and the fake, with a
// clock the test moves, and one claim on o/r#7 by "newbie".
type fixture struct {
	svc *Service
	db  *store.DB
	gh  *fakeGitHub
	now time.Time
	cfg *repoconfig.Config
	raw *sql.DB // the same store, read directly
}

func newFixture(t *testing.T) *fixture {
	t.Helper()
	path := t.TempDir() + "/claims.db"
	db, err := store.Open(context.Background(), "sqlite://"+path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	raw, err := sql.Open("sqlite", "file:"+path+"?_pragma=busy_timeout(10000)&_pragma=query_only(1)")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { raw.Close() })
	fx := &fixture{gh: newFake(), db: db, now: time.Date(2026, 5, 4, 10, 0, 0, 0, time.UTC), raw: raw}
	fx.cfg, err = repoconfig.Parse([]byte("version: 1\nmentors:\n  - login: ana\n"))
	if err != nil {
		t.Fatal(err)
	}
	db.SetClock(func() time.Time { return fx.now })
	resolve := func(context.Context, int64, program.Repo) (mentoring.GitHub, *repoconfig.Config, error) {
		return fx.gh, fx.cfg, nil
	}
	mentorSvc := &mentoring.Service{Store: db, Now: func() time.Time { return fx.now }, Resolve: resolve}
	fx.svc = &Service{Store: db, Program: mentorSvc, Now: func() time.Time { return fx.now },
		Resolve: func(context.Context, int64, program.Repo) (GitHub, *repoconfig.Config, error) {
			return fx.gh, fx.cfg, nil
		}}
	it := program.Item{Repo: program.Repo{Owner: "o", Name: "r"}, Number: 7, InstallationID: 1, Kind: program.KindIssue, Labels: []string{"good first issue"}}
	ctx := context.Background()
	if err := fx.svc.Labeled(ctx, fx.gh, fx.cfg, it, "good first issue"); err != nil {
		t.Fatal(err)
	}
	_, keys, err := fx.svc.Commands(ctx, fx.gh, fx.cfg, it, program.Comment{ID: 1, Author: "newbie", Association: "NONE", Body: "/claim", CreatedAt: fx.now}, commands.Parse("/claim"))
	if err != nil {
		t.Fatal(err)
	}
	if err := fx.svc.Finished(ctx, keys); err != nil {
		t.Fatal(err)
	}
	return fx
}

func (fx *fixture) sweepAt(t *testing.T, d time.Duration) {
	t.Helper()
	fx.now = fx.now.Add(d)
	if err := fx.svc.Sweep(context.Background()); err != nil {
		t.Fatal(err)
	}
}

// claim reads the one claim on o/r#7, whatever its state; the service
// itself reads only active claims.
func (fx *fixture) claim(t *testing.T) store.Claim {
	t.Helper()
	var c store.Claim
	var activity int64
	var n int
	err := fx.raw.QueryRow(`SELECT COUNT(*), MAX(state), MAX(activity_at), MAX(linked_pr) FROM claims WHERE repo = 'o/r' AND number = 7`).
		Scan(&n, &c.State, &activity, &c.LinkedPR)
	if err != nil || n != 1 {
		t.Fatalf("%d claims on o/r#7 (%v), want 1", n, err)
	}
	c.ActivityAt = time.UnixMilli(activity).UTC()
	return c
}

func countBodies(bodies []string, s string) int {
	n := 0
	for _, b := range bodies {
		if strings.Contains(b, s) {
			n++
		}
	}
	return n
}

func TestSweepFindsACommentTheStoreMissed(t *testing.T) {
	fx := newFixture(t)
	fx.gh.since = []CommentRef{{Author: "Newbie", CreatedAt: fx.now.Add(5 * 24 * time.Hour)}, {Author: "someone", CreatedAt: fx.now.Add(9 * 24 * time.Hour)}}
	fx.sweepAt(t, 11*24*time.Hour)
	if got := countBodies(fx.gh.bodies(), "mentorbot:claim-remind:"); got != 0 {
		t.Fatal("reminded although the claimer commented on day 5")
	}
	if c := fx.claim(t); !c.ActivityAt.Equal(fx.now.Add(-6 * 24 * time.Hour)) {
		t.Fatalf("activity %v", c.ActivityAt)
	}
	fx.sweepAt(t, 5*24*time.Hour) // day 16: 11 days after the comment
	if got := countBodies(fx.gh.bodies(), "mentorbot:claim-remind:"); got != 1 {
		t.Fatalf("%d reminders", got)
	}
}

func TestSweepCompletesAClaimWhosePullRequestMerged(t *testing.T) {
	fx := newFixture(t)
	fx.gh.linked = []LinkedPR{{Repo: "o/r", Number: 9, Author: "someone-else", Merged: true}, {Repo: "O/R", Number: 12, Author: "newbie", State: "closed", Merged: true}}
	fx.sweepAt(t, 11*24*time.Hour)
	c := fx.claim(t)
	if c.State != store.ClaimCompleted || c.LinkedPR != 12 {
		t.Fatalf("claim %+v", c)
	}
	if got := countBodies(fx.gh.bodies(), "mentorbot:claim-done:"); got != 1 {
		t.Fatalf("%d thanks", got)
	}
	fx.sweepAt(t, 24*time.Hour)
	if got := countBodies(fx.gh.bodies(), "mentorbot:claim-done:"); got != 1 {
		t.Fatalf("%d thanks after a second sweep", got)
	}
}

func TestSweepEndsAClaimOnAClosedTask(t *testing.T) {
	fx := newFixture(t)
	ctx := context.Background()
	fx.gh.linked = []LinkedPR{{Repo: "o/r", Number: 12, Author: "newbie", State: "open"}}
	it := program.Item{Repo: program.Repo{Owner: "o", Name: "r"}, Number: 7, InstallationID: 1, Kind: program.KindIssue}
	if err := fx.svc.IssueClosed(ctx, fx.gh, fx.cfg, it); err != nil {
		t.Fatal(err)
	}
	if c := fx.claim(t); c.State != store.ClaimActive {
		t.Fatalf("a claim with an open pull request ended with the issue: %+v", c)
	}
	fx.gh.linked = []LinkedPR{{Repo: "o/r", Number: 12, Author: "newbie", State: "closed"}}
	fx.sweepAt(t, 11*24*time.Hour)
	if c := fx.claim(t); c.State != store.ClaimClosed {
		t.Fatalf("claim %+v", c)
	}
	if got := countBodies(fx.gh.bodies(), "mentorbot:claim-remind:"); got != 0 {
		t.Fatal("reminded on a closed issue")
	}
}

func TestCommandRetryAfterAFailureFinishesTheWork(t *testing.T) {
	fx := newFixture(t)
	ctx := context.Background()
	it := program.Item{Repo: program.Repo{Owner: "o", Name: "r"}, Number: 7, InstallationID: 1, Kind: program.KindIssue, Labels: []string{"good first issue"}}
	c := program.Comment{ID: 2, Author: "second", Body: "/claim", CreatedAt: fx.now}
	// The first attempt stored the decision but died before its reply.
	if _, err := fx.db.Claim(ctx, store.ClaimRequest{Key: "o/r#7:2:1", Login: "second", Max: 2, OfferHold: OfferHold,
		Task: store.StarterTask{Repo: "o/r", Number: 7, Owner: "o", InstallationID: 1}},
		func(r store.ClaimResult) []store.ClaimEffect {
			e := effectOn(it, "second")
			e.Key, e.Kind, e.Body = "claim-reply:o/r#7:2:1", effectComment, heldText("second", r.Claim, r.Position, nil)
			return []store.ClaimEffect{e}
		}); err != nil {
		t.Fatal(err)
	}
	var answers []string
	for i := 0; i < 3; i++ {
		a, keys, err := fx.svc.Commands(ctx, fx.gh, fx.cfg, it, c, commands.Parse(c.Body))
		if err != nil {
			t.Fatal(err)
		}
		answers = append(answers, a...)
		if i == 1 { // the first reply failed to post; the second made it
			if err := fx.svc.Finished(ctx, keys); err != nil {
				t.Fatal(err)
			}
		}
	}
	if got := countBodies(answers, "already claimed by `newbie`"); got != 2 {
		t.Fatalf("%d refusals, want one per attempt until the reply is out: %q", got, answers)
	}
	var waiting int
	if err := fx.raw.QueryRow(`SELECT COUNT(*) FROM claim_waiting WHERE repo = 'o/r' AND number = 7 AND state IN ('waiting', 'offered')`).Scan(&waiting); err != nil || waiting != 1 {
		t.Fatalf("%d in line (%v), want 1", waiting, err)
	}
}
