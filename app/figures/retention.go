package figures

import "time"

// Retention is the share of first-time contributors with a second
// contribution within 90 days of their first, among those whose 90 days
// ended in the period (so every one had the full window).
type Retention struct {
	Share
	// Cohort is when the counted first-timers made their first contribution.
	Cohort Period
}

// RetentionOf computes the retention of scope s as of period p.
func RetentionOf(newcomers []Newcomer, s Scope, p Period) Retention {
	r := Retention{Cohort: p.RetentionCohort()}
	for _, n := range newcomers {
		if !r.Cohort.Contains(n.FirstAt) || !s.Includes(n.Repo) {
			continue
		}
		r.Whole++
		if returnedWithin(n, RetentionWindow) {
			r.Part++
		}
	}
	return r
}

func returnedWithin(n Newcomer, window time.Duration) bool {
	return !n.ReturnedAt.IsZero() && n.ReturnedAt.Sub(n.FirstAt) <= window
}

// CohortWindows are the columns of the cohort chart, in days.
var CohortWindows = []int{30, 60, 90}

// Cohort is the first-timers of one calendar month (UTC) and the share of
// them back within each of CohortWindows.
type Cohort struct {
	Month  time.Time // first instant of the month, UTC
	Size   int
	Within []CohortCell
}

// CohortCell is one cell of the cohort chart.
type CohortCell struct {
	Days int
	Share
	// Complete is false while some of the cohort's window has not passed
	// yet; the share is then not shown.
	Complete bool
}

// CohortStart is the first instant (UTC) of the earliest of `months`
// calendar months ending with now's.
func CohortStart(now time.Time, months int) time.Time {
	now = now.UTC()
	return time.Date(now.Year(), now.Month()-time.Month(months-1), 1, 0, 0, 0, 0, time.UTC)
}

// Cohorts groups the first-timers of scope s by month of first
// contribution, for the `months` months ending with now's, oldest first.
func Cohorts(newcomers []Newcomer, s Scope, now time.Time, months int) []Cohort {
	if months <= 0 {
		return nil
	}
	start := CohortStart(now, months)
	out := make([]Cohort, months)
	for i := range out {
		month := start.AddDate(0, i, 0)
		end := month.AddDate(0, 1, 0)
		c := Cohort{Month: month}
		for _, days := range CohortWindows {
			c.Within = append(c.Within, CohortCell{Days: days, Complete: !end.Add(time.Duration(days) * Day).After(now)})
		}
		out[i] = c
	}
	for _, n := range newcomers {
		if n.FirstAt.Before(start) || !n.FirstAt.Before(now) || !s.Includes(n.Repo) {
			continue
		}
		first := n.FirstAt.UTC()
		i := (first.Year()-start.Year())*12 + int(first.Month()-start.Month())
		if i < 0 || i >= months {
			continue
		}
		out[i].Size++
		for j, days := range CohortWindows {
			cell := &out[i].Within[j]
			cell.Whole++
			if returnedWithin(n, time.Duration(days)*Day) {
				cell.Part++
			}
		}
	}
	return out
}
