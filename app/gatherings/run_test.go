package gatherings

import (
	"context"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/mentorbot/mentorbot/app/program"
	"github.com/mentorbot/mentorbot/app/repoconfig"
	"github.com/mentorbot/mentorbot/app/store"
)

func TestAnnouncementIsPostedOnceWhenDue(t *testing.T) {
	t.Parallel()
	w := newWorld(t, baseConfig)
	w.gh.addRepo(community, true, "General", "Office Hours")
	w.gh.tasks = []program.IssueRef{{Number: 5, Title: "Fix @someone's typo", URL: "https://github.example/acme/widgets/issues/5"}}
	if _, _, err := w.db.RecordContribution(context.Background(), store.Contribution{
		Repo: "acme/widgets", Number: 9, Owner: "acme", Kind: program.KindPullRequest, Login: "newbie", FirstTimer: true,
		OpenedAt: announceAt.Add(-48 * time.Hour),
	}); err != nil {
		t.Fatal(err)
	}

	w.mustRun(announceAt.Add(-time.Minute))
	if n := len(w.gh.discussions(community, "Office Hours")); n != 0 {
		t.Fatalf("%d announcements before the announcement time", n)
	}
	w.mustRun(announceAt)
	w.mustRun(announceAt.Add(time.Minute))
	w.mustRun(announceAt.Add(time.Hour))
	ds := w.gh.discussions(community, "Office Hours")
	if len(ds) != 1 {
		t.Fatalf("%d announcements, want 1", len(ds))
	}
	d := ds[0]
	if d.title != "acme office hours — Thu 3 Dec 2026, 17:00 UTC" {
		t.Fatalf("title %q", d.title)
	}
	for _, want := range []string{
		"Thu 3 Dec 2026, 17:00–18:00 UTC", "Europe/Berlin", "Thu 3 Dec, 18:00–19:00 CET (UTC+1)", "America/Los_Angeles",
		"Asia/Dubai", "Thu 3 Dec, 21:00–22:00 UTC+4", "timeanddate.com", "## Agenda", "Check-in", "## Ground rules",
		"## Accessibility", "## Facilitators", "**host**: @ana", "**note-taker**: @bo", "**activity designer**: @cy",
		"A warm welcome to @newbie", "## Starter tasks", "Fix @\u200Dsomeone's typo", "👍 attending, 😕 maybe",
		"<!-- mentorbot:office-hours:announcement:acme/community:2026-12-03T17:00Z -->",
	} {
		if !strings.Contains(d.body, want) {
			t.Errorf("announcement lacks %q:\n%s", want, d.body)
		}
	}
	post, err := w.db.GetHoursPost(context.Background(), community, "2026-12-03T17:00Z", store.HoursAnnouncement)
	if err != nil || post.State != store.HoursPosted || post.URL != d.url || post.DiscussionID != d.id || post.ConfigRepo != "acme/widgets" {
		t.Fatalf("stored announcement %+v %v", post, err)
	}
}

func TestLateAnnouncementAfterDowntimeButNoneForAPastSession(t *testing.T) {
	t.Parallel()
	w := newWorld(t, baseConfig)
	w.gh.addRepo(community, true, "Office Hours")
	w.mustRun(sessionStart.Add(-7*24*time.Hour - 72*time.Hour)) // the session a week before is announced
	// Down from then until an hour before the next session starts.
	w.mustRun(sessionStart.Add(-time.Hour))
	ds := w.gh.discussions(community, "Office Hours")
	if len(ds) != 2 || !strings.Contains(ds[1].title, "Thu 3 Dec 2026") {
		t.Fatalf("late announcement missing: %v", titles(ds))
	}
	// The week before's recap was still written, as a comment.
	if got := w.gh.botComments(ds[0]); len(got) != 1 || !strings.Contains(got[0].body, "Recap of the office hours") {
		t.Fatalf("recap of the earlier session: %d comments", len(got))
	}

	// Down over the whole of the next session: never announced, but recapped.
	w.mustRun(sessionStart.Add(7*24*time.Hour + 2*time.Hour))
	ds = w.gh.discussions(community, "Office Hours")
	if len(ds) != 3 {
		t.Fatalf("after downtime: %v", titles(ds))
	}
	if ds[2].title != "acme office hours recap — Thu 10 Dec 2026" {
		t.Fatalf("a past session was announced, or its recap is missing: %v", titles(ds))
	}
}

func TestNothingIsRecappedBeforeTheProgramStarted(t *testing.T) {
	t.Parallel()
	w := newWorld(t, baseConfig)
	w.gh.addRepo(community, true, "Office Hours")
	// First run ever, just after a session ended and before the next
	// announcement is due: nothing to do.
	w.mustRun(sessionStart.Add(2 * time.Hour))
	if ds := w.gh.discussions(community, "Office Hours"); len(ds) != 0 {
		t.Fatalf("posted %v", titles(ds))
	}
}

func titles(ds []*fakeDiscussion) []string {
	var out []string
	for _, d := range ds {
		out = append(out, d.title)
	}
	return out
}

func TestRecapCountsRSVPsCommentsAndNotes(t *testing.T) {
	t.Parallel()
	w := newWorld(t, baseConfig)
	w.gh.addRepo(community, true, "Office Hours")
	ctx := context.Background()
	w.mustRun(announceAt)
	ann := w.gh.discussions(community, "Office Hours")[0]
	ann.up, ann.confused = 3, 1
	w.gh.comment(ann, "", "newbie", "Looking forward!\n- [ ] Write the setup guide\n- [x] Fix the CI badge")
	top := w.gh.comment(ann, "", "ana", "/action Review @newbie's docs PR")
	w.gh.comment(ann, top.id, "newbie", "- [ ] write the SETUP guide") // the same item again

	w.now = sessionStart.Add(-time.Hour)
	for _, k := range []store.Kudo{
		{Source: "k1", Owner: "acme", Giver: "bo", Recipient: "newbie", Reason: "first PR @acme/core", GivenAt: w.now},
		{Source: "k2", Owner: "acme", Giver: "bo", Recipient: "cy", Reason: "later", GivenAt: sessionStart.Add(3 * time.Hour)},
	} {
		if _, err := w.db.AddKudo(ctx, k); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := w.db.AddFAQEntry(ctx, store.FAQEntry{Source: "f1", Owner: "acme", Author: "ana", Excerpt: "Run make test before pushing.",
		URL: ann.url + "#c1", SavedAt: w.now}); err != nil {
		t.Fatal(err)
	}
	if _, _, err := w.db.RecordContribution(ctx, store.Contribution{Repo: "acme/widgets", Number: 12, Owner: "acme",
		Kind: program.KindPullRequest, Login: "newbie", FirstTimer: true, OpenedAt: announceAt}); err != nil {
		t.Fatal(err)
	}
	w.db.RecordFirstResponse(ctx, "acme/widgets", 12, "ana", announceAt.Add(90*time.Minute))
	w.db.CloseContribution(ctx, "acme/widgets", 12, true, sessionStart.Add(-2*time.Hour))

	w.mustRun(sessionStart.Add(59 * time.Minute)) // not over yet
	if n := len(w.gh.botComments(ann)); n != 0 {
		t.Fatalf("recap before the end: %d", n)
	}
	w.mustRun(sessionStart.Add(time.Hour))
	w.mustRun(sessionStart.Add(time.Hour + time.Minute))
	recaps := w.gh.botComments(ann)
	if len(recaps) != 1 {
		t.Fatalf("%d recaps, want 1", len(recaps))
	}
	body := recaps[0].body
	for _, want := range []string{
		"👍 3 attending · 😕 1 maybe · 2 people commented in the announcement",
		"We welcomed @newbie", "acme/widgets#12 by @newbie: thank you!",
		"- @newbie: first PR @\u200Dacme/core (from bo)",
		"- [ ] Write the setup guide (newbie)", "- [x] Fix the CI badge (newbie)", "- [ ] Review @\u200Dnewbie's docs PR (ana)",
		"[Run make test before pushing.](" + ann.url + "#c1)",
		"| Time to first response (median) | 1 h 30 min (1 of 1 answered) |", "| First PRs merged | 1 of 1 |",
		"| RSVPs | 👍 3 · 😕 1 |", "React 👍 useful / 👎 not",
		"<!-- mentorbot:office-hours:recap:acme/community:2026-12-03T17:00Z -->",
	} {
		if !strings.Contains(body, want) {
			t.Errorf("recap lacks %q:\n%s", want, body)
		}
	}
	if strings.Count(strings.ToLower(body), "setup guide") != 1 || strings.Contains(body, "later") {
		t.Errorf("duplicate item or a kudo from after the session:\n%s", body)
	}
	post, _ := w.db.GetHoursPost(ctx, community, "2026-12-03T17:00Z", store.HoursRecap)
	if post.Attending != 3 || post.Maybe != 1 || post.Commenters != 2 || post.NodeID != recaps[0].id {
		t.Fatalf("stored recap %+v", post)
	}

	// The pulse of this recap feeds the next recap's satisfaction figure.
	recaps[0].up, recaps[0].down = 3, 1
	w.mustRun(sessionStart.Add(7*24*time.Hour - 72*time.Hour))
	w.mustRun(sessionStart.Add(7*24*time.Hour + time.Hour))
	next := w.gh.discussions(community, "Office Hours")[1]
	got := w.gh.botComments(next)
	if len(got) != 1 || !strings.Contains(got[0].body, "| Satisfaction (earlier recaps' pulse) | 75% (3/4) |") ||
		!strings.Contains(got[0].body, "- @cy: later (from bo)") {
		t.Fatalf("next recap:\n%v", got)
	}
	if n := len(w.gh.discussions(community, "Office Hours")); n != 2 {
		t.Fatalf("%d announcements, want 2", n)
	}
	stored, err := w.db.HoursRecaps(ctx, community, announceAt.Add(-time.Hour))
	up, rsvps := 0, 0
	for _, p := range stored {
		up, rsvps = up+p.PulseUp, rsvps+p.Attending+p.Maybe
	}
	if err != nil || len(stored) != 2 || up != 3 || rsvps != 4 {
		t.Fatalf("stored recaps %+v %v: %d 👍 and %d RSVPs, want 3 and 4", stored, err, up, rsvps)
	}
}

func TestRecapInItsOwnCategory(t *testing.T) {
	t.Parallel()
	w := newWorld(t, baseConfig+"  recap_category: Recaps\n")
	w.gh.addRepo(community, true, "Office Hours", "Recaps")
	w.mustRun(announceAt)
	w.mustRun(sessionStart.Add(2 * time.Hour))
	recaps := w.gh.discussions(community, "Recaps")
	if len(recaps) != 1 || recaps[0].title != "acme office hours recap — Thu 3 Dec 2026" ||
		!strings.Contains(recaps[0].body, "(["+"announcement]("+w.gh.discussions(community, "Office Hours")[0].url+"))") {
		t.Fatalf("recaps %v", titles(recaps))
	}
}

func TestMissingCategoryIsReportedOnceAndClosedWhenFixed(t *testing.T) {
	t.Parallel()
	w := newWorld(t, baseConfig)
	w.gh.addRepo(community, true, "General", "Q&A")
	for _, at := range []time.Duration{0, time.Minute, time.Hour} {
		if err := w.run(announceAt.Add(at)); err != nil {
			t.Fatalf("a setup problem failed the job: %v", err)
		}
	}
	issues := w.gh.openIssues()
	if len(issues) != 1 {
		t.Fatalf("%d issues, want 1", len(issues))
	}
	is := issues[0]
	if is.repo != "acme/widgets" || !strings.Contains(is.title, `category "Office Hours" is missing in acme/community`) ||
		!strings.Contains(is.body, "`General`, `Q&A`") || !strings.Contains(is.body, "office_hours.category") {
		t.Fatalf("issue %+v", is)
	}
	w.gh.addCategory(community, "Office Hours")
	w.mustRun(announceAt.Add(2 * time.Hour))
	if n := len(w.gh.discussions(community, "Office Hours")); n != 1 {
		t.Fatalf("%d announcements once fixed", n)
	}
	if len(w.gh.openIssues()) != 0 || !strings.Contains(is.comments[0], "Office hours work again") {
		t.Fatalf("the issue was not closed: %+v", is)
	}
}

func TestUnreachableRepositoryAndDiscussionsOff(t *testing.T) {
	t.Parallel()
	w := newWorld(t, baseConfig)
	w.mustRun(announceAt)
	w.mustRun(announceAt.Add(time.Minute))
	if issues := w.gh.openIssues(); len(issues) != 1 || !strings.Contains(issues[0].title, "cannot reach acme/community") {
		t.Fatalf("issues %+v", issues)
	}
	w.gh.addRepo(community, false)
	w.mustRun(announceAt.Add(2 * time.Minute)) // not checked again yet
	if issues := w.gh.openIssues(); len(issues) != 1 || !strings.Contains(issues[0].title, "cannot reach") {
		t.Fatalf("checked again within %s: %+v", problemBackoff, issues)
	}
	w.mustRun(announceAt.Add(problemBackoff + time.Minute))
	issues := w.gh.openIssues()
	if len(issues) != 1 || !strings.Contains(issues[0].title, "Discussions are turned off in acme/community") {
		t.Fatalf("issues %+v", issues)
	}
	if len(w.gh.issues) != 2 {
		t.Fatalf("the solved problem's issue stayed open or was posted again: %d", len(w.gh.issues))
	}
}

func TestMissingRecapCategoryDoesNotStopAnnouncements(t *testing.T) {
	t.Parallel()
	w := newWorld(t, baseConfig+"  recap_category: Recaps\n")
	w.gh.addRepo(community, true, "Office Hours")
	w.mustRun(announceAt)
	if n := len(w.gh.discussions(community, "Office Hours")); n != 1 {
		t.Fatalf("%d announcements", n)
	}
	w.mustRun(sessionStart.Add(2 * time.Hour))
	issues := w.gh.openIssues()
	if len(issues) != 1 || !strings.Contains(issues[0].title, `recap category "Recaps"`) {
		t.Fatalf("issues %+v", issues)
	}
	w.gh.addCategory(community, "Recaps")
	w.mustRun(sessionStart.Add(3 * time.Hour))
	if n := len(w.gh.discussions(community, "Recaps")); n != 1 || len(w.gh.openIssues()) != 0 {
		t.Fatalf("recap after the fix: %d, open issues %d", n, len(w.gh.openIssues()))
	}
}

func TestLostCreateIsFoundNotRepeated(t *testing.T) {
	t.Parallel()
	w := newWorld(t, baseConfig)
	w.gh.addRepo(community, true, "Office Hours")
	w.gh.loseCreates = 1
	if err := w.run(announceAt); err == nil {
		t.Fatal("a failed create was not reported")
	}
	w.mustRun(announceAt.Add(time.Minute))
	ds := w.gh.discussions(community, "Office Hours")
	if len(ds) != 1 {
		t.Fatalf("%d announcements after a lost answer, want 1", len(ds))
	}
	post, err := w.db.GetHoursPost(context.Background(), community, "2026-12-03T17:00Z", store.HoursAnnouncement)
	if err != nil || post.State != store.HoursPosted || post.DiscussionID != ds[0].id {
		t.Fatalf("stored %+v %v", post, err)
	}
}

func TestGitHubDownIsAnErrorAndTheNextRunTriesAgain(t *testing.T) {
	t.Parallel()
	w := newWorld(t, baseConfig)
	w.gh.addRepo(community, true, "Office Hours")
	w.gh.down = true
	if err := w.run(announceAt); err == nil {
		t.Fatal("no error while GitHub is down")
	}
	w.gh.down = false
	w.mustRun(announceAt.Add(time.Minute))
	if n := len(w.gh.discussions(community, "Office Hours")); n != 1 {
		t.Fatalf("%d announcements", n)
	}
}

func TestRolesRotateFairlyOverAYear(t *testing.T) {
	t.Parallel()
	w := newWorld(t, strings.Replace(baseConfig, "  - login: cy\n    timezone: Asia/Dubai\n",
		"  - login: cy\n    timezone: Asia/Dubai\n  - login: dee\n    away_until: 2027-03-01\n", 1))
	w.gh.addRepo(community, true, "Office Hours")
	turns := map[string]int{}
	start := sessionStart
	for i := 0; i < 52; i++ {
		s := start.AddDate(0, 0, 7*i)
		w.mustRun(s.Add(-72 * time.Hour))
		roles, err := w.db.HoursRoles(context.Background(), community, s)
		if err != nil {
			t.Fatal(err)
		}
		var now []string
		for _, r := range roles {
			if r.Start.Equal(s) {
				now = append(now, r.Login)
				turns[r.Login]++
			}
		}
		if len(now) != 3 || len(slices.Compact(slices.Sorted(slices.Values(now)))) != 3 {
			t.Fatalf("session %d roles %v", i, now)
		}
		if s.Before(time.Date(2027, 3, 1, 0, 0, 0, 0, time.UTC)) && slices.Contains(now, "dee") {
			t.Fatalf("dee is away until March but has a role on %s", s)
		}
	}
	lo, hi := 1000, 0
	for _, l := range []string{"ana", "bo", "cy"} {
		lo, hi = min(lo, turns[l]), max(hi, turns[l])
	}
	if hi-lo > 1 || turns["dee"] == 0 {
		t.Fatalf("unfair rotation: %v", turns)
	}
}

func TestByTargetPrefersTheTargetsOwnConfiguration(t *testing.T) {
	t.Parallel()
	c, err := repoconfig.Parse([]byte(baseConfig))
	if err != nil {
		t.Fatal(err)
	}
	cfg := func(repo string) Program {
		return Program{InstallationID: 1, Repo: program.Repo{Owner: "acme", Name: repo}, Config: c}
	}
	got := byTarget([]Program{cfg("widgets"), cfg("community"), cfg("apps")})
	if len(got) != 1 || got[0].Repo.Name != "community" {
		t.Fatalf("kept %+v", got)
	}
	got = byTarget([]Program{cfg("widgets"), cfg("apps")})
	if len(got) != 1 || got[0].Repo.Name != "apps" {
		t.Fatalf("kept %+v", got)
	}
}
