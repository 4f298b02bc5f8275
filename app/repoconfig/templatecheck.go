package repoconfig

import (
	"errors"
	"fmt"
	"reflect"
	"regexp"
	"strings"

	"gopkg.in/yaml.v3"
)

// welcomeSamples are the data a welcome template is checked with: every
// field set, and the sparse case (no mentor, no links, no office hours).
func welcomeSamples(kind string, hours int) []any {
	full := WelcomeData{
		Author: "new-contributor", Mentor: "mentor-login", MentorReason: "knows the docs area",
		Kind: kind, Repository: "owner/name", Number: 42,
		ContributingURL: "https://example.org/owner/name/CONTRIBUTING.md",
		OfficeHours:     "Thursday 12 March, 17:00 UTC", FAQURL: "https://example.org/owner/community/discussions/1", FirstResponseHours: hours,
		Checklist: []string{"Sign the contributor agreement"},
	}
	sparse := WelcomeData{Author: "new-contributor", Kind: kind, Repository: "owner/name", Number: 42, FirstResponseHours: hours}
	return []any{full, sparse}
}

func guideSamples(g GoodFirstIssues) []any {
	full := GuideData{
		Repository: "owner/name", Number: 7, Label: "good first issue",
		ContributingURL: "https://example.org/owner/name/CONTRIBUTING.md", OfficeHours: "Thursday 12 March, 17:00 UTC",
		FAQURL:                  "https://example.org/owner/community/discussions/1",
		MaxClaimsPerContributor: g.MaxClaimsPerContributor, ClaimExpiryDays: g.ClaimExpiryDays,
	}
	sparse := GuideData{Repository: "owner/name", Number: 7, Label: "good first issue",
		MaxClaimsPerContributor: g.MaxClaimsPerContributor, ClaimExpiryDays: g.ClaimExpiryDays}
	return []any{full, sparse}
}

// templateError is a template problem at a line and column of the template.
type templateError struct {
	line, col int
	msg, hint string
}

var (
	templateErrorPos = regexp.MustCompile(`^template: [^:]*:(\d+):(?:(\d+):)? (.*)$`)
	executingAt      = regexp.MustCompile(`^executing "[^"]*" at <[^>]*>: (.*)$`)
	unknownField     = regexp.MustCompile(`can't evaluate field (\w+) in type (\S+)`)
	undefinedFunc    = regexp.MustCompile(`function "([^"]*)" not defined`)
)

// checkTemplate parses text, checks its tree and executes it under the
// execution budget with each sample; the first failure is returned.
func checkTemplate(name, text string, samples []any) *templateError {
	t, err := parseTemplate(name, text)
	if err == nil {
		for _, s := range samples {
			if _, err = execute(t, s); err != nil {
				break
			}
		}
	}
	if err == nil {
		return nil
	}
	return describeTemplateError(err, reflect.TypeOf(samples[0]))
}

func describeTemplateError(err error, data reflect.Type) *templateError {
	var le *limitError
	if errors.As(err, &le) {
		return &templateError{line: le.line, col: le.col, msg: le.msg, hint: le.hint}
	}
	te := &templateError{msg: oneLine(err.Error())}
	if m := templateErrorPos.FindStringSubmatch(te.msg); m != nil {
		fmt.Sscan(m[1], &te.line)
		fmt.Sscan(m[2], &te.col)
		te.msg = m[3]
	}
	if m := executingAt.FindStringSubmatch(te.msg); m != nil {
		te.msg = m[1]
	}
	fields := fieldNames(data)
	switch {
	case errors.Is(err, errTooLong):
		te.msg, te.hint = "the template "+errTooLong.Error(), "shorten it"
	case errors.Is(err, errTemplateTooLarge):
		te.msg, te.hint = "the template "+errTemplateTooLarge.Error(), "a comment template is a few paragraphs: shorten it"
	case errors.Is(err, errTooSlow), errors.Is(err, errTooManyCalls):
		te.msg, te.hint = "the template "+errorText(err), "call fewer functions; a comment template needs no heavy computation"
	case errors.Is(err, errFuncTooLong), errors.Is(err, errTooMuchText):
		te.msg, te.hint = errorText(err), "build shorter text; the comment itself is limited to "+fmt.Sprint(MaxRenderedLength)+" characters"
	case errors.Is(err, errFormatVerb), errors.Is(err, errFormatTooWide):
		te.msg, te.hint = errorText(err), "write the width in the format, e.g. "+code(`printf "%-10s" .Author`)
	case errors.Is(err, errNestedTemplate):
		te.msg, te.hint = "the template uses "+code("define")+", "+code("block")+" or "+code("template"), "write the comment as one template"
	case unknownField.MatchString(te.msg):
		m := unknownField.FindStringSubmatch(te.msg)
		te.msg = "unknown field " + code("."+m[1])
		switch c := closest(m[1], fields); {
		case m[2] != data.String():
			te.msg += " on a value of type " + code(m[2])
			te.hint = "the value before " + code("."+m[1]) + " has no fields; the fields are ." + strings.Join(fields, ", .")
		case c != "":
			te.hint = "did you mean " + code("."+c) + "?"
		default:
			te.hint = "the fields are ." + strings.Join(fields, ", .")
		}
	case undefinedFunc.MatchString(te.msg):
		te.msg = "unknown function " + code(undefinedFunc.FindStringSubmatch(te.msg)[1])
		te.hint = "use " + funcList()
	case te.msg == "unexpected EOF":
		te.line, te.col = 0, 0 // the end says nothing; point at the key
		te.msg = "the template ends inside a block"
		te.hint = "close every " + code("{{if}}") + ", " + code("{{range}}") + " and " + code("{{with}}") + " with " + code("{{end}}")
	case te.msg == "unclosed action":
		te.msg = "an action is not closed"
		te.hint = "close every " + code("{{") + " with " + code("}}")
	default:
		te.msg = "template error: " + strings.ReplaceAll(te.msg, "`", "'")
		te.hint = "see the syntax at https://pkg.go.dev/text/template"
	}
	return te
}

func fieldNames(t reflect.Type) []string {
	var names []string
	for i := 0; i < t.NumField(); i++ {
		names = append(names, t.Field(i).Name)
	}
	return names
}

// template checks the template at path when the file sets it (defaults are
// known good) and places any error on the file's line.
func (v *validator) template(path, text string, samples []any) {
	if !v.d.given(path) || v.d.failedUnder(path) {
		return
	}
	te := checkTemplate(lastKey(path), text, samples)
	if te == nil {
		return
	}
	line, col := templatePosition(v.d.values[path], te, v.lines)
	v.d.addAt(line, col, path, te.msg, te.hint)
}

// blockIndent is the indentation of a block scalar whose indicator is on
// line (from 1): that of its first non-blank line.
func blockIndent(lines []string, line int) int {
	for _, l := range lines[min(line, len(lines)):] {
		if strings.TrimSpace(l) != "" {
			return len(l) - len(strings.TrimLeft(l, " "))
		}
	}
	return 0
}

// templatePosition maps a position in a template (line from 1, column from
// 0 as text/template gives them) to one in the file holding it.
func templatePosition(n *yaml.Node, te *templateError, lines []string) (line, col int) {
	line, col = n.Line, n.Column
	switch {
	case te.line == 0:
	case n.Style&(yaml.LiteralStyle|yaml.FoldedStyle) != 0: // content starts below the | or >
		line = n.Line + te.line
		col = 0
		if te.col > 0 {
			col = blockIndent(lines, n.Line) + te.col + 1
		}
	case te.line == 1:
		if te.col > 0 {
			col = n.Column + te.col
			if n.Style&(yaml.DoubleQuotedStyle|yaml.SingleQuotedStyle) != 0 {
				col++
			}
		}
	default:
		line, col = n.Line+te.line-1, 0
	}
	if line > len(lines) {
		return n.Line, n.Column
	}
	return line, col
}

// errorText is the message of the budget error err wraps.
func errorText(err error) string {
	for _, e := range []error{errTooSlow, errTooManyCalls, errFuncTooLong, errTooMuchText, errFormatVerb, errFormatTooWide} {
		if errors.Is(err, e) {
			return e.Error()
		}
	}
	return err.Error()
}
