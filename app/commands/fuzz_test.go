package commands

import (
	"reflect"
	"strings"
	"testing"

	"github.com/mentorbot/mentorbot/app/textsafe"
)

var fuzzSeeds = []string{
	"/claim", "/mentor away until 2026-12-24", "/kudos @a thanks\n/action x", "> /claim", "```\n/claim\n```",
	"~~~~\n/claim\n~~~", "    /claim", "`/claim`", "<!--\n/claim\n-->", "> a\n/claim", "- ```\n  /claim",
	"/mentr", "/usr/bin", "text\n\n\t/claim", "a `\n/claim` b", "<details>\n/claim", "/claim\r\n/faq\r\n",
	"[x]:\n/claim", "1. a\n\n   ```\n/claim\n   ```", "> ```\n/claim", "<pre>\n\n/claim\n</pre>\n/faq",
	"\x00/claim", "/kudos @x[bot] y", "/mentor away until 2026-02-29", "\xff\n/claim",
}

// FuzzParse checks Parse against oracles that do not share its code: no
// command on a line hiddenLines marks as code or quote; the same text
// wrapped in a fence, a block quote, an indented code block or an HTML
// comment must yield no command, and a /claim after it must still be
// found; and each command found must read the same on its own.
func FuzzParse(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, body string) {
		cmds := Parse(body)
		checkCommands(t, body, cmds)
		if hidden, ok := hiddenLines(body); ok {
			for _, c := range cmds {
				if hidden[c.Line] {
					t.Fatalf("Parse(%q) found %+v on line %d, which is in code or a quote", body, c, c.Line)
				}
			}
		}
		for name, wrapped := range wrappings(body) {
			doc := wrapped + "\n\n/claim"
			want := []Command{{Name: Claim, Line: strings.Count(doc, "\n") + 1}}
			if got := Parse(doc); !reflect.DeepEqual(got, want) {
				t.Fatalf("%s of %q:\n%q\ngot %+v, want only the /claim after it", name, body, doc, got)
			}
		}
	})
}

// checkCommands checks what holds for every command Parse returns.
func checkCommands(t *testing.T, body string, cmds []Command) {
	t.Helper()
	lines := strings.Split(body, "\n")
	last := 0
	for _, c := range cmds {
		if c.Line <= last || c.Line > len(lines) {
			t.Fatalf("Parse(%q): line %d out of order or range", body, c.Line)
		}
		last = c.Line
		line := strings.TrimSuffix(strings.TrimLeft(lines[c.Line-1], " \t"), "\r")
		if !strings.HasPrefix(line, "/") {
			t.Fatalf("Parse(%q): line %d %q does not start with a command", body, c.Line, line)
		}
		if c.Name == Unknown && c.Err == nil {
			t.Fatalf("Parse(%q): unknown command without an error: %+v", body, c)
		}
		if !c.Until.IsZero() && (c.Name != MentorAway || c.Err != nil) {
			t.Fatalf("Parse(%q): a date on %+v", body, c)
		}
		if c.Name == Kudos && c.Err == nil && !textsafe.ValidLogin(c.User) || c.Name != Kudos && c.User != "" {
			t.Fatalf("Parse(%q): bad user on %+v", body, c)
		}
		alone := Parse(line)
		c.Line = 1
		if len(alone) != 1 || !reflect.DeepEqual(alone[0], c) {
			t.Fatalf("Parse(%q): line %q reads %+v in place but %+v alone", body, line, c, alone)
		}
	}
}

// wrappings returns body inside constructs that hide every line of it.
func wrappings(body string) map[string]string {
	lines := strings.Split(body, "\n")
	prefix := func(p string) string {
		out := make([]string, len(lines))
		for i, l := range lines {
			out[i] = p + l
		}
		return strings.Join(out, "\n")
	}
	backticks := strings.Repeat("`", max(3, longestRun(body, '`')+1))
	tildes := strings.Repeat("~", max(3, longestRun(body, '~')+1))
	comment := body
	for strings.Contains(comment, "-->") {
		comment = strings.ReplaceAll(comment, "-->", "")
	}
	return map[string]string{
		"backtick fence": "Intro:\n" + backticks + "text\n" + body + "\n" + backticks,
		"tilde fence":    "Intro:\n" + tildes + "\n" + body + "\n" + tildes,
		"block quote":    prefix("> "),
		"nested quote":   prefix(" > >"),
		"indented code":  "Intro:\n\n" + prefix("    "),
		"HTML comment":   "<!--\n" + comment + "\n-->",
	}
}

func longestRun(s string, c byte) int {
	longest, run := 0, 0
	for i := 0; i < len(s); i++ {
		if s[i] != c {
			run = 0
			continue
		}
		run++
		longest = max(longest, run)
	}
	return longest
}

// checkGate fails when a clause of body matches a pattern although it has
// no word of the gate, which would make ClaimIntent skip it wrongly.
func checkGate(t *testing.T, body string) {
	t.Helper()
	for _, para := range readProse(body).paragraphs() {
		for _, c := range clauses(para) {
			if !gated(c) && (matchesAny(c, requests) || matchesAny(c, declines)) {
				t.Fatalf("clause %q of %q matches a pattern but not the gate", c, body)
			}
		}
	}
}

// FuzzClaimIntent: never panics, the gate never hides a match, and text in code, quotes or comments is
// never a request.
func FuzzClaimIntent(f *testing.F) {
	for _, s := range []string{
		"can I work on this?", "I'd like to take this", "please assign me", "I can't work on this",
		"Is this still available? I'd love to help", "“can I work on this”", "> can I\n\ntake it?",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, body string) {
		ClaimIntent(body)
		checkGate(t, body)
		for name, wrapped := range wrappings(body) {
			if ClaimIntent(wrapped) {
				t.Fatalf("%s of %q reads as a request:\n%q", name, body, wrapped)
			}
		}
	})
}
