package textsafe

import (
	"strings"
	"testing"
)

func TestNeutralize(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"plain text", "thanks for the review", "thanks for the review"},
		{"user mention", "ping @octocat please", "ping @\u200Doctocat please"},
		{"mention at start", "@octocat", "@\u200Doctocat"},
		{"team mention", "cc @mentorbot/maintainers", "cc @\u200Dmentorbot/maintainers"},
		{"mention after punctuation", "(@a), @b: [@c] *@d*", "(@\u200Da), @\u200Db: [@\u200Dc] *@\u200Dd*"},
		{"mention after underscore", "_a_@bob", "_a_@\u200Dbob"},
		{"mention after newline", "hi\n@bob", "hi\n@\u200Dbob"},
		{"mention after non-ASCII letter", "é@bob", "é@\u200Dbob"},
		{"mention after a joiner", "\u200D@bob", "\u200D@\u200Dbob"},
		{"email kept", "write to bob@example.com", "write to bob@example.com"},
		{"lone at kept", "meet @ 5pm", "meet @ 5pm"},
		{"already defused", "@\u200Dbob", "@\u200Dbob"},
		{"decimal reference", "&#64;bob", "@\u200Dbob"},
		{"padded decimal reference", "&#0064;bob", "@\u200Dbob"},
		{"hex reference", "&#x40;bob &#X040;eve", "@\u200Dbob @\u200Deve"},
		{"named reference", "&commat;bob", "@\u200Dbob"},
		{"reference after the at", "@&#98;ob", "@\u200D&#98;ob"},
		{"reference after a letter", "bob&#64;example.com", "bob@example.com"},
		{"issue references kept", "fixes #123 and mentorbot/mentorbot#7", "fixes #123 and mentorbot/mentorbot#7"},
		{"comment removed", "a <!-- hidden @team --> b", "a  b"},
		{"multi-line comment removed", "a\n<!--\n@bob\n-->\nb", "a\n\nb"},
		{"short comments removed", "a<!-->b<!--->c", "abc"},
		{"unclosed comment defused", "a <!-- b", "a <\u200D!-- b"},
		{"stray closer defused", "a --> b", "a --\u200D> b"},
		{"longer closer defused", "a ---> b", "a ---\u200D> b"},
		{"comment formed by removal defused", "<!<!-- x -->-- y -->", "<\u200D!-- y --\u200D>"},
		{"mention formed by removal defused", "@<!-- x -->bob", "@\u200Dbob"},
		{"details closer defused", "</details><details>", "<\u200D/details><\u200Ddetails>"},
		{"summary defused", "<summary>x</summary>", "<\u200Dsummary>x<\u200D/summary>"},
		{"raw text tags defused", "<pre><textarea><script>", "<\u200Dpre><\u200Dtextarea><\u200Dscript>"},
		{"declaration and instruction defused", "<!DOCTYPE x><?php", "<\u200D!DOCTYPE x><\u200D?php"},
		{"comparison kept", "a < b and 3<4", "a < b and 3<4"},
		{"code fence kept", "```go\nx := 1\n```", "```go\nx := 1\n```"},
		{"empty", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Neutralize(tt.in); got != tt.want {
				t.Errorf("Neutralize(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestQuote(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"one line", "hello @bob", "> hello @\u200Dbob"},
		{"several lines", "a\n\nb", "> a\n>\n> b"},
		{"CRLF", "a\r\nb\rc", "> a\n> b\n> c"},
		{"unclosed fence stays inside", "```\ncode", "> ```\n> code"},
		{"empty", "", ">"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Quote(tt.in); got != tt.want {
				t.Errorf("Quote(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestNeutralizeIsIdempotent(t *testing.T) {
	for _, s := range []string{"@a <!-- b --> </details>", "<!<!-- x -->-- y -->", "&#64;x --> @@y"} {
		once := Neutralize(s)
		if twice := Neutralize(once); twice != once {
			t.Errorf("Neutralize(Neutralize(%q)) = %q, want %q", s, twice, once)
		}
	}
}

func BenchmarkNeutralize(b *testing.B) {
	s := strings.Repeat("Thanks @octocat for the fix in #12! <!-- note --> See <details>. ", 100)
	b.SetBytes(int64(len(s)))
	for b.Loop() {
		Neutralize(s)
	}
}
