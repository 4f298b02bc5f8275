package figures

import (
	"testing"
	"time"
)

func TestFormat(t *testing.T) {
	cases := []struct{ got, want string }{
		{FormatDuration(20 * time.Second), "< 1 min"},
		{FormatDuration(89 * time.Second), "1 min"},
		{FormatDuration(45 * time.Minute), "45 min"},
		{FormatDuration(time.Hour), "1 h"},
		{FormatDuration(3*time.Hour + 30*time.Minute), "3.5 h"},
		{FormatDuration(47 * time.Hour), "47 h"},
		{FormatDuration(50 * time.Hour), "2.1 days"},
		{FormatDuration(3 * Day), "3 days"},
		{FormatPercent(0.4711), "47%"},
		{FormatPercent(0.005), "1%"},
		{FormatPercent(1), "100%"},
		{FormatRatio(1.333), "1.3×"},
		{FormatRatio(2), "2×"},
	}
	for _, c := range cases {
		if c.got != c.want {
			t.Errorf("got %q, want %q", c.got, c.want)
		}
	}
}
