package figures

import (
	"testing"
	"time"
)

func TestFormat(t *testing.T) {
	t0 := time.Date(2026, 12, 3, 9, 0, 0, 0, time.UTC)
	cases := []struct{ got, want string }{
		{FormatDuration(20 * time.Second), "< 1 min"},
		{FormatDuration(89 * time.Second), "1 min"},
		{FormatDuration(45 * time.Minute), "45 min"},
		{FormatDuration(time.Hour), "1 h"},
		{FormatDuration(3*time.Hour + 30*time.Minute), "3 h 30 min"},
		{FormatDuration(3*time.Hour + 20*time.Minute + 29*time.Second), "3 h 20 min"},
		{FormatDuration(47 * time.Hour), "47 h"},
		{FormatDuration(50 * time.Hour), "2 days 2 h"},
		{FormatDuration(3 * Day), "3 days"},
		{FormatPercent(0.4711), "47%"},
		{FormatPercent(0.005), "1%"},
		{FormatPercent(1), "100%"},
		{FormatRatio(1.333), "1.3×"},
		{FormatRatio(2), "2×"},
		{Share{Part: 7, Whole: 15}.Text(), "47% (7/15)"},
		{Share{}.Text(), "—"},
		{Response{}.Text(), "no first-timer pull requests or issues"},
		{Response{Unanswered: 2}.Text(), "none answered yet (0 of 2)"},
		{ResponseTimes([]Item{{OpenedAt: t0, FirstResponseAt: t0.Add(time.Hour)}, {OpenedAt: t0, FirstResponseAt: t0.Add(200 * time.Minute)},
			{OpenedAt: t0, FirstResponseAt: t0.Add(9 * time.Hour)}, {OpenedAt: t0}}).Text(), "3 h 20 min (3 of 4 answered)"},
	}
	for _, c := range cases {
		if c.got != c.want {
			t.Errorf("got %q, want %q", c.got, c.want)
		}
	}
}
