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

// FormatPercent rounds a fraction to a whole percentage: "47%".
func FormatPercent(v float64) string { return fmt.Sprintf("%d%%", int(math.Round(v*100))) }

// FormatRatio prints a fairness ratio: "1.5×".
func FormatRatio(v float64) string { return trimZero(fmt.Sprintf("%.1f", v)) + "×" }

func trimZero(s string) string { return strings.TrimSuffix(s, ".0") }
