package repoconfig

import (
	"errors"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Problem is one thing wrong with a configuration file.
type Problem struct {
	// Line and Column locate the offending key or value (1-based); Column
	// is 0 when only the line is known.
	Line, Column int
	// Key is the dotted path of the key, e.g. "mentors[1].timezone"
	// (indexes from 0); "" for a problem of the whole file.
	Key string
	// Message says what is wrong; user text in it is in backticks.
	Message string
	// Hint says how to fix it.
	Hint string
}

// String gives "line:col: key: message (hint: …)".
func (p Problem) String() string {
	var b strings.Builder
	b.WriteString(p.location())
	if p.Key != "" {
		b.WriteString(p.Key)
		b.WriteString(": ")
	}
	b.WriteString(p.Message)
	if p.Hint != "" {
		b.WriteString(" (hint: ")
		b.WriteString(p.Hint)
		b.WriteString(")")
	}
	return b.String()
}

func (p Problem) location() string {
	switch {
	case p.Line <= 0:
		return ""
	case p.Column <= 0:
		return strconv.Itoa(p.Line) + ": "
	default:
		return strconv.Itoa(p.Line) + ":" + strconv.Itoa(p.Column) + ": "
	}
}

// Problems is every problem of one file, ordered by position. Parse returns
// it as its error.
type Problems []Problem

// Error lists the problems without hints on one line.
func (ps Problems) Error() string {
	parts := make([]string, len(ps))
	for i, p := range ps {
		q := p
		q.Hint = ""
		parts[i] = q.String()
	}
	return "invalid mentorship config: " + strings.Join(parts, "; ")
}

func (ps Problems) sort() {
	sort.SliceStable(ps, func(i, j int) bool {
		if ps[i].Line != ps[j].Line {
			return ps[i].Line < ps[j].Line
		}
		return ps[i].Column < ps[j].Column
	})
}

// FormatProblems is the text `mentorbot check` prints: one line per problem,
// "file:line:col: key: message (hint: …)", each ending in a newline. An
// error that is not Problems gives one line "file: error". nil gives "".
func FormatProblems(file string, err error) string {
	if err == nil {
		return ""
	}
	var ps Problems
	if !errors.As(err, &ps) {
		return file + ": " + oneLine(err.Error()) + "\n"
	}
	var b strings.Builder
	for _, p := range ps {
		b.WriteString(file)
		b.WriteString(":")
		if p.Line <= 0 {
			b.WriteString(" ")
		}
		b.WriteString(p.String())
		b.WriteString("\n")
	}
	return b.String()
}

// maxMarkdownProblems bounds the list posted on a pull request.
const maxMarkdownProblems = 30

// MarkdownProblems is the Markdown list the bot posts on a pull request:
// one bullet per problem, at most 30, with every piece of user text in a
// code span and any other @ neutralised, so the comment cannot mention
// anyone. nil gives "".
func MarkdownProblems(err error) string {
	if err == nil {
		return ""
	}
	var ps Problems
	if !errors.As(err, &ps) {
		return "- " + neutralise(code(err.Error())) + "\n"
	}
	var b strings.Builder
	for i, p := range ps {
		if i == maxMarkdownProblems {
			fmt.Fprintf(&b, "- …and %d more; `mentorbot check` lists them all.\n", len(ps)-i)
			break
		}
		b.WriteString("- ")
		if p.Line > 0 {
			fmt.Fprintf(&b, "**Line %d**: ", p.Line)
		}
		if p.Key != "" {
			b.WriteString(code(p.Key))
			b.WriteString(": ")
		}
		b.WriteString(neutralise(p.Message))
		if p.Hint != "" {
			b.WriteString(". Fix: ")
			b.WriteString(neutralise(p.Hint))
		}
		b.WriteString("\n")
	}
	return b.String()
}

// maxQuoted bounds how much of a user's value a message repeats.
const maxQuoted = 60

// code puts s in a Markdown code span that cannot be broken out of: control
// and format characters (line breaks, bidi overrides) are escaped, backticks
// become quotes, long text is cut.
func code(s string) string {
	if s == "" {
		return "`\"\"`"
	}
	if utf8.RuneCountInString(s) > maxQuoted {
		r := []rune(s)
		s = string(r[:maxQuoted]) + "…"
	}
	var b strings.Builder
	b.WriteByte('`')
	for _, r := range s {
		switch {
		case r == '`':
			b.WriteByte('\'')
		case r == utf8.RuneError, unicode.IsControl(r), unicode.Is(unicode.Cf, r), r == 0x2028, r == 0x2029:
			q := strconv.QuoteRune(r)
			b.WriteString(q[1 : len(q)-1])
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('`')
	return b.String()
}

// neutralise makes text outside code spans safe for a GitHub comment: an @
// gets a zero-width joiner so it mentions nobody, and < cannot open HTML.
// Code spans are the backtick pairs that code writes.
func neutralise(s string) string {
	var b strings.Builder
	in := false
	for _, r := range s {
		switch {
		case r == '`':
			in = !in
			b.WriteRune(r)
		case in:
			b.WriteRune(r)
		case r == '@':
			b.WriteString("@\u200d")
		case r == '<':
			b.WriteString("&lt;")
		default:
			b.WriteRune(r)
		}
	}
	if in {
		b.WriteByte('`')
	}
	return b.String()
}

func oneLine(s string) string {
	return strings.Join(strings.Fields(s), " ")
}
