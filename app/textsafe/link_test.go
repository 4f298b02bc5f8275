package textsafe

import (
	"bytes"
	"strings"
	"testing"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/text"
)

func TestLinkText(t *testing.T) {
	tests := []struct {
		name string
		in   string
		max  int
		want string
	}{
		{"plain title unchanged", "Fix the docs build", 100, "Fix the docs build"},
		{"brackets escaped", "a] b [c", 100, `a\] b \[c`},
		{"planted link escaped", "x](https://evil.example) [y", 100, `x\]\(https://evil.example\) \[y`},
		{"image escaped", "![pic](https://evil.example/p.png)", 100, `\!\[pic\]\(https://evil.example/p.png\)`},
		{"autolink escaped", "<https://evil.example>", 100, "\\<\u200Dhttps://evil.example\\>"},
		{"tags defused and escaped", "</details> ok", 100, "\\<\u200D/details\\> ok"},
		{"backslash escaped", `a\]b`, 100, `a\\\]b`},
		{"backticks replaced", "run `x](y)`", 100, "run \u02CBx\\]\\(y\\)\u02CB"},
		{"mentions defused", "thanks @bob and @org/team", 100, "thanks @\u200Dbob and @\u200Dorg/team"},
		{"mention entity defused", "hi &#64;bob", 100, "hi @\u200Dbob"},
		{"one line", "a\nb\r\n[c]", 100, `a b \[c\]`},
		{"cut before escaping", "abcdef]]]]", 7, `abcdef…`},
		{"cut keeps escapes whole", "ab]]]]]", 5, `ab\]\]…`},
		{"no limit", strings.Repeat("a", 200), 0, strings.Repeat("a", 200)},
		{"blank is untitled", " \n ", 100, "untitled"},
		{"comment only is untitled", "<!-- x -->", 100, "untitled"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := LinkText(tt.in, tt.max); got != tt.want {
				t.Errorf("LinkText(%q, %d) = %q, want %q", tt.in, tt.max, got, tt.want)
			}
		})
	}
}

// linkTextSeeds are titles written to break out of link text.
var linkTextSeeds = []string{
	"", "a", "]", "[", "](x)", "[a](b)", "![a](b)", "<https://e.example>", "<a href=x>y</a>",
	"\\", "\\]", "`]`", "``](x)``", "[[a]]", "a](b) [c](d", "](<x>)", "]\n(x)", "&#93;(x)",
	"www.evil.example", "https://evil.example", "@bob", "[@bob](x)", "*a*", "<!--", "]: x",
}

// checkOneLink fails unless "- see [LinkText(in)](https://ok.example/) end"
// renders, with GitHub-flavoured extensions, as exactly one link to
// https://ok.example/ with no raw HTML, image or autolink, followed by the
// text " end". ("see" keeps goldmark from reading "- [x](" as a task-list
// checkbox, which GitHub does only when a space follows the "]".)
func checkOneLink(t *testing.T, in string) {
	t.Helper()
	src := []byte("- see [" + LinkText(in, 100) + "](https://ok.example/) end\n")
	md := goldmark.New(goldmark.WithExtensions(extension.GFM))
	doc := md.Parser().Parse(text.NewReader(src))
	links, last := 0, ""
	err := ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.Link:
			links++
			if string(n.Destination) != "https://ok.example/" {
				t.Fatalf("%q: link to %q in %s", in, n.Destination, src)
			}
		case *ast.AutoLink, *ast.Image, *ast.RawHTML, *ast.HTMLBlock:
			t.Fatalf("%q: %s in %s", in, n.Kind(), src)
		case *ast.Text:
			last = string(n.Segment.Value(src))
		}
		return ast.WalkContinue, nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if links != 1 || !strings.HasSuffix(last, " end") {
		t.Fatalf("%q: %d links, last text %q in %s", in, links, last, src)
	}
	var out bytes.Buffer
	if err := md.Convert(src, &out); err != nil || strings.Count(out.String(), "<a ") != 1 {
		t.Fatalf("%q: rendered %s (%v)", in, out.String(), err)
	}
}

func TestLinkTextStaysOneLink(t *testing.T) {
	for _, s := range linkTextSeeds {
		checkOneLink(t, s)
	}
}

func FuzzLinkText(f *testing.F) {
	for _, s := range append(linkTextSeeds, fuzzSeeds...) {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		out := LinkText(s, 100)
		checkDefused(t, s, out)
		if strings.ContainsAny(out, "\r\n`") {
			t.Fatalf("LinkText(%q) = %q: not one line without backticks", s, out)
		}
		checkOneLink(t, s)
	})
}
