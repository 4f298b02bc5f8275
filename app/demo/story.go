package demo

import (
	"context"
	"fmt"
	"io"
	"regexp"
	"strings"
	"time"

	"github.com/rs/zerolog"

	"github.com/mentorbot/mentorbot/app"
	"github.com/mentorbot/mentorbot/app/gatherings/schedule"
	"github.com/mentorbot/mentorbot/app/ghemu"
	"github.com/mentorbot/mentorbot/app/store"
)

type story struct {
	emu    *ghemu.Emulator
	db     *store.DB
	out    io.Writer
	cfg    *app.Config
	logger zerolog.Logger
	seen   map[int64]bool // bot comments already told
	// discussions and their comments already told
	seenDiscussion map[int64]bool
	step           int
}

func (s *story) isBot(login string) bool {
	return login == s.emu.BotLogin() || login+"[bot]" == s.emu.BotLogin()
}

type step struct {
	title string
	do    func(ctx context.Context) error
}

func (s *story) play(ctx context.Context) error {
	s.seen, s.seenDiscussion = map[int64]bool{}, map[int64]bool{}
	for _, st := range s.steps() {
		s.step++
		fmt.Fprintf(s.out, "%d. %s\n", s.step, st.title)
		if err := st.do(ctx); err != nil {
			return fmt.Errorf("step %d: %w", s.step, err)
		}
		if err := settle(ctx, s.emu, s.db); err != nil {
			return err
		}
		s.tell(ctx)
	}
	return nil
}

func (s *story) steps() []step {
	var first, second, issue int
	return []step{
		{"ada-lovelace opens her first pull request, a fix in docs/", func(ctx context.Context) error {
			first = s.emu.OpenPullRequest(Org, Repo, "ada-lovelace", ghemu.PullOptions{Title: "Fix typos in the install guide",
				Files: []ghemu.PullFile{{Filename: "docs/install.md", Status: "modified", Additions: 4, Deletions: 4}}})
			return nil
		}},
		{"grace-hopper opens her first pull request, a code change", func(ctx context.Context) error {
			second = s.emu.OpenPullRequest(Org, Repo, "grace-hopper", ghemu.PullOptions{Title: "Add a --dim flag",
				Files: []ghemu.PullFile{{Filename: "cmd/lantern/flags.go", Status: "modified", Additions: 20}}})
			return nil
		}},
		{"alan-turing opens his first issue", func(ctx context.Context) error {
			issue = s.emu.OpenIssue(Org, Repo, "alan-turing", ghemu.IssueOptions{Title: "lantern crashes on an empty config"})
			return nil
		}},
		{"maintainer-mo, a member, opens a pull request (not a newcomer: no welcome)", func(ctx context.Context) error {
			s.emu.OpenPullRequest(Org, Repo, "maintainer-mo", ghemu.PullOptions{Title: "Release 1.4"})
			return nil
		}},
		{"ingrid will be on holiday: she comments `/mentor away until` a date", func(ctx context.Context) error {
			until := time.Now().AddDate(0, 0, 14).Format("2006-01-02")
			s.emu.Comment(Org, Repo, first, "ingrid", "/mentor away until "+until)
			return nil
		}},
		{"linus-t opens his first pull request while ingrid is away", func(ctx context.Context) error {
			s.emu.OpenPullRequest(Org, Repo, "linus-t", ghemu.PullOptions{Title: "Handle SIGWINCH",
				Files: []ghemu.PullFile{{Filename: "term/resize.go", Status: "added", Additions: 30}}})
			return nil
		}},
		{"a stranger tries `/mentor reassign` on ada's pull request", func(ctx context.Context) error {
			s.emu.Comment(Org, Repo, first, "stranger-sam", "/mentor reassign")
			return nil
		}},
		{"ada's mentor reviews, and maintainer-mo merges her pull request", func(ctx context.Context) error {
			m, err := s.db.GetMentorship(ctx, Org+"/"+Repo, first)
			if err != nil {
				return err
			}
			s.emu.Review(Org, Repo, first, m.Mentor, "APPROVED", "Lovely, thank you!")
			s.emu.MergePullRequest(Org, Repo, first, "maintainer-mo")
			return nil
		}},
		{"maintainer-mo labels two issues \"good first issue\"", func(ctx context.Context) error {
			s.emu.LabelIssue(Org, Repo, 1, "maintainer-mo", "good first issue")
			s.emu.LabelIssue(Org, Repo, 2, "maintainer-mo", "good first issue")
			return nil
		}},
		{"hedy-lamarr comments /claim on the first one", func(ctx context.Context) error {
			s.emu.Comment(Org, Repo, 1, "hedy-lamarr", "/claim")
			return nil
		}},
		{"rosalind-f asks \"can I work on this?\" on the same issue, then comments /claim", func(ctx context.Context) error {
			s.emu.Comment(Org, Repo, 1, "rosalind-f", "Hi! Can I work on this?")
			s.emu.Comment(Org, Repo, 1, "rosalind-f", "/claim")
			return nil
		}},
		{"hedy-lamarr has no time after all: /unclaim", func(ctx context.Context) error {
			s.emu.Comment(Org, Repo, 1, "hedy-lamarr", "/unclaim")
			return nil
		}},
		// first_response_hours (48) count from the start of the mentor's
		// next working hours, at most a night away: three days cover the
		// nudge, five the handover, whatever the hour the demo runs.
		{"three days pass without a word from grace's mentor", func(ctx context.Context) error {
			return s.scheduleAt(ctx, time.Now().Add(73*time.Hour))
		}},
		{"five days pass: grace gets another mentor", func(ctx context.Context) error {
			return s.scheduleAt(ctx, time.Now().Add(121*time.Hour))
		}},
		{"the new mentors say hello", func(ctx context.Context) error {
			for _, n := range []int{second, issue, 9} {
				m, err := s.db.GetMentorship(ctx, Org+"/"+Repo, n)
				if err != nil {
					return err
				}
				s.emu.Comment(Org, Repo, n, m.Mentor, "Hi! I'm your mentor now. How can I help?")
			}
			return nil
		}},
		{"two days before the next office hours, the announcement is up", func(ctx context.Context) error {
			return s.scheduleAt(ctx, s.session().Start.Add(-2*24*time.Hour))
		}},
		{"people RSVP with reactions and leave a comment, an /action and a /kudos", func(ctx context.Context) error {
			n, err := s.announcement()
			if err != nil {
				return err
			}
			for _, who := range []string{"ada-lovelace", "grace-hopper", "priya"} {
				s.emu.ReactToDiscussion(Org, CommunityRep, n, who, "THUMBS_UP")
			}
			s.emu.ReactToDiscussion(Org, CommunityRep, n, "linus-t", "CONFUSED")
			s.emu.CommentOnDiscussion(Org, CommunityRep, n, "grace-hopper", "Looking forward to it! I'd love to talk about testing.\n- [ ] Write down how to run the tests on Windows")
			s.emu.CommentOnDiscussion(Org, CommunityRep, n, "mateo", "/action Add a 'first contribution' page to the docs")
			s.emu.CommentOnDiscussion(Org, CommunityRep, n, "priya", "/kudos @ada-lovelace for a careful first docs fix")
			return nil
		}},
		{"after the session: the recap", func(ctx context.Context) error {
			return s.scheduleAt(ctx, s.session().End.Add(time.Hour))
		}},
	}
}

// session is the office-hours session the story follows: the first one
// whose announcement (three days ahead) comes after the story's fourth day.
func (s *story) session() schedule.Session {
	p := schedule.Plan{Cadence: schedule.Weekly, Weekday: time.Thursday, Times: []string{"09:00", "17:00"}, Duration: time.Hour}
	return p.Sessions(time.Now().Add(121*time.Hour+3*24*time.Hour), 1)[0]
}

// announcement is the newest office-hours announcement.
func (s *story) announcement() (int, error) {
	n := 0
	for _, d := range s.emu.Discussions(Org, CommunityRep) {
		if s.isBot(d.Author) && !strings.Contains(d.Title, "recap") && d.Number > n {
			n = d.Number
		}
	}
	if n == 0 {
		return 0, fmt.Errorf("no office-hours announcement in %s/%s", Org, CommunityRep)
	}
	return n, nil
}

// scheduleAt runs the scheduled jobs as `mentorbot schedule run --now` would.
func (s *story) scheduleAt(ctx context.Context, now time.Time) error {
	a, err := app.New(ctx, s.cfg, s.logger, app.WithClock(func() time.Time { return now }))
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
