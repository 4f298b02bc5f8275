package app

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/rs/zerolog"

	"github.com/mentorbot/mentorbot/app/figures/figurestest"
	"github.com/mentorbot/mentorbot/app/ghemu"
)

// TestTwoSeriesEachAnnouncedRemindedAndRecappedOnce runs weekly office hours and a
// weekly social in the same repository at the same hour: each is announced
// once in its own category, reminded once and recapped once on its own
// announcement, however often the job runs.
//
// Between the announcements and the reminders, mentors save answers with
// /faq: the living FAQ discussion is created once with the first and
// edited as the next arrives, and an edit that lands but whose answer is
// lost (502 after the write) is sent again with the same body: still one
// discussion, and its body converges.
func TestTwoSeriesEachAnnouncedRemindedAndRecappedOnce(t *testing.T) {
	w := newWorld(t, officeHoursMentorship+`  join_url: https://meet.example.org/octo
faq:
  repository: community
gatherings:
  - kind: social
    title: "Octo social"
    category: Socials
    cadence: weekly
    weekday: `+strings.ToLower(hoursWeekday.String())+`
    times: ["17:00"]
    join_url: https://meet.example.org/octo-social
`)
	w.emu.AddRepo(org, communityRepo, ghemu.RepoOptions{})
	w.emu.AddInstallation(installationID, org, repoName, communityRepo)
	w.emu.SetDiscussions(org, communityRepo, true)
	w.emu.AddDiscussionCategory(org, communityRepo, "Office Hours")
	w.emu.AddDiscussionCategory(org, communityRepo, "Socials")
	w.emu.AddDiscussionCategory(org, communityRepo, "Q&A")
	s := nextSession(t)
	announceAt := s.Start.Add(-72 * time.Hour)

	before := len(w.emu.Calls())
	w.scheduleAt(announceAt)
	w.scheduleAt(announceAt.Add(time.Minute))
	hours, socials := w.inCategory("Office Hours"), w.inCategory("Socials")
	if len(hours) != 1 || len(socials) != 1 {
		t.Fatalf("%d office-hours and %d social announcements, want 1 each", len(hours), len(socials))
	}
	social := socials[0]
	if !strings.HasPrefix(social.Title, "Octo social — ") || !strings.Contains(social.Body, "An informal 60-minute get-together") ||
		!strings.Contains(social.Body, "https://meet.example.org/octo-social") || strings.Contains(social.Body, "https://meet.example.org/octo)") {
		t.Errorf("social announcement %q:\n%s", social.Title, social.Body)
	}
	if !strings.Contains(social.Body, "fixedtime.html?iso="+s.Start.Format("20060102T1504")+"&p1=1440&msg=Octo+social)") {
		t.Errorf("the social's converter link is not named after it:\n%s", social.Body)
	}
	if !strings.Contains(hours[0].Body, "https://meet.example.org/octo)") || strings.Contains(hours[0].Body, "octo-social") {
		t.Errorf("office-hours announcement:\n%s", hours[0].Body)
	}
	if n := len(w.inCategory("Q&A")); n != 0 {
		t.Errorf("%d FAQ discussions before any answer, want none", n)
	}
	announced := len(w.emu.Calls())
	w.livingFAQ(announceAt)
	faqDone := len(w.emu.Calls())

	// One reminder on each announcement in the hour before the start,
	// mentioning nobody.
	w.scheduleAt(s.Start.Add(-61 * time.Minute))
	w.scheduleAt(s.Start.Add(-time.Hour))
	w.scheduleAt(s.Start.Add(-30 * time.Minute))
	for _, d := range []ghemu.Discussion{hours[0], social} {
		cs := w.botDiscussionComments(d.Number)
		if len(cs) != 1 || !strings.Contains(cs[0].Body, "⏰ Starting in 1 hour") || len(mentions(cs[0].Body)) != 0 {
			t.Fatalf("%q: %d bot comments, want one reminder that mentions nobody: %+v", d.Title, len(cs), cs)
		}
	}
	if r := w.botDiscussionComments(social.Number)[0].Body; !strings.Contains(r, "**Octo social**") || !strings.Contains(r, "octo-social") {
		t.Errorf("social reminder:\n%s", r)
	}
	reminded := len(w.emu.Calls())

	w.scheduleAt(s.End)
	w.scheduleAt(s.End.Add(time.Minute))
	for _, d := range []ghemu.Discussion{hours[0], social} {
		if n := len(w.botDiscussionComments(d.Number)); n != 2 {
			t.Errorf("%q has %d bot comments, want its reminder and its recap", d.Title, n)
		}
	}
	if n := len(w.inCategory("Office Hours")) + len(w.inCategory("Socials")); n != 2 {
		t.Errorf("%d discussions after the recaps, want the 2 announcements", n)
	}
	recap := w.botDiscussionComments(social.Number)[1].Body
	if !strings.Contains(recap, "<!-- mentorbot:office-hours:recap:octo-org/community#social-octo-social:"+s.Key+" -->") {
		t.Errorf("social recap marker:\n%s", recap)
	}
	// Each scheduled run here is a service started afresh, so it also
	// scans the installation (token, repository list, configurations):
	// those calls are counted apart.
	count := func(calls []ghemu.Call) (work, scan int) {
		for _, c := range calls {
			if c.Kind == "graphql" || strings.Contains(c.Path, "/discussions") || strings.Contains(c.Path, "/issues") {
				work++
			} else {
				scan++
			}
		}
		return work, scan
	}
	aw, as := count(w.emu.Calls()[before:announced])
	mw, ms := count(w.emu.Calls()[faqDone:reminded])
	rw, rs := count(w.emu.Calls()[reminded:])
	t.Logf("GitHub calls for two series: announce %d (+%d scanning, 2 runs), remind %d (+%d, 3 runs), recap %d (+%d, 2 runs)",
		aw, as, mw, ms, rw, rs)
	for name, calls := range map[string][]ghemu.Call{"announce": w.emu.Calls()[before:announced], "remind": w.emu.Calls()[faqDone:reminded],
		"recap": w.emu.Calls()[reminded:]} {
		t.Logf("%s: %s", name, strings.Join(operations(calls), ", "))
	}
	w.faqLinked()
	w.checkGraphQLDocuments()
}

// operations names the work calls (not the installation scan): a REST
// method and path, or a GraphQL document's first field.
func operations(calls []ghemu.Call) []string {
	var out []string
	for _, c := range calls {
		switch {
		case c.Kind == "graphql":
			var in struct{ Query string }
			_ = json.Unmarshal(c.Body, &in)
			q := in.Query[strings.Index(in.Query, "{")+1:]
			out = append(out, strings.Fields(strings.NewReplacer("(", " ", "{", " ").Replace(q))[0])
		case strings.Contains(c.Path, "/discussions") || strings.Contains(c.Path, "/issues"):
			out = append(out, c.Method+" "+c.Path)
		}
	}
	return out
}

// livingFAQ saves two answers with /faq after the announcements at
// announceAt and checks the one FAQ discussion, through a lost edit.
func (w *world) livingFAQ(announceAt time.Time) {
	t := w.t
	docs := w.emu.OpenIssue(org, repoName, "newbie", ghemu.IssueOptions{Title: "How do I build the docs?", Labels: []string{"area/docs"}})
	w.settle()
	w.emu.Comment(org, repoName, docs, "ana", "Run `make docs`; if it fails, ask @bo or @octo-org/core.\n/faq")
	w.settle()
	if r := strings.Join(w.botComments(docs), "\n"); !strings.Contains(r, "Saved to the FAQ: the Newcomer FAQ discussion lists it") {
		t.Errorf("reply to /faq:\n%s", r)
	}
	// The create lands but its answer is lost: the next run finds the
	// discussion by its marker instead of creating another.
	remove := w.emu.InjectFault(ghemu.Fault{Path: "/api/graphql", Mutation: "createDiscussion", AfterWrite: true, Times: 1})
	if err := w.scheduleErr(announceAt.Add(2 * time.Minute)); err == nil {
		t.Error("the run whose FAQ create was answered 502 reported no error")
	}
	remove()
	w.scheduleAt(announceAt.Add(3 * time.Minute))
	faq := w.inCategory("Q&A")
	if len(faq) != 1 || faq[0].Title != "Newcomer FAQ" {
		t.Fatalf("%d FAQ discussions after the first answer, want 1: %+v", len(faq), faq)
	}
	body := faq[0].Body
	if !strings.Contains(body, "## docs") || !strings.Contains(body, "**How do I build the docs?** — Run ˋmake docsˋ") ||
		!strings.Contains(body, "(answer](") && !strings.Contains(body, "([answer](") || len(mentions(body)) != 0 {
		t.Errorf("FAQ body after the first answer (mentions %v):\n%s", mentions(body), body)
	}

	setup := w.emu.OpenIssue(org, repoName, "newbie", ghemu.IssueOptions{Title: "Where do newcomers chat?"})
	w.settle()
	w.emu.Comment(org, repoName, setup, "bo", "In the #newcomers channel.\n/faq")
	w.settle()
	edits := func() int {
		n := 0
		for _, c := range w.emu.Calls() {
			if c.Kind == "graphql" && strings.Contains(string(c.Body), "updateDiscussion(") {
				n++
			}
		}
		return n
	}
	before := edits()
	remove = w.emu.InjectFault(ghemu.Fault{Path: "/api/graphql", Mutation: "updateDiscussion", AfterWrite: true, Times: 1})
	if err := w.scheduleErr(announceAt.Add(4 * time.Minute)); err == nil {
		t.Error("the run whose FAQ edit was answered 502 reported no error")
	}
	remove()
	w.scheduleAt(announceAt.Add(5 * time.Minute))
	w.scheduleAt(announceAt.Add(6 * time.Minute))
	faq = w.inCategory("Q&A")
	if len(faq) != 1 {
		t.Fatalf("%d FAQ discussions after a lost edit, want 1", len(faq))
	}
	body = faq[0].Body
	if !strings.Contains(body, "## General") || !strings.Contains(body, "**Where do newcomers chat?** — In the #newcomers channel.") ||
		!strings.Contains(body, "## docs") || len(mentions(body)) != 0 || strings.Count(body, "mentorbot:faq:") != 1 {
		t.Errorf("FAQ body after the second answer:\n%s", body)
	}
	if n := edits() - before; n != 2 {
		t.Errorf("%d FAQ edits for the second answer, want 2 (the lost one and its repeat, none after)", n)
	}

	// A maintainer deletes it: the next answer brings it back, with every
	// answer, once.
	w.emu.DeleteDiscussion(org, communityRepo, faq[0].Number)
	third := w.emu.OpenIssue(org, repoName, "newbie", ghemu.IssueOptions{Title: "Who reviews docs?"})
	w.settle()
	w.emu.Comment(org, repoName, third, "cy", "Any mentor of the docs area.\n/faq")
	w.settle()
	w.scheduleAt(announceAt.Add(7 * time.Minute))
	w.scheduleAt(announceAt.Add(8 * time.Minute))
	faq = w.inCategory("Q&A")
	if len(faq) != 1 || strings.Count(faq[0].Body, "([answer](") != 3 {
		t.Fatalf("after a deletion: %d FAQ discussions: %+v", len(faq), faq)
	}
}

// faqLinked checks that welcomes and starter-task guides link the FAQ
// discussion and give the next session with a converter link.
func (w *world) faqLinked() {
	t := w.t
	faq := w.inCategory("Q&A")
	link := fmt.Sprintf("/%s/%s/discussions/%d)", org, communityRepo, faq[0].Number)
	pr := w.openPR("fresh-face")
	w.settle()
	if welcome := w.welcome(pr); !strings.Contains(welcome, "[newcomer FAQ](") || !strings.Contains(welcome, link) || !strings.Contains(welcome, "fixedtime.html?iso=") {
		t.Errorf("welcome lacks %q or the converter link:\n%s", link, welcome)
	}
	task := w.emu.OpenIssue(org, repoName, "maintainer", ghemu.IssueOptions{Title: "Fix a typo"})
	w.emu.LabelIssue(org, repoName, task, "maintainer", "good first issue")
	w.settle()
	if guide := strings.Join(w.botComments(task), "\n"); !strings.Contains(guide, link) {
		t.Errorf("guide lacks %q:\n%s", link, guide)
	}
}

// scheduleErr runs the scheduled jobs once, as scheduleAt does, and
// returns their error.
func (w *world) scheduleErr(now time.Time) error {
	w.t.Helper()
	a, err := New(context.Background(), w.cfg, zerolog.Nop(), WithClock(func() time.Time { return now }))
	if err != nil {
		w.t.Fatal(err)
	}
	defer a.Close()
	err = a.RunSchedule(context.Background())
	w.settle()
	return err
}

// TestGatheringsWithoutOfficeHours: a program with only a mentorship
// circle is found, announced once and listed in the calendar.
func TestGatheringsWithoutOfficeHours(t *testing.T) {
	w := newWorld(t, defaultMentorship+`gatherings:
  - kind: mentorship_circle
    repository: community
    category: Circles
    cadence: weekly
    weekday: `+strings.ToLower(hoursWeekday.String())+`
    times: ["17:00"]
`)
	w.emu.AddRepo(org, communityRepo, ghemu.RepoOptions{})
	w.emu.AddInstallation(installationID, org, repoName, communityRepo)
	w.emu.SetDiscussions(org, communityRepo, true)
	w.emu.AddDiscussionCategory(org, communityRepo, "Circles")
	s := nextSession(t)
	w.scheduleAt(s.Start.Add(-72 * time.Hour))
	w.scheduleAt(s.Start.Add(-71 * time.Hour))
	got := w.inCategory("Circles")
	if len(got) != 1 || !strings.HasPrefix(got[0].Title, org+" mentorship circle — ") || !strings.Contains(got[0].Body, "mentorship circle: newcomers and mentors") {
		t.Fatalf("%d circle announcements: %+v", len(got), got)
	}
	cal := must(fetchCalendar(t, calendarApp(t, w, s.Start.Add(-71*time.Hour)), "/calendar/"+org+".ics"))
	events := calEvents(t, cal)
	if len(events) == 0 || events[0].summary != org+" mentorship circle" || !events[0].start.Equal(s.Start) {
		t.Errorf("calendar events %+v", events)
	}
}

// TestRecapFiguresAreTheReportFigures: a recap computes its figures with
// package figures, as `mentorbot report` does, and prints them alike
// (TestReportPrintsTheRecapsMedian seeds the same responses for the
// report).
func TestRecapFiguresAreTheReportFigures(t *testing.T) {
	w := newHoursWorld(t, "Office Hours")
	s := nextSession(t)
	if err := figurestest.SeedResponses(context.Background(), w.db, org+"/"+repoName, s.Start.Add(-48*time.Hour), figurestest.SampleResponses); err != nil {
		t.Fatal(err)
	}
	w.scheduleAt(s.Start.Add(-72 * time.Hour))
	w.scheduleAt(s.End)
	ann := w.inCategory("Office Hours")
	if len(ann) != 1 {
		t.Fatalf("%d announcements", len(ann))
	}
	var recap string
	for _, c := range w.botDiscussionComments(ann[0].Number) {
		if strings.Contains(c.Body, "mentorbot:office-hours:recap:") {
			recap = c.Body
		}
	}
	for _, want := range []string{
		"| Time to first response (median) | " + figurestest.SampleMedian + " (3 of 3 answered) |",
		"| First-time contributors | 3 |",
		"| First PRs merged | 0 of 3 |",
	} {
		if !strings.Contains(recap, want) {
			t.Errorf("recap lacks %q:\n%s", want, recap)
		}
	}
}

// TestCommandsInAGatheringsOnlyProgram: with no office_hours, only a
// circle under gatherings, /action, /kudos and /faq in the circle's
// announcement are taken and reach the circle's recap.
func TestCommandsInAGatheringsOnlyProgram(t *testing.T) {
	w := newWorld(t, defaultMentorship+`gatherings:
  - kind: mentorship_circle
    repository: community
    category: Circles
    cadence: weekly
    weekday: `+strings.ToLower(hoursWeekday.String())+`
    times: ["17:00"]
`)
	w.emu.AddRepo(org, communityRepo, ghemu.RepoOptions{})
	w.emu.AddInstallation(installationID, org, repoName, communityRepo)
	w.emu.SetDiscussions(org, communityRepo, true)
	w.emu.AddDiscussionCategory(org, communityRepo, "Circles")
	s := nextSession(t)
	w.scheduleAt(s.Start.Add(-72 * time.Hour))
	ann := w.inCategory("Circles")
	if len(ann) != 1 {
		t.Fatalf("%d circle announcements", len(ann))
	}
	n := ann[0].Number
	w.emu.CommentOnDiscussion(org, communityRepo, n, "newbie", "/action Write the onboarding checklist")
	w.emu.CommentOnDiscussion(org, communityRepo, n, "newbie", "/kudos @ana for the pairing session")
	w.emu.CommentOnDiscussion(org, communityRepo, n, "ana", "Use `make dev` to start everything.\n/faq")
	w.settle()
	var replies []string
	for _, c := range w.botDiscussionComments(n) {
		replies = append(replies, c.Body)
	}
	all := strings.Join(replies, "\n")
	for _, want := range []string{
		"Noted: this action item goes into the recap of the session on",
		"Noted: kudos to `ana` will be in the next recap.",
		"Saved to the FAQ: the next recap lists it.",
	} {
		if !strings.Contains(all, want) {
			t.Errorf("replies lack %q:\n%s", want, all)
		}
	}
	if strings.Contains(all, "Sorry") || strings.Contains(all, "not set up") {
		t.Errorf("a command was refused:\n%s", all)
	}
	w.scheduleAt(s.End)
	var recap string
	for _, c := range w.botDiscussionComments(n) {
		if strings.Contains(c.Body, "mentorbot:office-hours:recap:") {
			recap = c.Body
		}
	}
	for _, want := range []string{"- [ ] Write the onboarding checklist (newbie)", "- @ana: for the pairing session (from newbie)", "Use ˋmake devˋ to start everything."} {
		if !strings.Contains(recap, want) {
			t.Errorf("recap lacks %q:\n%s", want, recap)
		}
	}
}
