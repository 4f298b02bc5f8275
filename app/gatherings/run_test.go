package gatherings_test

import (
	"context"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/mentorbot/mentorbot/app/gatherings"
	"github.com/mentorbot/mentorbot/app/ghemu"
	"github.com/mentorbot/mentorbot/app/program"
	"github.com/mentorbot/mentorbot/app/store"
)

func TestAnnouncementIsPostedOnceWhenDue(t *testing.T) {
	t.Parallel()
	w := newWorld(t, baseConfig)
	w.addRepo(community, true, "General", "Office Hours")
	w.emu.OpenIssue(owner, "widgets", "maintainer", ghemu.IssueOptions{Title: "Fix @someone's typo", Labels: []string{"good first issue"}})
	if _, _, err := w.db.RecordContribution(context.Background(), store.Contribution{
		Repo: "acme/widgets", Number: 9, Owner: "acme", Kind: program.KindPullRequest, Login: "newbie", FirstTimer: true,
		OpenedAt: announceAt.Add(-48 * time.Hour),
	}); err != nil {
		t.Fatal(err)
	}

	w.mustRun(announceAt.Add(-time.Minute))
	if n := len(w.discussions("Office Hours")); n != 0 {
		t.Fatalf("%d announcements before the announcement time", n)
	}
	w.mustRun(announceAt)
	w.mustRun(announceAt.Add(time.Minute))
	w.mustRun(announceAt.Add(time.Hour))
	ds := w.discussions("Office Hours")
	if len(ds) != 1 {
		t.Fatalf("%d announcements, want 1", len(ds))
	}
	d := ds[0]
	if d.Title != "acme office hours — Thu 3 Dec 2026, 17:00 UTC" {
		t.Fatalf("title %q", d.Title)
	}
	for _, want := range []string{
		"Thu 3 Dec 2026, 17:00–18:00 UTC", "Europe/Berlin", "Thu 3 Dec, 18:00–19:00 CET (UTC+1)", "America/Los_Angeles",
		"Asia/Dubai", "Thu 3 Dec, 21:00–22:00 UTC+4", "timeanddate.com", "## Agenda", "Check-in", "## Ground rules",
		"## Accessibility", "## Facilitators", "**host**: @ana", "**note-taker**: @bo", "**activity designer**: @cy",
		"A warm welcome to @newbie", "## Starter tasks", "Fix @\u200Dsomeone's typo", "👍 attending, 😕 maybe",
		"<!-- mentorbot:office-hours:announcement:acme/community:2026-12-03T17:00Z -->",
	} {
		if !strings.Contains(d.Body, want) {
			t.Errorf("announcement lacks %q:\n%s", want, d.Body)
		}
	}
	post, err := w.db.GetHoursPost(context.Background(), community, "2026-12-03T17:00Z", store.HoursAnnouncement)
	if err != nil || post.State != store.HoursPosted || !strings.HasSuffix(post.URL, discussionURL(d.Number)) || post.DiscussionID != d.NodeID || post.ConfigRepo != "acme/widgets" {
		t.Fatalf("stored announcement %+v %v", post, err)
	}
}

func TestLateAnnouncementAfterDowntimeButNoneForAPastSession(t *testing.T) {
	t.Parallel()
	w := newWorld(t, baseConfig)
	w.addRepo(community, true, "Office Hours")
	w.mustRun(sessionStart.Add(-7*24*time.Hour - 72*time.Hour)) // the session a week before is announced
	// Down from then until an hour before the next session starts.
	w.mustRun(sessionStart.Add(-time.Hour))
	ds := w.discussions("Office Hours")
	if len(ds) != 2 || !strings.Contains(ds[1].Title, "Thu 3 Dec 2026") {
		t.Fatalf("late announcement missing: %v", titles(ds))
	}
	// The week before's recap was still written, as a comment.
	if got := w.botComments(ds[0].Number); len(got) != 1 || !strings.Contains(got[0].Body, "Recap of the office hours") {
		t.Fatalf("recap of the earlier session: %d comments", len(got))
	}

	// Down over the whole of the next session: never announced, but recapped.
	w.mustRun(sessionStart.Add(7*24*time.Hour + 2*time.Hour))
	ds = w.discussions("Office Hours")
	if len(ds) != 3 {
		t.Fatalf("after downtime: %v", titles(ds))
	}
	if ds[2].Title != "acme office hours recap — Thu 10 Dec 2026" {
		t.Fatalf("a past session was announced, or its recap is missing: %v", titles(ds))
	}
}

func TestNothingIsRecappedBeforeTheProgramStarted(t *testing.T) {
	t.Parallel()
	w := newWorld(t, baseConfig)
	w.addRepo(community, true, "Office Hours")
	// First run ever, just after a session ended and before the next
	// announcement is due: nothing to do.
	w.mustRun(sessionStart.Add(2 * time.Hour))
	if ds := w.discussions("Office Hours"); len(ds) != 0 {
		t.Fatalf("posted %v", titles(ds))
	}
}

func titles(ds []ghemu.Discussion) []string {
	var out []string
	for _, d := range ds {
		out = append(out, d.Title)
	}
	return out
}

func TestRecapCountsRSVPsCommentsAndNotes(t *testing.T) {
	t.Parallel()
	w := newWorld(t, baseConfig)
	w.addRepo(community, true, "Office Hours")
	ctx := context.Background()
	w.mustRun(announceAt)
	ann := w.discussions("Office Hours")[0]
	for _, u := range []string{"u1", "u2", "u3"} {
		w.emu.ReactToDiscussion(owner, "community", ann.Number, u, "THUMBS_UP")
	}
	w.emu.ReactToDiscussion(owner, "community", ann.Number, "u4", "CONFUSED")
	w.comment(ann.Number, "", "newbie", "Looking forward!\n- [ ] Write the setup guide\n- [x] Fix the CI badge")
	top := w.comment(ann.Number, "", "ana", "/action Review @newbie's docs PR")
	w.comment(ann.Number, top.NodeID, "newbie", "- [ ] write the SETUP guide") // the same item again
	annURL := "https://github.example" + discussionURL(ann.Number)

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
		URL: annURL + "#c1", SavedAt: w.now}); err != nil {
		t.Fatal(err)
	}
	if _, _, err := w.db.RecordContribution(ctx, store.Contribution{Repo: "acme/widgets", Number: 12, Owner: "acme",
		Kind: program.KindPullRequest, Login: "newbie", FirstTimer: true, OpenedAt: announceAt}); err != nil {
		t.Fatal(err)
	}
	w.db.RecordFirstResponse(ctx, "acme/widgets", 12, "ana", announceAt.Add(90*time.Minute))
	w.db.CloseContribution(ctx, "acme/widgets", 12, true, sessionStart.Add(-2*time.Hour))

	w.mustRun(sessionStart.Add(59 * time.Minute)) // not over yet
	if n := len(w.botComments(ann.Number)); n != 0 {
		t.Fatalf("recap before the end: %d", n)
	}
	w.mustRun(sessionStart.Add(time.Hour))
	w.mustRun(sessionStart.Add(time.Hour + time.Minute))
	recaps := w.botComments(ann.Number)
	if len(recaps) != 1 {
		t.Fatalf("%d recaps, want 1", len(recaps))
	}
	body := recaps[0].Body
	for _, want := range []string{
		"👍 3 attending · 😕 1 maybe · 2 people commented in the announcement",
		"We welcomed @newbie", "acme/widgets#12 by @newbie: thank you!",
		"- @newbie: first PR @\u200Dacme/core (from bo)",
		"- [ ] Write the setup guide (newbie)", "- [x] Fix the CI badge (newbie)", "- [ ] Review @\u200Dnewbie's docs PR (ana)",
		"[Run make test before pushing.](" + annURL + "#c1)",
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
	if post.Attending != 3 || post.Maybe != 1 || post.Commenters != 2 || post.NodeID != recaps[0].NodeID {
		t.Fatalf("stored recap %+v", post)
	}

	// The pulse of this recap feeds the next recap's satisfaction figure.
	for i, r := range []string{"THUMBS_UP", "THUMBS_UP", "THUMBS_UP", "THUMBS_DOWN"} {
		w.emu.ReactToDiscussionComment(owner, "community", ann.Number, recaps[0].NodeID, "v"+strconv.Itoa(i), r)
	}
	w.mustRun(sessionStart.Add(7*24*time.Hour - 72*time.Hour))
	w.mustRun(sessionStart.Add(7*24*time.Hour + time.Hour))
	next := w.discussions("Office Hours")[1]
	got := w.botComments(next.Number)
	if len(got) != 1 || !strings.Contains(got[0].Body, "| Satisfaction (earlier recaps' pulse) | 75% (3/4) |") ||
		!strings.Contains(got[0].Body, "- @cy: later (from bo)") {
		t.Fatalf("next recap:\n%v", got)
	}
	if n := len(w.discussions("Office Hours")); n != 2 {
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
	w.addRepo(community, true, "Office Hours", "Recaps")
	w.mustRun(announceAt)
	w.mustRun(sessionStart.Add(2 * time.Hour))
	recaps := w.discussions("Recaps")
	if len(recaps) != 1 || recaps[0].Title != "acme office hours recap — Thu 3 Dec 2026" ||
		!strings.Contains(recaps[0].Body, discussionURL(w.discussions("Office Hours")[0].Number)+"))") ||
		!strings.Contains(recaps[0].Body, "([announcement](") {
		t.Fatalf("recaps %v", titles(recaps))
	}
}

func TestMissingCategoryIsReportedOnceAndClosedWhenFixed(t *testing.T) {
	t.Parallel()
	w := newWorld(t, baseConfig)
	w.addRepo(community, true, "General", "Q&A")
	for _, at := range []time.Duration{0, time.Minute, time.Hour} {
		if err := w.run(announceAt.Add(at)); err != nil {
			t.Fatalf("a setup problem failed the job: %v", err)
		}
	}
	issues := w.openIssues()
	if len(issues) != 1 {
		t.Fatalf("%d issues, want 1", len(issues))
	}
	is := issues[0]
	if !strings.Contains(is.Title, `category "Office Hours" is missing in acme/community`) ||
		!strings.Contains(is.Body, "`General`") || !strings.Contains(is.Body, "`Q&A`") || !strings.Contains(is.Body, "office_hours.category") {
		t.Fatalf("issue %+v", is)
	}
	w.addCategory(community, "Office Hours")
	w.mustRun(announceAt.Add(2 * time.Hour))
	if n := len(w.discussions("Office Hours")); n != 1 {
		t.Fatalf("%d announcements once fixed", n)
	}
	if len(w.openIssues()) != 0 || !strings.Contains(strings.Join(w.issueComments(is.Number), "\n"), "Office hours work again") {
		t.Fatalf("the issue was not closed: %+v", is)
	}
}

func TestUnreachableRepositoryAndDiscussionsOff(t *testing.T) {
	t.Parallel()
	w := newWorld(t, baseConfig)
	w.mustRun(announceAt)
	w.mustRun(announceAt.Add(time.Minute))
	if issues := w.openIssues(); len(issues) != 1 || !strings.Contains(issues[0].Title, "cannot reach acme/community") {
		t.Fatalf("issues %+v", issues)
	}
	w.addRepo(community, false)
	w.mustRun(announceAt.Add(2 * time.Minute)) // not checked again yet
	if issues := w.openIssues(); len(issues) != 1 || !strings.Contains(issues[0].Title, "cannot reach") {
		t.Fatalf("checked again within %s: %+v", gatherings.ProblemBackoff, issues)
	}
	w.mustRun(announceAt.Add(gatherings.ProblemBackoff + time.Minute))
	issues := w.openIssues()
	if len(issues) != 1 || !strings.Contains(issues[0].Title, "Discussions are turned off in acme/community") {
		t.Fatalf("issues %+v", issues)
	}
	if n := len(w.emu.Issues(owner, "widgets")); n != 2 {
		t.Fatalf("the solved problem's issue stayed open or was posted again: %d", n)
	}
}

func TestMissingRecapCategoryDoesNotStopAnnouncements(t *testing.T) {
	t.Parallel()
	w := newWorld(t, baseConfig+"  recap_category: Recaps\n")
	w.addRepo(community, true, "Office Hours")
	w.mustRun(announceAt)
	if n := len(w.discussions("Office Hours")); n != 1 {
		t.Fatalf("%d announcements", n)
	}
	w.mustRun(sessionStart.Add(2 * time.Hour))
	issues := w.openIssues()
	if len(issues) != 1 || !strings.Contains(issues[0].Title, `recap category "Recaps"`) {
		t.Fatalf("issues %+v", issues)
	}
	w.addCategory(community, "Recaps")
	w.mustRun(sessionStart.Add(3 * time.Hour))
	if n := len(w.discussions("Recaps")); n != 1 || len(w.openIssues()) != 0 {
		t.Fatalf("recap after the fix: %d, open issues %d", n, len(w.openIssues()))
	}
}

func TestLostCreateIsFoundNotRepeated(t *testing.T) {
	t.Parallel()
	w := newWorld(t, baseConfig)
	w.addRepo(community, true, "Office Hours")
	w.emu.InjectFault(ghemu.Fault{Path: "/api/graphql", Mutation: "createDiscussion", AfterWrite: true, Times: 1})
	if err := w.run(announceAt); err == nil {
		t.Fatal("a failed create was not reported")
	}
	w.mustRun(announceAt.Add(time.Minute))
	ds := w.discussions("Office Hours")
	if len(ds) != 1 {
		t.Fatalf("%d announcements after a lost answer, want 1", len(ds))
	}
	post, err := w.db.GetHoursPost(context.Background(), community, "2026-12-03T17:00Z", store.HoursAnnouncement)
	if err != nil || post.State != store.HoursPosted || post.DiscussionID != ds[0].NodeID {
		t.Fatalf("stored %+v %v", post, err)
	}
}

func TestGitHubDownIsAnErrorAndTheNextRunTriesAgain(t *testing.T) {
	t.Parallel()
	w := newWorld(t, baseConfig)
	w.addRepo(community, true, "Office Hours")
	remove := w.emu.InjectFault(ghemu.Fault{Path: "/api/graphql", Status: 502})
	if err := w.run(announceAt); err == nil {
		t.Fatal("no error while GitHub is down")
	}
	remove()
	w.mustRun(announceAt.Add(time.Minute))
	if n := len(w.discussions("Office Hours")); n != 1 {
		t.Fatalf("%d announcements", n)
	}
}

func TestRolesRotateFairlyOverAYear(t *testing.T) {
	t.Parallel()
	w := newWorld(t, strings.Replace(baseConfig, "  - login: cy\n    timezone: Asia/Dubai\n",
		"  - login: cy\n    timezone: Asia/Dubai\n  - login: dee\n    away_until: 2027-03-01\n", 1),
		func(o *ghemu.Options) { o.ContentPerMinute, o.ContentPerHour = 1000, 1000 }) // a year of posts within seconds
	w.addRepo(community, true, "Office Hours")
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
