package repoconfig

import (
	"errors"
	"fmt"
	"regexp"
	"strings"
	"testing"
)

func TestFormatProblems(t *testing.T) {
	ps := Problems{
		{Line: 3, Column: 5, Key: "mentors[0].timezone", Message: "unknown time zone `X`", Hint: "use an IANA name"},
		{Line: 7, Message: "YAML syntax error: bad", Hint: "check it"},
		{Line: 1, Column: 1, Key: "", Message: "whole file"},
		{Message: "nowhere"},
	}
	want := ".github/mentorship.yml:3:5: mentors[0].timezone: unknown time zone `X` (hint: use an IANA name)\n" +
		".github/mentorship.yml:7: YAML syntax error: bad (hint: check it)\n" +
		".github/mentorship.yml:1:1: whole file\n" +
		".github/mentorship.yml: nowhere\n"
	if got := FormatProblems(".github/mentorship.yml", ps); got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
	if got := FormatProblems("f", fmt.Errorf("load: %w", ps[:1])); !strings.HasPrefix(got, "f:3:5: mentors[0].timezone") {
		t.Errorf("wrapped Problems: %q", got)
	}
	if got := FormatProblems("f", errors.New("read failed:\nno such file")); got != "f: read failed: no such file\n" {
		t.Errorf("plain error: %q", got)
	}
	if got := FormatProblems("f", nil); got != "" {
		t.Errorf("nil error: %q", got)
	}
	if got := ps.Error(); got != "invalid mentorship config: 3:5: mentors[0].timezone: unknown time zone `X`; 7: YAML syntax error: bad; 1:1: whole file; nowhere" {
		t.Errorf("Error() = %q", got)
	}
}

// mentionOutsideCode finds an @ that could mention someone: outside a code
// span and not followed by a zero-width joiner.
func mentionOutsideCode(md string) bool {
	outside := regexp.MustCompile("`[^`\n]*`").ReplaceAllString(md, "")
	return regexp.MustCompile("@[^\u200d]").MatchString(outside) || strings.HasSuffix(outside, "@")
}

func TestMarkdownProblemsCannotMention(t *testing.T) {
	_, err := Parse([]byte("\"@org/team\": 1\nmentors:\n  - login: \"@someone\"\n    timezone: \"@x`y\"\n    areas: [\"`@evil` <b>\"]\n"))
	md := MarkdownProblems(err)
	if md == "" || mentionOutsideCode(md) || strings.Contains(md, "<b>") && !strings.Contains(md, "`") {
		t.Errorf("markdown may mention someone:\n%s", md)
	}
	if !strings.Contains(md, "**Line 1**") || !strings.Contains(md, "`mentors[0].login`") {
		t.Errorf("markdown lacks line or key:\n%s", md)
	}
	if strings.Count(md, "\n") != len(err.(Problems)) {
		t.Errorf("want one line per problem:\n%s", md)
	}
	if got := MarkdownProblems(errors.New("fetch @admin failed")); mentionOutsideCode(got) {
		t.Errorf("plain error: %q", got)
	}
}

func TestMarkdownProblemsIsShort(t *testing.T) {
	var b strings.Builder
	b.WriteString("mentors:\n")
	for i := 0; i < 50; i++ {
		b.WriteString("  - login: \"-x\"\n")
	}
	_, err := Parse([]byte(b.String()))
	md := MarkdownProblems(err)
	if n := strings.Count(md, "\n"); n != maxMarkdownProblems+1 || !strings.Contains(md, "…and 20 more") {
		t.Errorf("%d lines:\n%s", n, md)
	}
}

func TestCode(t *testing.T) {
	tests := map[string]string{
		"plain":                 "`plain`",
		"":                      "`\"\"`",
		"a`b":                   "`a'b`",
		"line\nbreak":           "`line\\nbreak`",
		strings.Repeat("x", 70): "`" + strings.Repeat("x", 60) + "…`",
		"\u2028":                "`\\u2028`",
		"a\u202eb":              "`a\\u202eb`",
	}
	for in, want := range tests {
		if got := code(in); got != want {
			t.Errorf("code(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestNeutralise(t *testing.T) {
	if got := neutralise("hi @you `@kept` <x>"); got != "hi @\u200dyou `@kept` &lt;x>" {
		t.Errorf("got %q", got)
	}
	if got := neutralise("open `@span"); got != "open `@span`" {
		t.Errorf("unbalanced: %q", got)
	}
}
