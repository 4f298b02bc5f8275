package app

import (
	"context"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/mentorbot/mentorbot/app/ghemu"
	"github.com/mentorbot/mentorbot/app/store"
)

func TestThreeNewcomersGetThreeMentors(t *testing.T) {
	w := newWorld(t, defaultMentorship)
	var prs []int
	for _, who := range []string{"newbie1", "newbie2", "newbie3"} {
		prs = append(prs, w.openPR(who))
		w.settle()
	}
	seen := map[string]bool{}
	for i, n := range prs {
		mentor := w.mentorOf(n)
		if mentor == "" || seen[mentor] {
			t.Fatalf("PR #%d got mentor %q (already: %v)", n, mentor, seen)
		}
		seen[mentor] = true
		body := w.welcome(n)
		for _, m := range mentions(body) {
			if m != mentor {
				t.Errorf("PR #%d mentions %s; only the mentor may be notified", n, m)
			}
		}
		_ = i
		if !strings.Contains(body, "Why this mentor?") {
			t.Errorf("PR #%d welcome lacks the explanation", n)
		}
		if labels := w.emu.Labels(org, repoName, n); !slices.Contains(labels, "first-time contributor") {
			t.Errorf("PR #%d labels %v", n, labels)
		}
		if a := w.emu.Assignees(org, repoName, n); !slices.Equal(a, []string{mentor}) {
			t.Errorf("PR #%d assignees %v, want %s", n, a, mentor)
		}
		if r := w.emu.RequestedReviewers(org, repoName, n); !slices.Equal(r, []string{mentor}) {
			t.Errorf("PR #%d reviewers %v, want %s", n, r, mentor)
		}
	}
}

func TestReturningContributorsAndMembersAreLeftAlone(t *testing.T) {
	w := newWorld(t, defaultMentorship)
	member := w.openPR("maintainer")
	w.settle()
	first := w.openPR("regular")
	w.settle()
	second := w.openPR("regular")
	w.settle()
	if c := w.botComments(member); len(c) != 0 {
		t.Fatalf("a member was welcomed: %q", c)
	}
	w.welcome(first)
	if c := w.botComments(second); len(c) != 0 {
		t.Fatalf("a returning contributor was welcomed again: %q", c)
	}
	// The search for earlier contributions is asked once per person.
	searches := 0
	for _, c := range w.emu.Calls() {
		if c.Path == "/search/issues" {
			searches++
		}
	}
	if searches > 1 {
		t.Fatalf("%d searches, want at most one (the maintainer is a member; the regular is looked up once)", searches)
	}
}

func TestRedeliveryPostsNothingNew(t *testing.T) {
	w := newWorld(t, defaultMentorship)
	n := w.openPR("newbie")
	w.settle()
	w.welcome(n)
	for _, d := range w.emu.Deliveries() {
		if d.Event == "pull_request" {
			if _, err := w.emu.Redeliver(d.ID); err != nil {
				t.Fatal(err)
			}
		}
	}
	w.settle()
	w.welcome(n) // still exactly one
	if got := len(w.botComments(n)); got != 1 {
		t.Fatalf("%d bot comments after redelivery", got)
	}
}

func TestAreaMentorIsPreferred(t *testing.T) {
	w := newWorld(t, defaultMentorship)
	w.openPR("someone") // takes the first mentor in rotation
	w.settle()
	n := w.openPR("docs-fan", "docs/guide.md")
	w.settle()
	if m := w.mentorOf(n); m != "ana" {
		t.Fatalf("docs change got %q, want ana (the docs mentor)", m)
	}
}

func TestMentorAtCapacityIsSkippedAndNewcomersWait(t *testing.T) {
	w := newWorld(t, `version: 1
mentors:
  - login: ana
    capacity: 1
  - login: bo
    capacity: 1
`)
	prs := []int{w.openPR("n1"), w.openPR("n2"), w.openPR("n3")}
	w.settle()
	// Workers run in parallel: which newcomer waits depends on who was
	// handled last, but exactly one waits and nobody is over capacity.
	var paired []int
	waiting := -1
	for _, n := range prs {
		m, _ := w.db.GetMentorship(context.Background(), org+"/"+repoName, n)
		switch m.State {
		case store.MentorshipActive:
			paired = append(paired, n)
		case store.MentorshipWaiting:
			waiting = n
		}
	}
	if len(paired) != 2 || waiting < 0 || w.mentorOf(paired[0]) == w.mentorOf(paired[1]) {
		t.Fatalf("paired %v waiting %d", paired, waiting)
	}
	if !slices.Contains(w.emu.Labels(org, repoName, waiting), "mentor wanted") {
		t.Fatalf("no mentor wanted label: %v", w.emu.Labels(org, repoName, waiting))
	}
	// A paired PR merges: its mentor frees up and takes the waiting newcomer.
	a := paired[0]
	freed := w.mentorOf(a)
	w.emu.MergePullRequest(org, repoName, a, "maintainer")
	w.settle()
	if got := w.mentorOf(waiting); got != freed {
		t.Fatalf("waiting newcomer got %q, want %q", got, freed)
	}
	if slices.Contains(w.emu.Labels(org, repoName, waiting), "mentor wanted") {
		t.Fatal("mentor wanted label stayed")
	}
	var merged string
	for _, body := range w.botComments(a) {
		if strings.Contains(body, "mentorbot:merged:") {
			merged = body
		}
	}
	if !strings.Contains(merged, "Merged!") {
		t.Fatalf("no celebration on the merged PR: %q", w.botComments(a))
	}
}

func TestMentorAwayTakesEffect(t *testing.T) {
	w := newWorld(t, defaultMentorship)
	n := w.openPR("newbie")
	w.settle()
	w.emu.Comment(org, repoName, n, "ana", "/mentor away until 2099-01-01")
	w.emu.Comment(org, repoName, n, "bo", "/mentor away")
	w.settle()
	for i := 0; i < 3; i++ {
		p := w.openPR(fmt.Sprint("later", i))
		w.settle()
		if m := w.mentorOf(p); m != "cy" {
			t.Fatalf("PR #%d got %q while ana and bo are away", p, m)
		}
	}
	w.emu.Comment(org, repoName, n, "bo", "/mentor back")
	w.settle()
	p := w.openPR("after-return")
	w.settle()
	if m := w.mentorOf(p); m != "bo" {
		t.Fatalf("after bo's return got %q, want bo (fewest mentees)", m)
	}
}

func TestCommandsRefusePolitely(t *testing.T) {
	w := newWorld(t, defaultMentorship)
	n := w.openPR("newbie")
	w.settle()
	before := len(w.botComments(n))
	w.emu.Comment(org, repoName, n, "stranger", "/mentor reassign")
	w.emu.Comment(org, repoName, n, "stranger", "/mentr") // not addressed to the bot: silence
	w.emu.Comment(org, repoName, n, "maintainer", "/mentr")
	w.settle()
	replies := w.botComments(n)[before:]
	if len(replies) != 2 {
		t.Fatalf("replies %q", replies)
	}
	if !strings.Contains(replies[0], "Sorry") || !strings.Contains(replies[1], "did you mean /mentor?") {
		t.Fatalf("replies %q", replies)
	}
	if got := mentions(replies[1]); !slices.Equal(got, []string{"maintainer"}) {
		t.Errorf("reply mentions %v", got)
	}
	replies = replies[:1]
	for _, r := range replies {
		if got := mentions(r); !slices.Equal(got, []string{"stranger"}) {
			t.Errorf("reply mentions %v", got)
		}
	}
}

func TestInvalidConfigInPullRequestGetsOneComment(t *testing.T) {
	w := newWorld(t, defaultMentorship)
	bad := "version: 1\nmentors:\n  - login: ana\n    timezone: Mars/Olympus\n    capacity: -2\n"
	n := w.emu.OpenPullRequest(org, repoName, "maintainer", ghemu.PullOptions{
		Title: "Update mentors", Head: "cfg",
		Files: []ghemu.PullFile{{Filename: ".github/mentorship.yml", Status: "modified", Content: []byte(bad)}},
	})
	w.settle()
	comments := w.botComments(n)
	if len(comments) != 1 {
		t.Fatalf("want one comment on the config change, got %q", comments)
	}
	for _, want := range []string{"line 4", "mars/olympus", "line 5", "capacity"} {
		if !strings.Contains(strings.ToLower(comments[0]), want) {
			t.Errorf("comment lacks %q:\n%s", want, comments[0])
		}
	}
	// Another push with the same problem edits the comment, never adds one.
	w.emu.Comment(org, repoName, n, "maintainer", "pushed again")
	w.settle()
	if got := len(w.botComments(n)); got != 1 {
		t.Fatalf("%d comments after another event", got)
	}
}

func TestEmulatorFaultsEndInOneWelcome(t *testing.T) {
	w := newWorld(t, defaultMentorship)
	w.emu.InjectFault(ghemu.Fault{Method: "POST", Path: "/repos/*/*/issues/*/comments", Status: http.StatusBadGateway, Times: 2})
	w.emu.InjectFault(ghemu.Fault{Method: "POST", Path: "/repos/*/*/issues/*/labels", SecondaryRateLimit: true, RetryAfter: 1, Times: 1})
	w.emu.InjectFault(ghemu.Fault{Method: "POST", Path: "/repos/*/*/issues/*/assignees", Status: http.StatusInternalServerError, Times: 1})
	n := w.openPR("newbie")
	w.settle()
	w.welcome(n)
	if got := len(w.botComments(n)); got != 1 {
		t.Fatalf("%d bot comments", got)
	}
	if a := w.emu.Assignees(org, repoName, n); len(a) != 1 {
		t.Fatalf("assignees %v", a)
	}
}

func TestFiftyConcurrentFirstTimersNeverExceedCapacity(t *testing.T) {
	// Fifty welcomes take fifty searches and about 200 writes in a few
	// seconds; GitHub's 30 searches and 80 content writes a minute would
	// turn the test into minutes of waiting, and capacity, not pacing, is
	// what it checks.
	raised := func(o *ghemu.Options) { o.SearchRateLimit, o.ContentPerMinute, o.ContentPerHour = 1000, 1000, 1000 }
	w := newWorld(t, `version: 1
mentors:
  - login: ana
    capacity: 3
  - login: bo
    capacity: 3
  - login: cy
    capacity: 3
`, raised)
	var wg sync.WaitGroup
	for i := 0; i < 50; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			w.openPR(fmt.Sprint("crowd", i))
		}()
	}
	wg.Wait()
	w.settle()
	loads, _ := w.db.MentorLoads(context.Background(), org)
	total := 0
	for _, m := range []string{"ana", "bo", "cy"} {
		if loads[m].Active > 3 {
			t.Fatalf("%s has %d mentees", m, loads[m].Active)
		}
		total += loads[m].Active
	}
	if total != 9 {
		t.Fatalf("%d active mentorships, want 9", total)
	}
}

func TestANewcomerKeepsTheirMentorAcrossIssueAndPullRequest(t *testing.T) {
	w := newWorld(t, defaultMentorship)
	w.openPR("someone-else") // moves the rotation along
	w.settle()
	issue := w.emu.OpenIssue(org, repoName, "newbie", ghemu.IssueOptions{Title: "Typo in the docs"})
	w.settle()
	pr := w.openPR("newbie")
	w.settle()
	if a, b := w.mentorOf(issue), w.mentorOf(pr); a == "" || a != b {
		t.Fatalf("issue mentor %q, pull request mentor %q: one newcomer should have one mentor", a, b)
	}
	if !strings.Contains(w.welcome(pr), "continuity") {
		t.Errorf("the welcome does not say why the mentor stays:\n%s", w.welcome(pr))
	}
	loads, _ := w.db.MentorLoads(context.Background(), org)
	if loads[w.mentorOf(pr)].Active != 1 {
		t.Fatalf("one newcomer counted %d times against capacity", loads[w.mentorOf(pr)].Active)
	}
}
