package demo

import (
	"context"
	"fmt"
	"io"
	"regexp"
	"slices"
	"strings"
	"time"

	"github.com/rs/zerolog"

	"github.com/mentorbot/mentorbot/app"
	"github.com/mentorbot/mentorbot/app/figures"
	"github.com/mentorbot/mentorbot/app/ghemu"
	"github.com/mentorbot/mentorbot/app/store"
)

type story struct {
	emu    *ghemu.Emulator
	db     *store.DB
	out    io.Writer
	cfg    *app.Config
	logger zerolog.Logger
	clock  *storyClock
	tl     timeline
	seen   map[int64]bool // bot comments already told
	// discussions and their comments already told
	seenDiscussion map[int64]bool
	step           int
	facts          Facts
	opened         map[int]opened // the newcomers' pull requests and issues, by number
}

// opened is a newcomer's pull request or issue as the story opened it.
type opened struct {
	author string
	at     time.Time
}

// Facts are what the story did, counted by the story as it acted and as it
// watched GitHub (the emulator), never read from the service's store: the
// dashboard, `mentorbot report` and the recaps must show the same.
type Facts struct {
	Start, End time.Time // the story's first and last step
	// Newcomers are the first-timers who opened a pull request or issue.
	Newcomers []string
	// FirstResponses is, per newcomer, how long they waited for the first
	// comment or review by someone else (bots aside), as the story timed it.
	FirstResponses map[string]time.Duration
	// Announced and Recapped count the announcements and recaps the bot
	// posted, every series together; Series the titles of the announcements.
	Announced, Recapped int
	Series              []string
	// RSVPs are the 👍 and 😕 reactions people left on announcements.
	RSVPs int
}

// MedianResponse is the median of FirstResponses (the mean of the middle
// two for an even count), zero when there is none.
func (f Facts) MedianResponse() time.Duration {
	var ws []time.Duration
	for _, w := range f.FirstResponses {
		ws = append(ws, w)
	}
	slices.Sort(ws)
	switch n := len(ws); {
	case n == 0:
		return 0
	case n%2 == 1:
		return ws[n/2]
	default:
		return (ws[n/2-1] + ws[n/2]) / 2
	}
}

func (s *story) isBot(login string) bool {
	return login == s.emu.BotLogin() || login+"[bot]" == s.emu.BotLogin()
}

// A step happens at its time on the story clock.
type step struct {
	at    time.Time
	title string
	do    func(ctx context.Context) error
}

func (s *story) play(ctx context.Context) error {
	s.seen, s.seenDiscussion, s.opened = map[int64]bool{}, map[int64]bool{}, map[int]opened{}
	s.facts = Facts{FirstResponses: map[string]time.Duration{}, Start: s.tl.start}
	for _, st := range s.steps() {
		s.step++
		s.clock.Set(st.at)
		fmt.Fprintf(s.out, "%d. %s · %s\n", s.step, st.at.Format("Mon 2 Jan 15:04"), st.title)
		if err := st.do(ctx); err != nil {
			return fmt.Errorf("step %d: %w", s.step, err)
		}
		if err := settle(ctx, s.emu, s.db); err != nil {
			return err
		}
		s.tell(ctx)
		s.facts.End = st.at
	}
	return nil
}

// The story's actions on GitHub, which it times for Facts.

func (s *story) openPull(author string, o ghemu.PullOptions, newcomer bool) int {
	n := s.emu.OpenPullRequest(Org, Repo, author, o)
	s.arrived(n, author, newcomer)
	return n
}

func (s *story) openIssue(author string, o ghemu.IssueOptions, newcomer bool) int {
	n := s.emu.OpenIssue(Org, Repo, author, o)
	s.arrived(n, author, newcomer)
	return n
}

func (s *story) arrived(n int, author string, newcomer bool) {
	if newcomer {
		s.opened[n] = opened{author: author, at: s.clock.Now()}
		s.facts.Newcomers = append(s.facts.Newcomers, author)
	}
}

func (s *story) comment(n int, author, body string) {
	s.responded(n, author)
	s.emu.Comment(Org, Repo, n, author, body)
}

func (s *story) review(n int, reviewer, state, body string) {
	s.responded(n, reviewer)
	s.emu.Review(Org, Repo, n, reviewer, state, body)
}

// responded notes the first reply to a newcomer by someone else.
func (s *story) responded(n int, who string) {
	o, ok := s.opened[n]
	if _, done := s.facts.FirstResponses[o.author]; ok && !done && who != o.author {
		s.facts.FirstResponses[o.author] = s.clock.Now().Sub(o.at)
	}
}

func (s *story) rsvp(n int, who, content string) {
	s.emu.ReactToDiscussion(Org, CommunityRep, n, who, content)
	s.facts.RSVPs++
}

func (s *story) steps() []step {
	var first, second, issue, release, fourth int
	t0, tl := s.tl.start, s.tl
	at := func(d time.Duration) time.Time { return t0.Add(d) }
	m := time.Minute
	return []step{
		{at(0), "ada-lovelace opens her first pull request, a fix in docs/", func(ctx context.Context) error {
			first = s.openPull("ada-lovelace", ghemu.PullOptions{Title: "Fix typos in the install guide",
				Files: []ghemu.PullFile{{Filename: "docs/install.md", Status: "modified", Additions: 4, Deletions: 4}}}, true)
			return nil
		}},
		{at(10 * m), "grace-hopper opens her first pull request, a code change", func(ctx context.Context) error {
			second = s.openPull("grace-hopper", ghemu.PullOptions{Title: "Add a --dim flag",
				Files: []ghemu.PullFile{{Filename: "cmd/lantern/flags.go", Status: "modified", Additions: 20}}}, true)
			return nil
		}},
		{at(20 * m), "alan-turing opens his first issue", func(ctx context.Context) error {
			issue = s.openIssue("alan-turing", ghemu.IssueOptions{Title: "lantern crashes on an empty config"}, true)
			return nil
		}},
		{at(30 * m), "maintainer-mo, a member, opens a pull request (not a newcomer: no welcome)", func(ctx context.Context) error {
			release = s.openPull("maintainer-mo", ghemu.PullOptions{Title: "Release 1.4"}, false)
			return nil
		}},
		{at(40 * m), "ingrid will be on holiday: she comments `/mentor away until` a date on the release", func(ctx context.Context) error {
			until := s.clock.Now().AddDate(0, 0, 14).Format("2006-01-02")
			s.comment(release, "ingrid", "/mentor away until "+until)
			return nil
		}},
		{at(45 * m), "a few minutes later the scheduler hands ingrid's mentee to a fellow mentor", func(ctx context.Context) error {
			return s.runSchedule(ctx)
		}},
		{at(50 * m), "linus-t opens his first pull request while ingrid is away", func(ctx context.Context) error {
			fourth = s.openPull("linus-t", ghemu.PullOptions{Title: "Handle SIGWINCH",
				Files: []ghemu.PullFile{{Filename: "term/resize.go", Status: "added", Additions: 30}}}, true)
			return nil
		}},
		{at(time.Hour), "an hour after she opened it, ada's mentor reviews, and maintainer-mo merges her pull request", func(ctx context.Context) error {
			ms, err := s.db.GetMentorship(ctx, Org+"/"+Repo, first)
			if err != nil {
				return err
			}
			s.review(first, ms.Mentor, "APPROVED", "Lovely, thank you!")
			s.emu.MergePullRequest(Org, Repo, first, "maintainer-mo")
			return nil
		}},
		{at(70 * m), "a stranger tries `/mentor reassign` on ada's pull request", func(ctx context.Context) error {
			s.comment(first, "stranger-sam", "/mentor reassign")
			return nil
		}},
		{at(2 * time.Hour), "maintainer-mo labels two issues \"good first issue\"", func(ctx context.Context) error {
			s.emu.LabelIssue(Org, Repo, 1, "maintainer-mo", "good first issue")
			s.emu.LabelIssue(Org, Repo, 2, "maintainer-mo", "good first issue")
			return nil
		}},
		{at(3 * time.Hour), "hedy-lamarr comments /claim on the first one", func(ctx context.Context) error {
			s.comment(1, "hedy-lamarr", "/claim")
			return nil
		}},
		{at(4 * time.Hour), "rosalind-f asks \"can I work on this?\" on the same issue, then comments /claim", func(ctx context.Context) error {
			s.comment(1, "rosalind-f", "Hi! Can I work on this?")
			s.comment(1, "rosalind-f", "/claim")
			return nil
		}},
		{at(6 * time.Hour), "hedy-lamarr has no time after all: /unclaim", func(ctx context.Context) error {
			s.comment(1, "hedy-lamarr", "/unclaim")
			return nil
		}},
		{at(50 * time.Hour), "two days pass without a word from the other newcomers' mentors", func(ctx context.Context) error {
			return s.runSchedule(ctx)
		}},
		{at(98 * time.Hour), "four days pass: the newcomers still waiting get another mentor", func(ctx context.Context) error {
			return s.runSchedule(ctx)
		}},
		{at(99 * time.Hour), "the new mentors say hello", func(ctx context.Context) error {
			for _, n := range []int{second, issue, fourth} {
				ms, err := s.db.GetMentorship(ctx, Org+"/"+Repo, n)
				if err != nil {
					return err
				}
				s.comment(n, ms.Mentor, "Hi! I'm your mentor now. How can I help?")
			}
			return nil
		}},
		{tl.hours.Start.Add(-48 * time.Hour), "two days before office hours, the week's gatherings are announced: office hours, a mentorship circle and a social, each with its join link", func(ctx context.Context) error {
			return s.runSchedule(ctx)
		}},
		{tl.hours.Start.Add(-45 * time.Hour), "people RSVP with reactions and leave a comment, an /action and a /kudos", func(ctx context.Context) error {
			hours, err := s.announcement("office hours —")
			if err != nil {
				return err
			}
			for _, who := range []string{"ada-lovelace", "grace-hopper", "priya"} {
				s.rsvp(hours, who, "THUMBS_UP")
			}
			s.rsvp(hours, "linus-t", "CONFUSED")
			s.emu.CommentOnDiscussion(Org, CommunityRep, hours, "grace-hopper", "Looking forward to it! I'd love to talk about testing.\n- [ ] Write down how to run the tests on Windows")
			s.emu.CommentOnDiscussion(Org, CommunityRep, hours, "mateo", "/action Add a 'first contribution' page to the docs")
			s.emu.CommentOnDiscussion(Org, CommunityRep, hours, "priya", "/kudos @ada-lovelace for a careful first docs fix")
			circle, err := s.announcement("mentorship circle —")
			if err != nil {
				return err
			}
			s.rsvp(circle, "grace-hopper", "THUMBS_UP")
			social, err := s.announcement("social —")
			if err != nil {
				return err
			}
			s.rsvp(social, "ada-lovelace", "THUMBS_UP")
			s.rsvp(social, "alan-turing", "THUMBS_UP")
			return nil
		}},
		{tl.circle.End.Add(time.Hour), "the mentorship circle has met: its recap", func(ctx context.Context) error {
			return s.runSchedule(ctx)
		}},
		{tl.hours.Start.Add(-30 * time.Minute), "half an hour before office hours: the reminder", func(ctx context.Context) error {
			return s.runSchedule(ctx)
		}},
		{tl.hours.End.Add(time.Hour), "after office hours: the recap", func(ctx context.Context) error {
			return s.runSchedule(ctx)
		}},
		{tl.social.End.Add(time.Hour), "after the social: its recap", func(ctx context.Context) error {
			return s.runSchedule(ctx)
		}},
	}
}

// announcement is the newest announcement whose title has what in it.
func (s *story) announcement(what string) (int, error) {
	n := 0
	for _, d := range s.emu.Discussions(Org, CommunityRep) {
		if s.isBot(d.Author) && strings.Contains(d.Title, what) && d.Number > n {
			n = d.Number
		}
	}
	if n == 0 {
		return 0, fmt.Errorf("no announcement %q in %s/%s", what, Org, CommunityRep)
	}
	return n, nil
}

// runSchedule runs the scheduled jobs at the story's time, as `mentorbot
// schedule run` would (a second service on the same store and clock).
func (s *story) runSchedule(ctx context.Context) error {
	a, err := app.New(ctx, s.cfg, s.logger, app.WithClock(s.clock.Now))
	if err != nil {
		return err
	}
	defer a.Close()
	return a.RunSchedule(ctx)
}

// tell says, in plain words, what the bot did since the last step.
func (s *story) tell(ctx context.Context) {
	told := false
	for _, repo := range []string{Repo, CommunityRep} {
		for _, is := range s.emu.Issues(Org, repo) {
			for _, c := range s.emu.Comments(Org, repo, is.Number) {
				if !s.isBot(c.Author) || s.seen[c.ID] {
					continue
				}
				s.seen[c.ID] = true
				told = true
				fmt.Fprintf(s.out, "   ↳ on #%d (%s): %s\n", is.Number, oneLine(is.Title, 40), summary(c.Body))
				if m, err := s.db.GetMentorship(ctx, Org+"/"+repo, is.Number); err == nil && strings.Contains(c.Body, "mentorbot:welcome:") {
					if m.Mentor != "" {
						fmt.Fprintf(s.out, "     mentor: %s (%s)\n", m.Mentor, why(c.Body))
					} else {
						fmt.Fprintf(s.out, "     no mentor free: %s waits in line, labelled \"mentor wanted\"\n", m.Mentee)
					}
				}
			}
		}
	}
	for _, d := range s.emu.Discussions(Org, CommunityRep) {
		if s.isBot(d.Author) && !s.seenDiscussion[d.ID] {
			s.seenDiscussion[d.ID] = true
			told = true
			fmt.Fprintf(s.out, "   ↳ new discussion #%d: %q\n", d.Number, d.Title)
			if strings.Contains(d.Title, " recap — ") {
				s.facts.Recapped++
			} else {
				s.facts.Announced++
				s.facts.Series = append(s.facts.Series, d.Title)
				if u := joinLink.FindString(d.Body); u != "" {
					fmt.Fprintf(s.out, "     join: %s\n", u)
				}
			}
		}
		for _, c := range d.Comments {
			if s.isBot(c.Author) && !s.seenDiscussion[c.ID] {
				s.seenDiscussion[c.ID] = true
				told = true
				fmt.Fprintf(s.out, "   ↳ in discussion #%d: %s\n", d.Number, summary(c.Body))
			}
		}
	}
	if !told {
		fmt.Fprintln(s.out, "   ↳ mentorbot stays quiet, as it should.")
	}
}

var (
	tags      = regexp.MustCompile(`<[^>]+>`)
	mdMarks   = regexp.MustCompile("[*_`#>]")
	decidedBy = regexp.MustCompile(`decided by the rule \*([^*]+)\*`)
	joinLink  = regexp.MustCompile(`https://meet\.example\.org/[a-z-]+`)
)

// summary is the first sentence of a comment, without markup.
func summary(body string) string {
	body = tags.ReplaceAllString(body, "")
	body = mdMarks.ReplaceAllString(body, "")
	body = strings.Join(strings.Fields(body), " ")
	if i := strings.IndexAny(body, ".!?"); i > 0 && i < 160 {
		return body[:i+1]
	}
	return oneLine(body, 160)
}

func why(body string) string {
	if m := decidedBy.FindStringSubmatch(body); m != nil {
		return "decided by " + m[1]
	}
	return "see \"Why this mentor?\" in the comment"
}

func oneLine(s string, n int) string {
	s = strings.Join(strings.Fields(s), " ")
	if r := []rune(s); len(r) > n {
		return string(r[:n-1]) + "…"
	}
	return s
}

// summarize tells the story's figures, which the dashboard and `mentorbot
// report` show too.
func (s *story) summarize() {
	f := s.facts
	var waits []string
	for _, n := range f.Newcomers {
		if w, ok := f.FirstResponses[n]; ok {
			waits = append(waits, fmt.Sprintf("%s %s", n, figures.FormatDuration(w)))
		}
	}
	fmt.Fprintf(s.out, "\nThe story in figures (the dashboard and `mentorbot report` count the same):\n")
	fmt.Fprintf(s.out, "  %d newcomers welcomed; %d of them answered: %s\n", len(f.Newcomers), len(f.FirstResponses), strings.Join(waits, ", "))
	fmt.Fprintf(s.out, "  median first response %s (%.1f hours)\n", figures.FormatDuration(f.MedianResponse()), f.MedianResponse().Hours())
	fmt.Fprintf(s.out, "  %d sessions announced, %d recaps published, %d RSVPs\n", f.Announced, f.Recapped, f.RSVPs)
}
