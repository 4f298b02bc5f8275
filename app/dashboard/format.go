package dashboard

import (
	"fmt"
	"math"
	"time"

	"github.com/mentorbot/mentorbot/app/figures"
)

// duration and percent say figures as the report does.
func duration(d time.Duration) string { return figures.FormatDuration(d) }
func percent(v float64) string        { return figures.FormatPercent(v) }

// trend is the change of a headline figure against the previous period.
type trend struct {
	Text  string // "▲ 12", "▼ 25 %", "= same"
	Class string // good, bad or flat
	Known bool
}

// Directions in which a figure improves.
const (
	higherIsBetter = true
	lowerIsBetter  = false
)

// countTrend compares two counts.
func countTrend(now, before int, better bool) trend {
	return signed(float64(now-before), fmt.Sprint(abs(now-before)), better)
}

// relativeTrend compares two durations as a percentage; unknown without
// both values.
func relativeTrend(now, before time.Duration, haveNow, haveBefore bool, better bool) trend {
	if !haveNow || !haveBefore || before == 0 {
		return trend{}
	}
	rel := (float64(now) - float64(before)) / float64(before)
	if math.Abs(rel) < 0.005 {
		return trend{Text: "= same", Class: "flat", Known: true}
	}
	return signed(rel, fmt.Sprintf("%d%%", int(math.Round(math.Abs(rel)*100))), better)
}

// pointsTrend compares two fractions in percentage points.
func pointsTrend(now, before float64, haveNow, haveBefore bool, better bool) trend {
	if !haveNow || !haveBefore {
		return trend{}
	}
	pts := math.Round((now - before) * 100)
	return signed(pts, fmt.Sprintf("%d pts", int(math.Abs(pts))), better)
}

func signed(delta float64, magnitude string, better bool) trend {
	switch {
	case delta == 0:
		return trend{Text: "= same", Class: "flat", Known: true}
	case (delta > 0) == better:
		return trend{Text: arrow(delta) + " " + magnitude, Class: "good", Known: true}
	default:
		return trend{Text: arrow(delta) + " " + magnitude, Class: "bad", Known: true}
	}
}

func arrow(delta float64) string {
	if delta > 0 {
		return "▲"
	}
	return "▼"
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}

// periodName says a period length in days the way the page offers them.
func periodName(d time.Duration) string {
	days := int(d / (24 * time.Hour))
	if days == 365 {
		return "12 months"
	}
	if days == 1 {
		return "day"
	}
	return fmt.Sprintf("%d days", days)
}
