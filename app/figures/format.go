package figures

import (
	"fmt"
	"math"
	"strings"
	"time"
)

// FormatDuration says how long in the unit a person would use: "45 min",
// "3.5 h", "2.1 days". The dashboard, the report and the recaps say it alike.
func FormatDuration(d time.Duration) string {
	switch {
	case d < time.Minute:
		return "< 1 min"
	case d < time.Hour:
		return fmt.Sprintf("%d min", int(d.Round(time.Minute)/time.Minute))
	case d < 48*time.Hour:
		return trimZero(fmt.Sprintf("%.1f", d.Hours())) + " h"
	default:
		return trimZero(fmt.Sprintf("%.1f", d.Hours()/24)) + " days"
	}
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
