package figures

import (
	"fmt"
	"math"
	"strings"
	"time"
)

// FormatDuration says how long in the units a person would use, to the
// minute: "45 min", "3 h 20 min", "47 h", "2 days 4 h". The dashboard,
// the report and the recaps say it alike.
func FormatDuration(d time.Duration) string {
	if d < time.Minute {
		return "< 1 min"
	}
	m := int64(d.Round(time.Minute) / time.Minute)
	days, hours, mins := m/(24*60), m/60%24, m%60
	switch {
	case m < 60:
		return fmt.Sprintf("%d min", m)
	case m < 48*60 && mins == 0:
		return fmt.Sprintf("%d h", m/60)
	case m < 48*60:
		return fmt.Sprintf("%d h %d min", m/60, mins)
	case hours == 0:
		return fmt.Sprintf("%d days", days)
	default:
		return fmt.Sprintf("%d days %d h", days, hours)
	}
}

// Text is the share as the dashboard's tables, the report and the recaps
// print it: "47% (7/15)", or "—" when there is nothing to divide.
func (s Share) Text() string {
	v, ok := s.Value()
	if !ok {
		return "—"
	}
	return fmt.Sprintf("%s (%d/%d)", FormatPercent(v), s.Part, s.Whole)
}

// MedianText is the median time to first response, or "—" when nothing
// was answered.
func (r Response) MedianText() string {
	if r.Answered() == 0 {
		return "—"
	}
	return FormatDuration(r.Times.Median)
}

// Text is the median with how many were answered: "3 h 20 min (4 of 5
// answered)", "none answered yet (0 of 2)", or "no first-timer pull
// requests or issues".
func (r Response) Text() string {
	total := r.Answered() + r.Unanswered
	switch {
	case total == 0:
		return "no first-timer pull requests or issues"
	case r.Answered() == 0:
		return fmt.Sprintf("none answered yet (0 of %d)", total)
	}
	return fmt.Sprintf("%s (%d of %d answered)", r.MedianText(), r.Answered(), total)
}

// Line is one named figure, formatted.
type Line struct{ Name, Value string }

// RecapLines are the program figures a gathering's recap shows for its
// period: computed by Compute and formatted as the dashboard and the
// report format them.
func RecapLines(f Figures) []Line {
	lines := []Line{
		{Name: "Time to first response (median)", Value: f.Response.Text()},
		{Name: "First-time contributors", Value: fmt.Sprint(f.Newcomers)},
		{Name: "First PRs merged", Value: fmt.Sprintf("%d of %d", f.FirstPRs.Merged, f.FirstPRs.Opened)},
	}
	if f.Claims.Recorded {
		lines = append(lines, Line{Name: "Claims completed", Value: fmt.Sprint(f.Claims.Completed)})
	}
	return lines
}

// FormatSpan says a period's length as people write it: "30 days",
// "36 hours", "1 hour 30 minutes", "1 minute"; never "720h0m0s".
func FormatSpan(d time.Duration) string {
	unit := func(n int64, one string) string {
		if n == 1 {
			return "1 " + one
		}
		return fmt.Sprintf("%d %ss", n, one)
	}
	switch {
	case d <= 0:
		return "0 seconds"
	case d%Day == 0:
		return unit(int64(d/Day), "day")
	case d%time.Hour == 0:
		return unit(int64(d/time.Hour), "hour")
	case d%time.Minute == 0 && d > time.Hour:
		return unit(int64(d/time.Hour), "hour") + " " + unit(int64(d%time.Hour/time.Minute), "minute")
	case d%time.Minute == 0:
		return unit(int64(d/time.Minute), "minute")
	case d%time.Second == 0 && d < time.Hour:
		return unit(int64(d/time.Second), "second")
	default:
		return d.Round(time.Second).String()
	}
}

// FormatPercent rounds a fraction to a whole percentage: "47%".
func FormatPercent(v float64) string { return fmt.Sprintf("%d%%", int(math.Round(v*100))) }

// FormatRatio prints a fairness ratio: "1.5×".
func FormatRatio(v float64) string { return trimZero(fmt.Sprintf("%.1f", v)) + "×" }

func trimZero(s string) string { return strings.TrimSuffix(s, ".0") }
