package schedule

import (
	"errors"
	"fmt"
	"time"
)

// The cadences a Plan knows.
const (
	Weekly   = "weekly"   // every week on the plan's weekday
	Biweekly = "biweekly" // every other week, counted from the anchor
	Monthly  = "monthly"  // one of the plan's weekdays in each month, by WeekOfMonth
)

// LastWeek is the WeekOfMonth of the last such weekday in the month.
const LastWeek = -1

// Cadences are the cadences a Plan knows, in the order people read them.
var Cadences = []string{Weekly, Biweekly, Monthly}

// ShortestGap is the shortest time between two sessions of a cadence, and
// false for a cadence Plan does not know.
func ShortestGap(cadence string) (time.Duration, bool) {
	days, ok := map[string]int{Weekly: 7, Biweekly: 14, Monthly: 28}[cadence]
	return time.Duration(days) * 24 * time.Hour, ok
}

// MaxDuration is the longest session a Plan accepts.
const MaxDuration = 24 * time.Hour

// defaultAnchor is the Monday the rotation counts from when a Plan has no
// Anchor. It is fixed so that biweekly parity and the rotation of start times
// never depend on when the schedule is computed.
var defaultAnchor = time.Date(2024, time.January, 1, 0, 0, 0, 0, time.UTC)

// Plan is the office-hours schedule as configured (the README's "Office hours",
// office_hours). The caller fills it from the repository configuration.
// Weekday and Times are both UTC: a Thursday 01:00 session is Wednesday
// evening in the Americas, and the monthly date is the first such weekday of
// the month in UTC.
type Plan struct {
	Cadence string       // Weekly, Biweekly or Monthly
	Weekday time.Weekday // the day of the week, in UTC
	// Times are "HH:MM" start times in UTC; session i starts at
	// Times[i % len(Times)].
	Times          []string
	Duration       time.Duration // length of a session, in (0, MaxDuration]
	AnnounceBefore time.Duration // how long before its start a session is announced; >= 0
	RemindBefore   time.Duration // how long before its start a reminder is due; 0 for none
	// Anchor is the date (taken in UTC) the rotation counts from: session 0
	// is the first slot on or after it and there is no session before it.
	// The zero Anchor means Monday 1 January 2024.
	Anchor time.Time
	// WeekOfMonth picks the monthly session's weekday: 1 to 4 for the first
	// to the fourth, LastWeek for the last; 0 means the first. Only monthly
	// plans may set it.
	WeekOfMonth int
	// Skip are dates (taken in UTC) with no session: a session on one of
	// them is cancelled, not moved, and keeps its place in the rotation.
	Skip []time.Time
}

// Validate reports the first problem that leaves the plan without sessions.
func (p Plan) Validate() error {
	_, err := p.compile()
	return err
}

// schedule is a validated Plan in the form the date arithmetic needs.
type schedule struct {
	cadence    string
	weekday    time.Weekday
	minutes    []int // start minute of the UTC day, per rotation slot
	duration   time.Duration
	announce   time.Duration
	remind     time.Duration
	first      time.Time // weekly, biweekly: UTC midnight of session 0
	firstMonth time.Time // monthly: the first day of session 0's month
	week       int       // monthly: 1..4 or LastWeek
	skip       map[string]bool
}

func (p Plan) compile() (schedule, error) {
	s := schedule{cadence: p.Cadence, weekday: p.Weekday, duration: p.Duration, announce: p.AnnounceBefore, remind: p.RemindBefore}
	switch p.Cadence {
	case Weekly, Biweekly, Monthly: // Cadences
	default:
		return s, fmt.Errorf("unknown cadence %q: want weekly, biweekly or monthly", p.Cadence)
	}
	if p.Weekday < time.Sunday || p.Weekday > time.Saturday {
		return s, fmt.Errorf("weekday %d out of range", int(p.Weekday))
	}
	if len(p.Times) == 0 {
		return s, errors.New("no start times")
	}
	for _, t := range p.Times {
		m, err := parseClock(t)
		if err != nil {
			return s, err
		}
		s.minutes = append(s.minutes, m)
	}
	if p.Duration <= 0 || p.Duration > MaxDuration {
		return s, fmt.Errorf("duration %s out of range: want more than 0 and at most %s", p.Duration, MaxDuration)
	}
	if p.AnnounceBefore < 0 {
		return s, fmt.Errorf("negative announcement lead %s", p.AnnounceBefore)
	}
	if p.RemindBefore < 0 {
		return s, fmt.Errorf("negative reminder lead %s", p.RemindBefore)
	}
	anchor := defaultAnchor
	if !p.Anchor.IsZero() {
		a := p.Anchor.UTC()
		anchor = time.Date(a.Year(), a.Month(), a.Day(), 0, 0, 0, 0, time.UTC)
	}
	switch {
	case p.WeekOfMonth != 0 && p.Cadence != Monthly:
		return s, fmt.Errorf("week_of_month %d applies only to monthly sessions", p.WeekOfMonth)
	case p.WeekOfMonth < LastWeek || p.WeekOfMonth > 4:
		return s, fmt.Errorf("week_of_month %d out of range: want 1 to 4, or -1 for the last", p.WeekOfMonth)
	}
	s.week = max(p.WeekOfMonth, 1)
	if p.WeekOfMonth == LastWeek {
		s.week = LastWeek
	}
	for _, d := range p.Skip {
		if s.skip == nil {
			s.skip = map[string]bool{}
		}
		s.skip[d.UTC().Format(time.DateOnly)] = true
	}
	if p.Cadence == Monthly {
		m := time.Date(anchor.Year(), anchor.Month(), 1, 0, 0, 0, 0, time.UTC)
		if weekdayOf(m, p.Weekday, s.week).Before(anchor) {
			m = m.AddDate(0, 1, 0)
		}
		s.firstMonth = m
	} else {
		s.first = anchor.AddDate(0, 0, daysUntil(anchor.Weekday(), p.Weekday))
	}
	return s, nil
}

// parseClock reads a strict "HH:MM" into minutes after midnight.
func parseClock(t string) (int, error) {
	bad := fmt.Errorf("start time %q: want HH:MM, 00:00 to 23:59", t)
	if len(t) != 5 || t[2] != ':' {
		return 0, bad
	}
	for _, i := range []int{0, 1, 3, 4} {
		if t[i] < '0' || t[i] > '9' {
			return 0, bad
		}
	}
	h := int(t[0]-'0')*10 + int(t[1]-'0')
	m := int(t[3]-'0')*10 + int(t[4]-'0')
	if h > 23 || m > 59 {
		return 0, bad
	}
	return h*60 + m, nil
}

// daysUntil is how many days from a day `from` to the next `to`, 0 to 6.
func daysUntil(from, to time.Weekday) int {
	return (int(to) - int(from) + 7) % 7
}

// weekdayOf is the week-th day in month m (given as its first day) that
// falls on wd, or the last one for LastWeek.
func weekdayOf(m time.Time, wd time.Weekday, week int) time.Time {
	if week == LastWeek {
		last := m.AddDate(0, 1, -1)
		return last.AddDate(0, 0, -daysUntil(wd, last.Weekday()))
	}
	return m.AddDate(0, 0, daysUntil(m.Weekday(), wd)+7*(week-1))
}
