package textsafe

import (
	"regexp"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/text"
)

// notifying is the brief's test for a mention GitHub would act on: an "@"
// at the start or after a character other than a word character or the
// joiner, followed by a letter or digit.
var notifying = regexp.MustCompile(`(^|[^\w\x{200D}])@[A-Za-z0-9]`)

var fuzzSeeds = []string{
	"", "@bob", "hi @org/team!", "a@b.c", "&#64;x &#x40;y &commat;z", "@&#98;ob",
	"<!-- @x -->", "<!<!-- x -->-- y -->", "@<!-- -->bob", "</details>", "-->",
	"`code` ``x`` ```", "```\nfence", "> quote\n@x", "\u200D@x", "_a_@b", "\r\n@x\r",
	"@", "<", "&", "a <b", " ` ", "\x00@a", "\xff@a",
}

// checkDefused fails when out could notify someone or carries live HTML.
func checkDefused(t *testing.T, in, out string) {
	t.Helper()
	if loc := notifying.FindStringIndex(out); loc != nil {
		t.Fatalf("output of %q has a mention at %d: %q", in, loc[0], out)
	}
	for i := 0; i < len(out); i++ {
		if out[i] == '@' && couldMention(out, i) {
			t.Fatalf("output of %q has a live @ at %d: %q", in, i, out)
		}
		if out[i] == '<' && i+1 < len(out) && opensMarkup(out[i+1]) {
			t.Fatalf("output of %q has live markup at %d: %q", in, i, out)
		}
	}
	if strings.Contains(out, "-->") || atEntity.MatchString(out) {
		t.Fatalf("output of %q has a comment closer or an @ reference: %q", in, out)
	}
}

func FuzzNeutralize(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		out := Neutralize(s)
		checkDefused(t, s, out)
		if again := Neutralize(out); again != out {
			t.Fatalf("not idempotent on %q: %q then %q", s, out, again)
		}
		q := Quote(s)
		checkDefused(t, s, q)
		checkQuoteContained(t, s, q)
	})
}

func FuzzInline(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add(s, 10)
	}
	f.Fuzz(func(t *testing.T, s string, max int) {
		max %= 200
		out := Inline(s, max)
		checkDefused(t, s, out)
		if strings.ContainsAny(out, "`\r\n") {
			t.Fatalf("Inline(%q) = %q has a backtick or a line break", s, out)
		}
		if max > 0 && utf8.RuneCountInString(out) > max {
			t.Fatalf("Inline(%q, %d) = %q is longer than %d runes", s, max, out, max)
		}
		if out != "" {
			if got, ok := singleCodeSpan("`" + out + "`"); !ok || got != out {
				t.Fatalf("Inline(%q) in backticks is not one code span of itself: %q", s, got)
			}
		}
	})
}

func FuzzCode(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		out := Code(s)
		want := strings.NewReplacer("\r\n", " ", "\r", " ", "\n", " ").Replace(s)
		got, ok := singleCodeSpan(out)
		if !ok {
			t.Fatalf("Code(%q) = %q is not a single code span", s, out)
		}
		if strings.Trim(want, " \t") == "" {
			want = strings.Repeat(" ", max(len(want), 1))
		}
		if got != want {
			t.Fatalf("Code(%q) = %q renders %q, want %q", s, out, got, want)
		}
	})
}

// singleCodeSpan parses md and reports whether it is one paragraph holding
// exactly one code span, and that span's text.
func singleCodeSpan(md string) (string, bool) {
	src := []byte(md)
	doc := goldmark.New().Parser().Parse(text.NewReader(src))
	p := doc.FirstChild()
	if p == nil || p.NextSibling() != nil || p.Kind() != ast.KindParagraph {
		return "", false
	}
	span := p.FirstChild()
	if span == nil || span.NextSibling() != nil || span.Kind() != ast.KindCodeSpan {
		return "", false
	}
	var b strings.Builder
	for c := span.FirstChild(); c != nil; c = c.NextSibling() {
		b.Write(c.(*ast.Text).Segment.Value(src))
	}
	return strings.ReplaceAll(b.String(), "\n", " "), true
}

// checkQuoteContained parses q followed by a blank line and a paragraph: q
// must be one block quote and the paragraph must be outside it.
func checkQuoteContained(t *testing.T, in, q string) {
	t.Helper()
	src := []byte(q + "\n\nafter")
	doc := goldmark.New().Parser().Parse(text.NewReader(src))
	first := doc.FirstChild()
	if first == nil || first.Kind() != ast.KindBlockquote {
		t.Fatalf("Quote(%q) = %q does not start a block quote", in, q)
	}
	second := first.NextSibling()
	if second == nil || second.Kind() != ast.KindParagraph || second.NextSibling() != nil {
		t.Fatalf("Quote(%q) = %q is not one block quote followed by the paragraph", in, q)
	}
	if got := string(second.Lines().Value(src)); got != "after" {
		t.Fatalf("Quote(%q): the paragraph after it reads %q", in, got)
	}
}
