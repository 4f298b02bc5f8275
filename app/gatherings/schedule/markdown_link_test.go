package schedule

import "testing"

func TestLinkEscapesText(t *testing.T) {
	for _, tt := range []struct{ text, url, want string }{
		{"Fix it", "https://e.example/1", "[Fix it](https://e.example/1)"},
		{"a](https://evil.example) [b", "https://e.example/1", `[a\]\(https://evil.example\) \[b](https://e.example/1)`},
		{"thanks @bob", "https://e.example/1", "[thanks @\u200Dbob](https://e.example/1)"},
		{"[bare]", "", `\[bare\]`},
	} {
		if got := link(tt.text, tt.url); got != tt.want {
			t.Errorf("link(%q, %q) = %q, want %q", tt.text, tt.url, got, tt.want)
		}
	}
}
