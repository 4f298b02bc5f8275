package app

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/mentorbot/mentorbot/app/ghemu"
	"github.com/mentorbot/mentorbot/app/store"
)

const claimsMentorship = defaultMentorship + `good_first_issues:
  labels: ["good first issue"]
  next_step_labels: ["help wanted"]
  max_claims_per_contributor: 2
  claim_expiry_days: 14
`

const gfi = "good first issue"

// openStarterTask opens an issue by a maintainer with the good-first-issue
// label (and any others) and waits for the bot.
func openStarterTask(w *world, title string, labels ...string) int {
	w.t.Helper()
	n := w.emu.OpenIssue(org, repoName, "maintainer", ghemu.IssueOptions{Title: title, Labels: append([]string{gfi}, labels...)})
	w.settle()
	return n
}

// say comments on an item and waits for the bot.
func say(w *world, n int, who, body string) {
	w.emu.Comment(org, repoName, n, who, body)
	w.settle()
}

// withMarker returns the bot's comments on an item whose hidden key starts
// with prefix and that hold every one of texts.
func withMarker(w *world, n int, prefix string, texts ...string) []string {
	var out []string
	for _, b := range w.botComments(n) {
		if strings.Contains(b, "<!-- mentorbot:"+prefix) && containsAll(b, texts) {
			out = append(out, b)
		}
	}
	return out
}

func containsAll(s string, texts []string) bool {
	for _, t := range texts {
		if !strings.Contains(s, t) {
			return false
		}
	}
	return true
}

// only returns the one comment with the marker (and texts), failing otherwise.
func only(w *world, n int, prefix string, texts ...string) string {
	w.t.Helper()
	found := withMarker(w, n, prefix, texts...)
	if len(found) != 1 {
		w.t.Fatalf("#%d has %d comments marked %q: %q", n, len(found), prefix, w.botComments(n))
	}
	return found[0]
}

// notified is who a comment notifies, sorted.
func notified(body string) []string {
	got := mentions(body)
	slices.Sort(got)
	return slices.Compact(got)
}

func activeClaim(w *world, n int) (store.Claim, bool) {
	w.t.Helper()
	c, err := w.db.ActiveClaim(context.Background(), org+"/"+repoName, n)
	if errors.Is(err, store.ErrNotFound) {
		return c, false
	}
	if err != nil {
		w.t.Fatal(err)
	}
	return c, true
}

// replayAll sends every recorded delivery of an event again under a new
// delivery ID, as a replay of GitHub's log or a duplicate event would.
func replayAll(w *world, event string) {
	w.t.Helper()
	for _, d := range w.emu.Deliveries() {
		if d.Event == event && !d.Redelivery {
			if _, err := w.emu.Deliver(event, json.RawMessage(d.Payload)); err != nil {
				w.t.Fatal(err)
			}
		}
	}
	w.settle()
}

func TestRealPayloadsLabelAndClaim(t *testing.T) {
	w := newWorld(t, claimsMentorship)
	n := w.emu.OpenIssue(org, repoName, "maintainer", ghemu.IssueOptions{Title: "Fix the typo in the README"})
	w.settle()
	if n != 1 {
		t.Fatalf("issue #%d; the edited payloads are about #1", n)
	}
	labeled := readPayload(t, "webhooks/ours/issues.labeled.good-first-issue.json")
	for i := 0; i < 2; i++ { // the second is a duplicate event under another ID
		if res := post(t, w.app.url, "issues", newDeliveryID(), labeled); res.StatusCode != http.StatusOK {
			t.Fatalf("labeled: status %d", res.StatusCode)
		}
		w.settle()
	}
	guide := only(w, n, "guide:")
	if !strings.Contains(guide, "`/claim`") || len(mentions(guide)) != 0 {
		t.Fatalf("guide: %s", guide)
	}
	say(w, n, "newbie", "Hello! This looks like something I could do.") // GitHub assigns only people who took part
	claim := readPayload(t, "webhooks/ours/issue_comment.created.claim.json")
	for i := 0; i < 2; i++ {
		post(t, w.app.url, "issue_comment", newDeliveryID(), claim)
		w.settle()
	}
	if a := w.emu.Assignees(org, repoName, n); !slices.Equal(a, []string{"newbie"}) {
		t.Fatalf("assignees %v", a)
	}
	reply := only(w, n, "command-reply:")
	mentor := w.mentorOf(n)
	if mentor == "" || !slices.Equal(notified(reply), []string{mentor, "newbie"}) {
		t.Fatalf("mentor %q, reply mentions %v:\n%s", mentor, mentions(reply), reply)
	}
}

func TestLabelGuideIsOneCommentThroughItsLife(t *testing.T) {
	w := newWorld(t, claimsMentorship)
	n := w.emu.OpenIssue(org, repoName, "maintainer", ghemu.IssueOptions{Title: "Document the flags"})
	w.settle()
	if got := len(w.botComments(n)); got != 0 {
		t.Fatalf("%d bot comments on an unlabelled issue", got)
	}
	w.emu.LabelIssue(org, repoName, n, "maintainer", gfi)
	w.settle()
	guide := only(w, n, "guide:")
	for _, want := range []string{"`/claim`", "`/unclaim`", "14 days", "2 claims"} {
		if !strings.Contains(guide, want) {
			t.Errorf("guide lacks %q:\n%s", want, guide)
		}
	}
	if ts, _ := w.db.OpenStarterTasks(context.Background(), org+"/"+repoName); len(ts) != 1 || ts[0].Number != n {
		t.Fatalf("digest %+v", ts)
	}
	replayAll(w, "issues")
	only(w, n, "guide:")

	w.emu.UnlabelIssue(org, repoName, n, "maintainer", gfi)
	w.settle()
	if outdated := only(w, n, "guide:"); !strings.Contains(outdated, "no longer labelled") {
		t.Fatalf("guide not marked outdated:\n%s", outdated)
	}
	if task, _ := w.db.GetStarterTask(context.Background(), org+"/"+repoName, n); task.State != store.TaskWithdrawn {
		t.Fatalf("task %s after the label went", task.State)
	}
	say(w, n, "newbie", "/claim")
	if reply := only(w, n, "command-reply:"); !strings.Contains(reply, "good first issues") {
		t.Fatalf("claim on a withdrawn task: %s", reply)
	}

	w.emu.LabelIssue(org, repoName, n, "maintainer", gfi)
	w.settle()
	if back := only(w, n, "guide:"); strings.Contains(back, "no longer labelled") {
		t.Fatalf("guide still outdated after the label came back:\n%s", back)
	}
	w.emu.CloseIssue(org, repoName, n, "maintainer", "not_planned")
	w.settle()
	if task, _ := w.db.GetStarterTask(context.Background(), org+"/"+repoName, n); task.State != store.TaskClosed {
		t.Fatalf("task %s after the issue closed", task.State)
	}
	if ts, _ := w.db.OpenStarterTasks(context.Background(), org+"/"+repoName); len(ts) != 0 {
		t.Fatalf("closed task in the digest: %+v", ts)
	}
}

func TestClaimAssignsAndPairsAMentor(t *testing.T) {
	w := newWorld(t, claimsMentorship)
	n := openStarterTask(w, "Fix the docs index", "area/docs")
	say(w, n, "newbie", "/claim")
	if a := w.emu.Assignees(org, repoName, n); !slices.Equal(a, []string{"newbie"}) {
		t.Fatalf("assignees %v", a)
	}
	if m := w.mentorOf(n); m != "ana" {
		t.Fatalf("mentor %q, want ana (the docs mentor)", m)
	}
	reply := only(w, n, "command-reply:")
	for _, want := range []string{"yours", "Fixes #", "`/unclaim`", "Why this mentor?"} {
		if !strings.Contains(reply, want) {
			t.Errorf("reply lacks %q:\n%s", want, reply)
		}
	}
	if got := notified(reply); !slices.Equal(got, []string{"ana", "newbie"}) {
		t.Fatalf("reply mentions %v", got)
	}
	c, ok := activeClaim(w, n)
	if !ok || c.Login != "newbie" {
		t.Fatalf("claim %+v", c)
	}
	say(w, n, "newbie", "/claim")
	if got := withMarker(w, n, "command-reply:"); len(got) != 2 || !strings.Contains(got[1], "already yours") {
		t.Fatalf("second /claim by the holder: %q", got)
	}
}

func TestSecondClaimerWaitsAndIsOfferedTheRelease(t *testing.T) {
	w := newWorld(t, claimsMentorship)
	n := openStarterTask(w, "Rename a flag")
	other := openStarterTask(w, "Add a test")
	say(w, n, "first", "/claim")
	say(w, n, "second", "I want this too\n/claim")
	refusal := only(w, n, "command-reply:", "already claimed")
	for _, want := range []string{"already claimed by `first`", "waiting list", "first in line", "#" + strconv.Itoa(other)} {
		if !strings.Contains(refusal, want) {
			t.Errorf("refusal lacks %q:\n%s", want, refusal)
		}
	}
	if got := mentions(refusal); !slices.Equal(got, []string{"second"}) {
		t.Fatalf("refusal mentions %v: the holder must not be pinged", got)
	}
	if a := w.emu.Assignees(org, repoName, n); !slices.Equal(a, []string{"first"}) {
		t.Fatalf("assignees %v", a)
	}
	firstMentor := w.mentorOf(n)

	say(w, n, "first", "/unclaim")
	if a := w.emu.Assignees(org, repoName, n); len(a) != 0 {
		t.Fatalf("assignees after /unclaim: %v", a)
	}
	if _, ok := activeClaim(w, n); ok {
		t.Fatal("claim still active after /unclaim")
	}
	if loads, _ := w.db.MentorLoads(context.Background(), org); loads[firstMentor].Active != 0 {
		t.Fatalf("mentor %s still has %d mentees", firstMentor, loads[firstMentor].Active)
	}
	offer := only(w, n, "claim-offer:")
	if got := mentions(offer); !slices.Equal(got, []string{"second"}) || !strings.Contains(offer, "next in line") {
		t.Fatalf("offer mentions %v:\n%s", got, offer)
	}
	// The offer holds the task for the next in line.
	say(w, n, "third", "/claim")
	if got := withMarker(w, n, "command-reply:"); !strings.Contains(got[len(got)-1], "offered to `second`") {
		t.Fatalf("third during the offer: %s", got[len(got)-1])
	}
	say(w, n, "second", "/claim")
	if a := w.emu.Assignees(org, repoName, n); !slices.Equal(a, []string{"second"}) {
		t.Fatalf("assignees %v", a)
	}
	if line := waitingLine(w, n); !slices.Equal(line, []string{"third"}) {
		t.Fatalf("waiting list %v", line)
	}
}

func TestClaimLimitListsOpenClaims(t *testing.T) {
	w := newWorld(t, claimsMentorship)
	a, b, c := openStarterTask(w, "One"), openStarterTask(w, "Two"), openStarterTask(w, "Three")
	say(w, a, "eager", "/claim")
	say(w, b, "eager", "/claim")
	say(w, c, "eager", "/claim")
	refusal := only(w, c, "command-reply:")
	for _, want := range []string{"2 open claims", "#" + strconv.Itoa(a), "#" + strconv.Itoa(b), "`/unclaim`"} {
		if !strings.Contains(refusal, want) {
			t.Errorf("refusal lacks %q:\n%s", want, refusal)
		}
	}
	if _, ok := activeClaim(w, c); ok || len(w.emu.Assignees(org, repoName, c)) != 0 {
		t.Fatal("a claim over the limit was made")
	}
	say(w, a, "eager", "/unclaim")
	say(w, c, "eager", "/claim")
	if cl, ok := activeClaim(w, c); !ok || cl.Login != "eager" {
		t.Fatal("claim after freeing a place was refused")
	}
}

func TestPlainLanguageRequestsExplainClaim(t *testing.T) {
	w := newWorld(t, claimsMentorship)
	n := openStarterTask(w, "Fix the help text")
	say(w, n, "polite", "Hi! Can I work on this?")
	hint := only(w, n, "command-reply:", "glad you would like to help")
	if !strings.Contains(hint, "`/claim`") || !slices.Equal(mentions(hint), []string{"polite"}) {
		t.Fatalf("hint:\n%s", hint)
	}
	if _, ok := activeClaim(w, n); ok || len(w.emu.Assignees(org, repoName, n)) != 0 {
		t.Fatal("a plain-language request claimed the issue")
	}
	say(w, n, "quoter", "> can I work on this?\nThat was asked above.")
	say(w, n, "shy", "I can't work on this, sorry.")
	if got := len(withMarker(w, n, "command-reply:", "glad you would like to help")); got != 1 {
		t.Fatalf("%d hints; quoted and declining comments get none", got)
	}
	say(w, n, "polite", "/claim")
	say(w, n, "polite", "I'd like to take this one.")
	say(w, n, "latecomer", "Is this still available?")
	hints := withMarker(w, n, "command-reply:", "glad you would like to help")
	if len(hints) != 2 || !strings.Contains(hints[1], "claimed by `polite`") || !slices.Equal(mentions(hints[1]), []string{"latecomer"}) {
		t.Fatalf("hints %q", hints)
	}
	// Plain language on an ordinary issue is none of the bot's business.
	plain := w.emu.OpenIssue(org, repoName, "maintainer", ghemu.IssueOptions{Title: "Refactor"})
	w.settle()
	say(w, plain, "polite", "Can I work on this?")
	if got := w.botComments(plain); len(got) != 0 {
		t.Fatalf("reply on an ordinary issue: %q", got)
	}
}

func TestIdleClaimIsRemindedThenReleased(t *testing.T) {
	w := newWorld(t, claimsMentorship)
	n := openStarterTask(w, "Tidy the changelog")
	say(w, n, "sleepy", "/claim")
	say(w, n, "keen", "/claim")
	c, _ := activeClaim(w, n)
	start := c.ClaimedAt

	w.scheduleAt(start.Add(10 * 24 * time.Hour))
	if got := len(withMarker(w, n, "claim-remind:")); got != 0 {
		t.Fatal("reminded before 75% of claim_expiry_days")
	}
	w.scheduleAt(start.Add(11 * 24 * time.Hour))
	w.scheduleAt(start.Add(11*24*time.Hour + time.Hour))
	reminder := only(w, n, "claim-remind:")
	if !slices.Equal(mentions(reminder), []string{"sleepy"}) || !strings.Contains(reminder, "`/unclaim`") {
		t.Fatalf("reminder:\n%s", reminder)
	}
	w.scheduleAt(start.Add(13 * 24 * time.Hour))
	if _, ok := activeClaim(w, n); !ok {
		t.Fatal("released before claim_expiry_days")
	}
	w.scheduleAt(start.Add(15 * 24 * time.Hour))
	w.scheduleAt(start.Add(15*24*time.Hour + time.Hour))
	if _, ok := activeClaim(w, n); ok {
		t.Fatal("idle claim not released")
	}
	expired := only(w, n, "claim-expired:")
	if !slices.Equal(mentions(expired), []string{"sleepy"}) || !strings.Contains(expired, "14 days") {
		t.Fatalf("release note:\n%s", expired)
	}
	if a := w.emu.Assignees(org, repoName, n); len(a) != 0 {
		t.Fatalf("assignees after expiry: %v", a)
	}
	offer := only(w, n, "claim-offer:")
	if !slices.Equal(mentions(offer), []string{"keen"}) {
		t.Fatalf("offer:\n%s", offer)
	}
	// The offer's deadline has its hour, zone and a converter link.
	if !strings.Contains(offer, " UTC on ") || !strings.Contains(offer, "timeanddate.com") {
		t.Errorf("the offer's deadline has no hour, zone or converter link:\n%s", offer)
	}
	// Nobody took the offer up: after three days it is open to anyone,
	// and a short note says so once.
	w.scheduleAt(start.Add(19 * 24 * time.Hour))
	w.scheduleAt(start.Add(19*24*time.Hour + time.Hour))
	if ts, _ := w.db.OpenStarterTasks(context.Background(), org+"/"+repoName); len(ts) != 1 {
		t.Fatalf("digest after the offer lapsed: %+v", ts)
	}
	lapsed := only(w, n, "claim-lapsed:")
	if !slices.Equal(mentions(lapsed), []string{"keen"}) || !strings.Contains(lapsed, "has lapsed") || !strings.Contains(lapsed, "open to anyone again") {
		t.Fatalf("lapse note:\n%s", lapsed)
	}
}

func TestClaimerActivityKeepsTheClaim(t *testing.T) {
	w := newWorld(t, claimsMentorship)
	n := openStarterTask(w, "Speed up the parser")
	say(w, n, "busy", "/claim")
	c, _ := activeClaim(w, n)
	time.Sleep(2 * time.Second) // GitHub's timestamps are whole seconds
	say(w, n, "busy", "Progress: the benchmark is written.")
	comments := w.emu.Comments(org, repoName, n)
	said := comments[len(comments)-1].CreatedAt

	// Due for a reminder by the claim's date, not by the comment's.
	w.scheduleAt(c.ClaimedAt.Add(10*24*time.Hour + 12*time.Hour + 500*time.Millisecond))
	if got := len(withMarker(w, n, "claim-remind:")); got != 0 {
		t.Fatal("reminded although the claimer commented")
	}
	w.scheduleAt(said.Add(11 * 24 * time.Hour))
	only(w, n, "claim-remind:")

	// A pull request that closes the issue keeps the claim past the expiry.
	w.emu.OpenPullRequest(org, repoName, "busy", ghemu.PullOptions{Title: "Faster parser", Body: "Fixes #" + strconv.Itoa(n),
		Files: []ghemu.PullFile{{Filename: "parse.go", Status: "modified", Additions: 9}}})
	w.settle()
	w.scheduleAt(said.Add(20 * 24 * time.Hour))
	if cl, ok := activeClaim(w, n); !ok || cl.LinkedPR == 0 {
		t.Fatalf("claim with an open pull request released, or not linked: %+v", cl)
	}
	if got := len(withMarker(w, n, "claim-expired:")); got != 0 {
		t.Fatal("release note for a claim with a pull request")
	}
}

func TestMergedPullRequestCompletesAndSuggestsNextSteps(t *testing.T) {
	w := newWorld(t, claimsMentorship)
	var next []int
	for _, labels := range [][]string{{"help wanted"}, {"help wanted", "area/docs"}, {"help wanted"}, {"help wanted"}} {
		next = append(next, w.emu.OpenIssue(org, repoName, "maintainer", ghemu.IssueOptions{Title: "Next step", Labels: labels}))
	}
	w.settle()
	n := openStarterTask(w, "Fix a docs link", "area/docs")
	say(w, n, "rookie", "/claim")
	mentor := w.mentorOf(n)
	pr := w.emu.OpenPullRequest(org, repoName, "rookie", ghemu.PullOptions{Title: "Fix the link", Body: "This fixes #" + strconv.Itoa(n) + ".",
		Files: []ghemu.PullFile{{Filename: "docs/index.md", Status: "modified", Additions: 1}}})
	w.settle()
	w.emu.MergePullRequest(org, repoName, pr, "maintainer")
	w.settle()
	replayAll(w, "pull_request")

	done := only(w, n, "claim-done:")
	if !slices.Equal(mentions(done), []string{"rookie"}) || !strings.Contains(done, "#"+strconv.Itoa(pr)) || !strings.Contains(done, "`"+mentor+"`") {
		t.Fatalf("thanks:\n%s", done)
	}
	var bullets []string
	for _, line := range strings.Split(done, "\n") {
		if strings.HasPrefix(line, "- [") {
			bullets = append(bullets, line)
		}
	}
	if len(bullets) != 3 || !strings.HasSuffix(bullets[0], "(#"+strconv.Itoa(next[1])+")") {
		t.Fatalf("want three next steps, the docs one first:\n%s", done)
	}
	if claims, want := claimsOn(w, n), fmt.Sprintf("rookie %s %d", store.ClaimCompleted, pr); !slices.Equal(claims, []string{want}) {
		t.Fatalf("claims %v, want [%s]", claims, want)
	}
	if m, _ := w.db.GetMentorship(context.Background(), org+"/"+repoName, n); m.State != store.MentorshipEnded {
		t.Fatalf("mentorship %s after completion", m.State)
	}
	// Taking a next step shows on the contributor's path.
	say(w, next[1], "rookie", "I'll take this next.")
	w.emu.AssignIssue(org, repoName, next[1], "maintainer", "rookie")
	w.settle()
	path, err := w.db.ContributorPath(context.Background(), org, "rookie")
	if err != nil || path.First == nil || path.First.Number != pr || len(path.StarterTasks) != 1 || len(path.NextSteps) != 1 || path.NextSteps[0].Number != next[1] {
		t.Fatalf("path %+v %v", path, err)
	}
}

func TestMaintainersOwnFixClosesTheTaskQuietly(t *testing.T) {
	w := newWorld(t, claimsMentorship)
	n := openStarterTask(w, "Fix a typo")
	pr := w.emu.OpenPullRequest(org, repoName, "maintainer", ghemu.PullOptions{Title: "Typo", Body: "Fixes #" + strconv.Itoa(n)})
	w.settle()
	w.emu.MergePullRequest(org, repoName, pr, "maintainer")
	w.settle()
	if task, _ := w.db.GetStarterTask(context.Background(), org+"/"+repoName, n); task.State != store.TaskClosed {
		t.Fatalf("task %s", task.State)
	}
	if got := withMarker(w, n, "claim-done:"); len(got) != 0 {
		t.Fatalf("a maintainer was thanked for a starter task: %q", got)
	}
	if p, _ := w.db.ContributorPath(context.Background(), org, "maintainer"); len(p.StarterTasks) != 0 {
		t.Fatalf("path %+v", p)
	}
}

func TestClaimSurvivesFaultsAndRedelivery(t *testing.T) {
	w := newWorld(t, claimsMentorship)
	n := openStarterTask(w, "Handle empty input")
	w.emu.InjectFault(ghemu.Fault{Method: "POST", Path: "/repos/*/*/issues/*/comments", Status: http.StatusBadGateway, Times: 2})
	w.emu.InjectFault(ghemu.Fault{Method: "POST", Path: "/repos/*/*/issues/*/assignees", Status: http.StatusInternalServerError, Times: 1})
	say(w, n, "steady", "/claim")
	w.emu.InjectFault(ghemu.Fault{Method: "POST", Path: "/repos/*/*/issues/*/comments", Status: http.StatusBadGateway, Times: 1})
	say(w, n, "runnerup", "/claim")
	c, ok := activeClaim(w, n)
	if !ok || c.Login != "steady" || !slices.Equal(w.emu.Assignees(org, repoName, n), []string{"steady"}) {
		t.Fatalf("claim %+v, assignees %v", c, w.emu.Assignees(org, repoName, n))
	}
	before := len(w.botComments(n))
	only(w, n, "command-reply:", "is yours now")
	only(w, n, "command-reply:", "already claimed")

	replayAll(w, "issue_comment")
	replayAll(w, "issues")
	if got := len(w.botComments(n)); got != before {
		t.Fatalf("%d bot comments after replays, want %d: %q", got, before, w.botComments(n))
	}
	if again, _ := activeClaim(w, n); again.ID != c.ID {
		t.Fatalf("claim changed on replay: %+v", again)
	}
	// Released, then the old /claim comes again: it stays released.
	say(w, n, "steady", "/unclaim")
	replayAll(w, "issue_comment")
	if cl, ok := activeClaim(w, n); ok && cl.Login == "steady" {
		t.Fatal("a replayed /claim took the issue back")
	}
	if got := len(withMarker(w, n, "claim-offer:")); got != 1 {
		t.Fatalf("%d offers", got)
	}
}

func TestConcurrentClaimsGiveTheIssueToOne(t *testing.T) {
	w := newWorld(t, claimsMentorship)
	n := openStarterTask(w, "Add a flag")
	people := []string{"p1", "p2", "p3", "p4"}
	var wg sync.WaitGroup
	for _, p := range people {
		wg.Add(1)
		go func() { defer wg.Done(); w.emu.Comment(org, repoName, n, p, "/claim") }()
	}
	wg.Wait()
	w.settle()
	c, ok := activeClaim(w, n)
	if !ok || !slices.Equal(w.emu.Assignees(org, repoName, n), []string{c.Login}) {
		t.Fatalf("claim %+v, assignees %v", c, w.emu.Assignees(org, repoName, n))
	}
	if got := len(withMarker(w, n, "command-reply:", "already claimed")); got != len(people)-1 {
		t.Fatalf("%d refusals, want %d", got, len(people)-1)
	}
	if line := waitingLine(w, n); len(line) != len(people)-1 {
		t.Fatalf("waiting list %v", line)
	}
}
