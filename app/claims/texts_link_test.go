package claims

import (
	"strings"
	"testing"
)

// A title cannot plant a link or a mention in the next-step list.
func TestCompletedTextEscapesTitles(t *testing.T) {
	hostile := "x](https://evil.example) @victim [y"
	got := completedText("newcomer", 5, "", []Issue{{Number: 40, Title: hostile, URL: "https://ghe.test/o/r/issues/40"}})
	want := "- [x\\]\\(https://evil.example\\) @\u200Dvictim \\[y](https://ghe.test/o/r/issues/40) (#40)\n"
	if !strings.Contains(got, want) {
		t.Errorf("next step written as\n%s\nwant the line %q", got, want)
	}
}
