package commands

import (
	"errors"
	"reflect"
	"regexp"
	"strings"
	"testing"
	"time"
)

func date(s string) time.Time {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		panic(err)
	}
	return t
}

// cmd is a command without its Err, for comparing; tests check Err apart.
type cmd struct {
	Name  Name
	Line  int
	Until time.Time
	User  string
	Text  string
	Err   bool
}

func strip(cs []Command) []cmd {
	var out []cmd
	for _, c := range cs {
		out = append(out, cmd{c.Name, c.Line, c.Until, c.User, c.Text, c.Err != nil})
	}
	return out
}

func TestParse(t *testing.T) {
	tests := []struct {
		name string
		body string
		want []cmd
	}{
		// The commands.
		{"mentor", "/mentor", []cmd{{Name: Mentor, Line: 1}}},
		{"reassign", "/mentor reassign", []cmd{{Name: MentorReassign, Line: 1}}},
		{"reassign with a reason", "/mentor reassign I am swamped this month", []cmd{{Name: MentorReassign, Line: 1, Text: "I am swamped this month"}}},
		{"away", "/mentor away", []cmd{{Name: MentorAway, Line: 1}}},
		{"away until", "/mentor away until 2026-12-24", []cmd{{Name: MentorAway, Line: 1, Until: date("2026-12-24")}}},
		{"away with just a date", "/mentor away 2026-12-24", []cmd{{Name: MentorAway, Line: 1, Until: date("2026-12-24")}}},
		{"back", "/mentor back", []cmd{{Name: MentorBack, Line: 1}}},
		{"back with a remark", "/mentor back, refreshed!", []cmd{{Name: MentorBack, Line: 1, Text: "refreshed!"}}},
		{"keep", "/mentor keep", []cmd{{Name: MentorKeep, Line: 1}}},
		{"keep, any case, with a remark", "/Mentor KEEP. I will wait for them", []cmd{{Name: MentorKeep, Line: 1, Text: "I will wait for them"}}},
		{"claim", "/claim", []cmd{{Name: Claim, Line: 1}}},
		{"claim with a remark", "/claim I'd love to try this", []cmd{{Name: Claim, Line: 1, Text: "I'd love to try this"}}},
		{"unclaim", "/unclaim", []cmd{{Name: Unclaim, Line: 1}}},
		{"kudos", "/kudos @octocat for the patient review", []cmd{{Name: Kudos, Line: 1, User: "octocat", Text: "for the patient review"}}},
		{"kudos without reason", "/kudos @octocat", []cmd{{Name: Kudos, Line: 1, User: "octocat"}}},
		{"kudos with comma", "/kudos @octo-cat, great docs", []cmd{{Name: Kudos, Line: 1, User: "octo-cat", Text: "great docs"}}},
		{"kudos possessive", "/kudos @octocat's fix", []cmd{{Name: Kudos, Line: 1, User: "octocat", Text: "fix"}}},
		{"kudos keeps reason raw", "/kudos @a  thanks @b & <b>c</b>  ", []cmd{{Name: Kudos, Line: 1, User: "a", Text: "thanks @b & <b>c</b>"}}},
		{"faq", "/faq", []cmd{{Name: FAQ, Line: 1}}},
		{"faq with a title", "/faq How do I run the tests?", []cmd{{Name: FAQ, Line: 1, Text: "How do I run the tests?"}}},
		{"action", "/action Alice sends the slides", []cmd{{Name: Action, Line: 1, Text: "Alice sends the slides"}}},

		// Case, spacing and punctuation.
		{"uppercase", "/CLAIM", []cmd{{Name: Claim, Line: 1}}},
		{"mixed case options", "/Mentor Away UNTIL 2026-01-31", []cmd{{Name: MentorAway, Line: 1, Until: date("2026-01-31")}}},
		{"leading spaces", "   /claim", []cmd{{Name: Claim, Line: 1}}},
		{"leading tab after text", "hello\n\t/claim", []cmd{{Name: Claim, Line: 2}}},
		{"trailing spaces", "/claim   ", []cmd{{Name: Claim, Line: 1}}},
		{"trailing period", "/claim.", []cmd{{Name: Claim, Line: 1}}},
		{"trailing exclamation", "/unclaim!", []cmd{{Name: Unclaim, Line: 1}}},
		{"colon before arguments", "/action: write the recap", []cmd{{Name: Action, Line: 1, Text: "write the recap"}}},
		{"option with punctuation", "/mentor reassign.", []cmd{{Name: MentorReassign, Line: 1}}},
		{"date with punctuation", "/mentor away until 2026-12-24.", []cmd{{Name: MentorAway, Line: 1, Until: date("2026-12-24")}}},
		{"tab between arguments", "/kudos\t@octocat\tthanks", []cmd{{Name: Kudos, Line: 1, User: "octocat", Text: "thanks"}}},
		{"CRLF line endings", "Hi!\r\n/claim\r\n/kudos @a thanks\r\n", []cmd{{Name: Claim, Line: 2}, {Name: Kudos, Line: 3, User: "a", Text: "thanks"}}},

		// Several commands.
		{"several commands", "Thanks all!\n/kudos @a docs\n\n/action ship it\n/claim", []cmd{
			{Name: Kudos, Line: 2, User: "a", Text: "docs"}, {Name: Action, Line: 4, Text: "ship it"}, {Name: Claim, Line: 5}}},
		{"same command twice", "/claim\n/claim", []cmd{{Name: Claim, Line: 1}, {Name: Claim, Line: 2}}},
		{"command after text in a paragraph", "Sounds good.\n/claim", []cmd{{Name: Claim, Line: 2}}},
		{"indented continuation is prose", "Sounds good.\n      /claim", []cmd{{Name: Claim, Line: 2}}},
		{"in a list item's text", "- first\n  /claim", []cmd{{Name: Claim, Line: 2}}},
		{"heading text", "/claim\n---", []cmd{{Name: Claim, Line: 1}}},

		// Not commands: the line does not start with the command.
		{"mid-line", "please /claim", nil},
		{"list marker", "- /claim", nil},
		{"numbered list", "1. /claim", nil},
		{"heading marker", "# /claim", nil},
		{"escaped", `\/claim`, nil},
		{"empty body", "", nil},
		{"only a slash", "/", nil},

		// Not commands: code.
		{"fenced backticks", "```\n/claim\n```", nil},
		{"fenced tildes", "~~~\n/claim\n~~~", nil},
		{"long fence with info string", "````md title=x\n/claim\n```\n/claim\n````", nil},
		{"unclosed fence runs to the end", "```\n/claim\n\n/kudos @a x", nil},
		{"after the fence", "```\ncode\n```\n/claim", []cmd{{Name: Claim, Line: 4}}},
		{"tilde fence not closed by backticks", "~~~\n```\n/claim\n~~~\n/faq", []cmd{{Name: FAQ, Line: 5}}},
		{"indented fence", "   ```\n/claim\n   ```", nil},
		{"fence in a list item", "1. step\n   ```\n   /claim\n   ```", nil},
		{"indented code", "text\n\n    /claim", nil},
		{"indented code by tab", "text\n\n\t/claim", nil},
		{"indented code at the start", "    /claim", nil},
		{"inline code", "`/claim`", nil},
		{"code span across lines", "Use `\n/claim\n` to claim.", nil},
		{"double backtick span across lines", "x ``a\n/claim` b``", nil},

		// Not commands: quotes and HTML.
		{"quoted", "> /claim", nil},
		{"quoted with indent", "   > /claim", nil},
		{"nested quote", "> > /claim", nil},
		{"quote without space", ">/claim", nil},
		{"quote reply", "> /claim\n\nThis is taken already.", nil},
		{"lazy quote continuation", "> someone said\n/claim", nil},
		{"after a quote", "> someone said\n\n/claim", []cmd{{Name: Claim, Line: 3}}},
		{"quoted fence", "> ```\n> /claim\n> ```", nil},
		{"quote in a list", "- > quoted\n  > /claim", nil},
		{"HTML comment", "<!-- /claim -->", nil},
		{"multi-line HTML comment", "<!--\n/claim\n-->\n/unclaim", []cmd{{Name: Unclaim, Line: 4}}},
		{"inline HTML comment across lines", "Hi <!--\n/claim\n--> there", nil},
		{"HTML block", "<details>\n/claim\n</details>", nil},
		{"details with blank lines", "<details>\n\n/claim\n\n</details>", []cmd{{Name: Claim, Line: 3}}},
		{"pre block", "<pre>\n/claim\n</pre>", nil},

		// Slash words that are not for this bot.
		{"path", "/usr/bin/env", nil},
		{"path with extension", "/main.go", nil},
		{"word with a hyphen", "/claim-it", nil},
		{"word with digits", "/claim2", nil},
		{"double slash", "//claim", nil},
		{"other bot's command", "/cc @alice", nil},
		{"prow assign", "/assign", nil},
		{"lgtm", "/lgtm", nil},
		{"me", "/me waves", nil},
		{"close", "/close", nil},
		{"short word", "/cl", nil},
		{"non-ASCII letter", "/clåim", nil},
		{"URL", "https://example.org/claim", nil},

		// Near misses and bad arguments.
		{"misspelt mentor", "/mentr", []cmd{{Name: Unknown, Line: 1, Err: true}}},
		{"swapped letters", "/cliam", []cmd{{Name: Unknown, Line: 1, Err: true}}},
		{"plural", "/claims", []cmd{{Name: Unknown, Line: 1, Err: true}}},
		{"unknown mentor option", "/mentor frobnicate", []cmd{{Name: Mentor, Line: 1, Err: true}}},
		{"mentor option misspelt", "/mentor reasign", []cmd{{Name: Mentor, Line: 1, Err: true}}},
		{"away until words", "/mentor away until tomorrow", []cmd{{Name: MentorAway, Line: 1, Err: true}}},
		{"away until nothing", "/mentor away until", []cmd{{Name: MentorAway, Line: 1, Err: true}}},
		{"away for a duration", "/mentor away for two weeks", []cmd{{Name: MentorAway, Line: 1, Err: true}}},
		{"away impossible date", "/mentor away until 2026-02-30", []cmd{{Name: MentorAway, Line: 1, Err: true}}},
		{"away other date format", "/mentor away until 24.12.2026", []cmd{{Name: MentorAway, Line: 1, Err: true}}},
		{"away short date", "/mentor away until 2026-1-5", []cmd{{Name: MentorAway, Line: 1, Err: true}}},
		{"kudos with no user", "/kudos", []cmd{{Name: Kudos, Line: 1, Err: true}}},
		{"kudos without @", "/kudos octocat thanks", []cmd{{Name: Kudos, Line: 1, Err: true}}},
		{"kudos to a team", "/kudos @org/team thanks", []cmd{{Name: Kudos, Line: 1, Err: true}}},
		{"kudos to a bad login", "/kudos @-x- thanks", []cmd{{Name: Kudos, Line: 1, Err: true}}},
		{"empty action", "/action", []cmd{{Name: Action, Line: 1, Err: true}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := strip(Parse(tt.body))
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("Parse(%q)\n got %+v\nwant %+v", tt.body, got, tt.want)
			}
		})
	}
}

func TestParseErrors(t *testing.T) {
	tests := []struct {
		body string
		want SyntaxError
		msg  string
	}{
		{"/mentr", SyntaxError{Command: "/mentr", Suggestion: "/mentor", Usage: mentorUsage},
			"unknown command /mentr (did you mean /mentor?); usage: " + mentorUsage},
		{"/Kudo @a", SyntaxError{Command: "/Kudo", Suggestion: "/kudos", Usage: kudosUsage},
			"unknown command /Kudo (did you mean /kudos?); usage: /kudos @\u200Duser reason"},
		{"/fac", SyntaxError{Command: "/fac", Suggestion: "/faq", Usage: "/faq"}, ""},
		{"/unclam", SyntaxError{Command: "/unclam", Suggestion: "/unclaim", Usage: "/unclaim"}, ""},
		{"/mentor frobnicate", SyntaxError{Command: "/mentor", Problem: "unknown option", Usage: mentorUsage},
			"/mentor: unknown option; usage: " + mentorUsage},
		{"/mentor bak", SyntaxError{Command: "/mentor", Problem: "unknown option", Suggestion: "/mentor back", Usage: mentorUsage}, ""},
		{"/mentor kep", SyntaxError{Command: "/mentor", Problem: "unknown option", Suggestion: "/mentor keep", Usage: mentorUsage}, ""},
		{"/mentor away until tomorrow", SyntaxError{Command: "/mentor away", Problem: "the date must be written YYYY-MM-DD", Usage: awayUsage},
			"/mentor away: the date must be written YYYY-MM-DD; usage: /mentor away [until YYYY-MM-DD]"},
		{"/mentor away until 2026-02-30", SyntaxError{Command: "/mentor away", Problem: "the date does not exist", Usage: awayUsage}, ""},
		{"/kudos", SyntaxError{Command: "/kudos", Problem: "the person to thank is missing", Usage: kudosUsage},
			"/kudos: the person to thank is missing; usage: /kudos @\u200Duser reason"},
		{"/kudos @org/team", SyntaxError{Command: "/kudos", Problem: "kudos go to a person, not a team", Usage: kudosUsage}, ""},
		{"/action", SyntaxError{Command: "/action", Problem: "the action item is missing", Usage: actionUsage}, ""},
	}
	for _, tt := range tests {
		cs := Parse(tt.body)
		if len(cs) != 1 {
			t.Fatalf("Parse(%q) = %+v, want one command", tt.body, cs)
		}
		var se *SyntaxError
		if !errors.As(cs[0].Err, &se) {
			t.Fatalf("Parse(%q).Err = %v, want a *SyntaxError", tt.body, cs[0].Err)
		}
		if *se != tt.want {
			t.Errorf("Parse(%q).Err = %+v, want %+v", tt.body, *se, tt.want)
		}
		if tt.msg != "" && se.Error() != tt.msg {
			t.Errorf("Parse(%q).Err.Error() = %q, want %q", tt.body, se.Error(), tt.msg)
		}
	}
}

// TestErrorsRepeatNoUserText: an error message may be posted back, so it
// must not carry what the user wrote beyond a command word of letters, nor
// mention anyone.
func TestErrorsRepeatNoUserText(t *testing.T) {
	for _, body := range []string{
		"/mentor @team-x", "/mentor away until <!--", "/kudos @org/secret-team", "/kudos <b>@x</b>",
		"/mentor away until @all", "/mentor reasign @bob",
	} {
		for _, c := range Parse(body) {
			if c.Err == nil {
				t.Fatalf("Parse(%q) = %+v, want an error", body, c)
			}
			if msg := c.Err.Error(); strings.Contains(msg, "<") || liveMention.MatchString(msg) {
				t.Errorf("Parse(%q): error %q repeats user text", body, msg)
			}
		}
	}
}

// liveMention finds an "@" GitHub would turn into a mention.
var liveMention = regexp.MustCompile(`(^|[^A-Za-z0-9])@[A-Za-z0-9]`)

func TestNameString(t *testing.T) {
	tests := []struct {
		n    Name
		want string
	}{
		{Unknown, "unknown"}, {Mentor, "/mentor"}, {MentorReassign, "/mentor reassign"}, {MentorAway, "/mentor away"},
		{MentorBack, "/mentor back"}, {Claim, "/claim"}, {Unclaim, "/unclaim"}, {Kudos, "/kudos"},
		{FAQ, "/faq"}, {Action, "/action"}, {MentorKeep, "/mentor keep"}, {Name(99), "unknown"}, {Name(-1), "unknown"},
	}
	for _, tt := range tests {
		if got := tt.n.String(); got != tt.want {
			t.Errorf("Name(%d).String() = %q, want %q", int(tt.n), got, tt.want)
		}
	}
}

func TestClosest(t *testing.T) {
	tests := []struct {
		word, want string
		ok         bool
	}{
		{"mentr", "mentor", true},
		{"mentee", "mentor", true},
		{"cliam", "claim", true},
		{"clam", "claim", true},
		{"unclaimed", "unclaim", true},
		{"kudo", "kudos", true},
		{"fax", "faq", true},
		{"actoin", "action", true},
		{"cla", "", false},
		{"cc", "", false},
		{"close", "", false},
		{"assign", "", false},
		{"fix", "", false},
		{"help", "", false},
	}
	for _, tt := range tests {
		got, ok := closest(tt.word, commandWords)
		if got != tt.want || ok != tt.ok {
			t.Errorf("closest(%q) = %q, %v; want %q, %v", tt.word, got, ok, tt.want, tt.ok)
		}
	}
}

func TestEditDistance(t *testing.T) {
	tests := []struct {
		a, b string
		want int
	}{
		{"", "", 0}, {"a", "", 1}, {"", "abc", 3}, {"claim", "claim", 0}, {"cliam", "claim", 1},
		{"claim", "clam", 1}, {"mentor", "mentee", 2}, {"kitten", "sitting", 3}, {"ca", "abc", 3},
	}
	for _, tt := range tests {
		if got := editDistance(tt.a, tt.b); got != tt.want {
			t.Errorf("editDistance(%q, %q) = %d, want %d", tt.a, tt.b, got, tt.want)
		}
		if got := editDistance(tt.b, tt.a); got != tt.want {
			t.Errorf("editDistance(%q, %q) = %d, want %d", tt.b, tt.a, got, tt.want)
		}
	}
}

// TestParseConcurrent shares the Markdown parser between goroutines; run
// with -race.
func TestParseConcurrent(t *testing.T) {
	done := make(chan []Command)
	for range 8 {
		go func() { done <- Parse("> q\n\n/claim\n```\n/faq\n```\n/kudos @a b") }()
	}
	for range 8 {
		if got := <-done; len(got) != 2 || got[0].Name != Claim || got[1].Name != Kudos {
			t.Errorf("Parse = %+v, want /claim and /kudos", got)
		}
	}
}
