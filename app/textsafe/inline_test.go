package textsafe

import "testing"

func TestInline(t *testing.T) {
	tests := []struct {
		name string
		in   string
		max  int
		want string
	}{
		{"short text unchanged", "fix the docs", 80, "fix the docs"},
		{"lines joined", "fix\r\nthe\n\n  docs\t now ", 80, "fix the docs now"},
		{"unicode spaces joined", "a\u00A0\u2028b", 80, "a b"},
		{"cut with ellipsis", "abcdefghij", 5, "abcd…"},
		{"exact length kept", "abcde", 5, "abcde"},
		{"counts runes not bytes", "ééééé", 5, "ééééé"},
		{"cut runes", "éééééé", 3, "éé…"},
		{"no space before ellipsis", "ab cd", 4, "ab…"},
		{"max one", "abc", 1, "…"},
		{"no limit", "abc", 0, "abc"},
		{"mentions defused", "thanks @bob and @org/team", 80, "thanks @\u200Dbob and @\u200Dorg/team"},
		{"backticks replaced", "run `go test` or ``x``", 80, "run \u02CBgo test\u02CB or \u02CB\u02CBx\u02CB\u02CB"},
		{"comments removed", "a <!-- secret\n@bob --> b", 80, "a b"},
		{"tags defused", "</details> ok", 80, "<\u200D/details> ok"},
		{"cut after at stays defused", "see @bob", 6, "see @…"},
		{"blank", " \n\t ", 10, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Inline(tt.in, tt.max); got != tt.want {
				t.Errorf("Inline(%q, %d) = %q, want %q", tt.in, tt.max, got, tt.want)
			}
		})
	}
}
