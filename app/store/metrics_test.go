package store

import (
	"context"
	"io/fs"
	"testing"
	"time"

	"github.com/pressly/goose/v3"

	"github.com/mentorbot/mentorbot/app/figures"
	"github.com/mentorbot/mentorbot/app/program"
)

var metricsNow = time.Date(2026, 6, 15, 12, 0, 0, 0, time.UTC)

func daysAgo(n float64) time.Time { return metricsNow.Add(-time.Duration(n * float64(figures.Day))) }

// record stores a contribution the way the handlers do.
func record(t *testing.T, db *DB, repo string, number int, kind, login string, firstTimer bool, opened time.Time) {
	t.Helper()
	_, _, err := db.RecordContribution(context.Background(), Contribution{Repo: repo, Number: number, Owner: ownerOf(repo), Kind: kind,
		Login: login, FirstTimer: firstTimer, OpenedAt: opened})
	if err != nil {
		t.Fatal(err)
	}
}

func newcomerRows(t *testing.T, db *DB) map[string][2]time.Time {
	t.Helper()
	out := map[string][2]time.Time{}
	rows, err := db.r.Query(`SELECT owner || '/' || login || '@' || repo, first_at, returned_at FROM metric_newcomers`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	for rows.Next() {
		var k string
		var first, back int64
		if err := rows.Scan(&k, &first, &back); err != nil {
			t.Fatal(err)
		}
		out[k] = [2]time.Time{fromMillis(first), fromMillis(back)}
	}
	return out
}

func TestNewcomersFollowContributions(t *testing.T) {
	forEachStore(t, func(t *testing.T, db *DB) {
		record(t, db, "o/a", 1, program.KindPullRequest, "Ann", true, daysAgo(100))
		record(t, db, "o/b", 2, program.KindIssue, "ann", false, daysAgo(50)) // back, other repository, other case
		record(t, db, "o/a", 3, program.KindIssue, "ann", false, daysAgo(10)) // later again: the first return stays
		record(t, db, "o/a", 4, program.KindIssue, "bob", true, daysAgo(30))
		record(t, db, "p/a", 5, program.KindIssue, "bob", false, daysAgo(20)) // another owner: not a return
		// Out of order: cy's issue (a first-timer's) arrives after a later pull request.
		record(t, db, "o/a", 6, program.KindPullRequest, "cy", true, daysAgo(5))
		record(t, db, "o/b", 7, program.KindIssue, "cy", true, daysAgo(8))
		record(t, db, "o/a", 8, program.KindPullRequest, "dee", false, daysAgo(8)) // never a first-timer
		got := newcomerRows(t, db)
		want := map[string][2]time.Time{
			"o/ann@o/a": {daysAgo(100), daysAgo(50)},
			"o/bob@o/a": {daysAgo(30), {}},
			"o/cy@o/b":  {daysAgo(8), daysAgo(5)},
		}
		if len(got) != len(want) {
			t.Fatalf("got %v", got)
		}
		for k, w := range want {
			if g, ok := got[k]; !ok || !g[0].Equal(w[0]) || !g[1].Equal(w[1]) {
				t.Errorf("%s: got %v, want %v", k, g, w)
			}
		}
	})
}

func TestMetricsMigrationBackfillsNewcomers(t *testing.T) {
	ctx := context.Background()
	db, err := open("sqlite://" + t.TempDir() + "/old.db")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	sub, err := fs.Sub(migrations, "migrations/sqlite")
	if err != nil {
		t.Fatal(err)
	}
	p, err := goose.NewProvider(goose.DialectSQLite3, db.w, sub)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := p.UpTo(ctx, 5); err != nil {
		t.Fatal(err)
	}
	record(t, db, "o/a", 1, program.KindIssue, "ann", true, daysAgo(100))
	record(t, db, "o/a", 2, program.KindPullRequest, "ann", true, daysAgo(90)) // a first-timer's PR after their issue
	record(t, db, "o/b", 3, program.KindPullRequest, "ann", false, daysAgo(80))
	record(t, db, "o/a", 4, program.KindIssue, "bob", true, daysAgo(10))
	if err := db.migrate(ctx); err != nil {
		t.Fatal(err)
	}
	got := newcomerRows(t, db)
	if len(got) != 2 || !got["o/ann@o/a"][0].Equal(daysAgo(100)) || !got["o/ann@o/a"][1].Equal(daysAgo(90)) ||
		!got["o/bob@o/a"][1].IsZero() {
		t.Fatalf("backfill: %v", got)
	}
}

// seedProgram records a small program through the store's own API.
func seedProgram(t *testing.T, db *DB) {
	t.Helper()
	ctx := context.Background()
	c := &clock{t: daysAgo(40)}
	db.SetClock(c.now)
	pick := func(name string) Chooser {
		return func(map[string]MentorLoad, string) string { return name }
	}
	// Previous period: one first-timer, answered after 2 hours.
	record(t, db, "o/a", 1, program.KindPullRequest, "old", true, daysAgo(40))
	if _, err := db.RecordFirstResponse(ctx, "o/a", 1, "ana", daysAgo(40).Add(2*time.Hour)); err != nil {
		t.Fatal(err)
	}
	if _, _, err := db.Assign(ctx, Mentorship{Repo: "o/a", Number: 1, Owner: "o", Kind: program.KindPullRequest, Mentee: "old"}, pick("cy")); err != nil {
		t.Fatal(err)
	}
	// This period.
	c.t = daysAgo(10)
	record(t, db, "o/a", 10, program.KindPullRequest, "ann", true, daysAgo(10))
	record(t, db, "o/a", 11, program.KindIssue, "bob", true, daysAgo(9))
	record(t, db, "o/b", 12, program.KindPullRequest, "cy2", true, daysAgo(8))
	record(t, db, "o/a", 13, program.KindPullRequest, "regular", false, daysAgo(7))
	for _, r := range []struct {
		repo   string
		number int
		who    string
		after  time.Duration
	}{{"o/a", 10, "ana", time.Hour}, {"o/a", 11, "bo", 5 * time.Hour}, {"o/a", 13, "ana", time.Minute}} {
		opened := map[int]time.Time{10: daysAgo(10), 11: daysAgo(9), 13: daysAgo(7)}[r.number]
		if _, err := db.RecordFirstResponse(ctx, r.repo, r.number, r.who, opened.Add(r.after)); err != nil {
			t.Fatal(err)
		}
	}
	if err := db.CloseContribution(ctx, "o/a", 10, true, daysAgo(7)); err != nil {
		t.Fatal(err)
	}
	for _, m := range []struct {
		repo   string
		number int
		mentee string
		mentor string
	}{{"o/a", 10, "ann", "ana"}, {"o/a", 11, "bob", "bo"}, {"o/b", 12, "cy2", ""}} {
		if _, _, err := db.Assign(ctx, Mentorship{Repo: m.repo, Number: m.number, Owner: "o", Kind: program.KindPullRequest, Mentee: m.mentee}, pick(m.mentor)); err != nil {
			t.Fatal(err)
		}
	}
	if _, _, err := db.EndMentorship(ctx, "o/a", 10, "merged"); err != nil {
		t.Fatal(err)
	}
	if err := db.SetMentorAway(ctx, "o", "cy", true, time.Time{}); err != nil {
		t.Fatal(err)
	}
	// Claims: one completed, one held.
	for _, n := range []int{20, 21, 22} {
		tk := StarterTask{Repo: "o/a", Number: n, Owner: "o", InstallationID: 1, Title: "Task", URL: "https://example.test/o/a/issues/" + string(rune('0'+n-20)), Labels: []string{"good first issue"}}
		if _, _, err := db.OpenStarterTask(ctx, tk); err != nil {
			t.Fatal(err)
		}
	}
	for _, r := range []struct {
		n     int
		login string
	}{{20, "ann"}, {21, "bob"}} {
		req := ClaimRequest{Key: "k" + r.login, Task: StarterTask{Repo: "o/a", Number: r.n, Owner: "o"}, Login: r.login, Max: 2}
		if _, err := db.Claim(ctx, req, func(ClaimResult) []ClaimEffect { return nil }); err != nil {
			t.Fatal(err)
		}
	}
	c.t = daysAgo(6)
	if _, err := db.CompleteStarterTask(ctx, CompleteRequest{Repo: "o/a", Number: 20, Login: "ann", PR: 10}, func(CompleteResult) []ClaimEffect { return nil }); err != nil {
		t.Fatal(err)
	}
	c.t = daysAgo(2)
	if _, err := db.RecordPathStep(ctx, PathStep{Owner: "o", Login: "ann", Step: StepNextStep, Repo: "o/b", Number: 30, At: daysAgo(2)}); err != nil {
		t.Fatal(err)
	}
	// Office hours: a recap in the period, an announcement to come.
	for _, p := range []HoursPost{
		{Target: "o/community", SessionKey: "s1", Kind: HoursRecap, Owner: "o", ConfigRepo: "o/a", Start: daysAgo(3), End: daysAgo(3).Add(time.Hour), Attending: 4, Maybe: 1, URL: "https://example.test/d/1"},
		{Target: "o/community", SessionKey: "s2", Kind: HoursAnnouncement, Owner: "o", ConfigRepo: "o/a", Start: metricsNow.Add(48 * time.Hour), End: metricsNow.Add(49 * time.Hour), URL: "https://example.test/d/2"},
	} {
		if _, ok, err := db.ClaimHoursPost(ctx, p, time.Hour); err != nil || !ok {
			t.Fatalf("claim post: %v %v", ok, err)
		}
		if err := db.SaveHoursPost(ctx, p); err != nil {
			t.Fatal(err)
		}
	}
	if err := db.SaveHoursPulse(ctx, "o/community", "s1", 3, 1); err != nil {
		t.Fatal(err)
	}
	db.SetClock(func() time.Time { return metricsNow })
}

func TestLoadMetrics(t *testing.T) {
	forEachStore(t, func(t *testing.T, db *DB) {
		seedProgram(t, db)
		ctx := context.Background()
		p := figures.Last(metricsNow, 30*figures.Day)
		var steps []int
		d, err := db.LoadMetrics(ctx, figures.Scope{}, figures.Needs(p, 6), func(done, total int) { steps = append(steps, done*100+total) })
		if err != nil {
			t.Fatal(err)
		}
		if n := len(steps); n < 8 || steps[0] != 100+n || steps[n-1] != n*101 {
			t.Errorf("progress %v", steps)
		}
		f := figures.Compute(d, figures.Scope{Owner: "o"}, p)
		if f.Newcomers != 3 || f.Response.Answered() != 2 || f.Response.Unanswered != 1 || f.Response.Times.Median != 3*time.Hour {
			t.Errorf("response: newcomers %d %+v", f.Newcomers, f.Response.Times)
		}
		if f.FirstPRs.Opened != 2 || f.FirstPRs.Merged != 1 || f.FirstPRs.Open != 1 || f.FirstPRs.ToMerge.Median != 3*figures.Day {
			t.Errorf("first PRs %+v", f.FirstPRs)
		}
		if f.Load.Active != 2 || f.Load.Waiting != 1 || len(f.Load.Mentors) != 3 || f.Load.Fairness.Value != 1 || !f.Load.Fairness.Defined {
			t.Errorf("load %+v", f.Load)
		}
		if f.Claims != (figures.Claims{Recorded: true, Claimed: 2, Completed: 1, Open: 1}) {
			t.Errorf("claims %+v", f.Claims)
		}
		if f.Progression != (figures.Progression{Recorded: true, Share: figures.Share{Part: 1, Whole: 1}}) {
			t.Errorf("progression %+v", f.Progression)
		}
		if f.Hours.Recaps != 1 || f.Hours.RSVPs != 5 || f.Hours.Satisfaction != (figures.Share{Part: 3, Whole: 4}) || f.Hours.Next == nil || f.Hours.Next.URL != "https://example.test/d/2" {
			t.Errorf("hours %+v", f.Hours)
		}
		prev := figures.Compute(d, figures.Scope{Owner: "o"}, p.Previous())
		if prev.Newcomers != 1 || prev.Response.Times.Median != 2*time.Hour || prev.Load.Mentors[0].Login != "cy" {
			t.Errorf("previous period: %+v", prev)
		}

		// A repository scope reads only its own rows.
		d, err = db.LoadMetrics(ctx, figures.RepoScope("O/B"), figures.Needs(p, 6), nil)
		if err != nil {
			t.Fatal(err)
		}
		if len(d.Items) != 1 || d.Items[0].Login != "cy2" || len(d.Open) != 1 || len(d.Claims) != 0 || len(d.Steps) != 1 {
			t.Errorf("repository scope read %+v", d)
		}
	})
}

func TestOpenTasksAndProgramCounts(t *testing.T) {
	forEachStore(t, func(t *testing.T, db *DB) {
		seedProgram(t, db)
		ctx := context.Background()
		tasks, total, err := db.OpenTasks(ctx, figures.Scope{Owner: "o"}, 10)
		if err != nil {
			t.Fatal(err)
		}
		if total != 2 || len(tasks) != 2 || tasks[0].Number != 22 || tasks[0].Claimant != "" || tasks[1].Claimant != "bob" {
			t.Errorf("tasks %d %+v", total, tasks)
		}
		if tasks, total, _ := db.OpenTasks(ctx, figures.RepoScope("o/b"), 10); total != 0 || len(tasks) != 0 {
			t.Errorf("o/b has no tasks: %+v", tasks)
		}
		counts, err := db.ProgramCounts(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if counts["o"] != (ProgramCounts{ActiveMentorships: 2, WaitingNewcomers: 1, OpenClaims: 1}) {
			t.Errorf("counts %+v", counts)
		}
	})
}
