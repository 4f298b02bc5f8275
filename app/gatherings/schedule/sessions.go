package schedule

import "time"

// KeyLayout formats a session's Key from its UTC start.
const KeyLayout = "2006-01-02T15:04Z"

// Session is one office-hours meeting.
type Session struct {
	// Key is stable and unique per session (its UTC start, e.g.
	// "2026-12-03T17:00Z"): use it to dedupe announcements and recaps
	// across restarts and replicas.
	Key   string
	Index int       // ordinal counted from the plan's anchor; picks the start time
	Start time.Time // UTC
	End   time.Time // UTC
	// Cancelled is true for a session on one of the plan's Skip dates.
	Cancelled bool
}

// Sessions returns the next n sessions whose End is after from, in order,
// leaving out cancelled ones. An invalid plan (see Validate) has no sessions.
func (p Plan) Sessions(from time.Time, n int) []Session {
	if n <= 0 {
		return nil
	}
	sc, err := p.compile()
	if err != nil {
		return nil
	}
	out := make([]Session, 0, n)
	// Skip lists are finite, so the walk ends.
	for i := sc.firstEndingAfter(from); len(out) < n; i++ {
		if s := sc.at(i); !s.Cancelled {
			out = append(out, s)
		}
	}
	return out
}

// Between returns every session, cancelled ones included, whose End is after
// from and whose Start is before to, in order: what a calendar shows.
func (p Plan) Between(from, to time.Time) []Session {
	sc, err := p.compile()
	if err != nil {
		return nil
	}
	var out []Session
	for i := sc.firstEndingAfter(from); ; i++ {
		s := sc.at(i)
		if !s.Start.Before(to) {
			return out
		}
		out = append(out, s)
	}
}

// at builds session i.
func (sc schedule) at(i int) Session {
	var day time.Time
	switch sc.cadence {
	case Monthly:
		day = weekdayOf(sc.firstMonth.AddDate(0, i, 0), sc.weekday, sc.week)
	case Biweekly:
		day = sc.first.AddDate(0, 0, 14*i)
	default:
		day = sc.first.AddDate(0, 0, 7*i)
	}
	start := day.Add(time.Duration(sc.minutes[i%len(sc.minutes)]) * time.Minute)
	return Session{Key: start.Format(KeyLayout), Index: i, Start: start, End: start.Add(sc.duration),
		Cancelled: sc.skip[day.Format(time.DateOnly)]}
}

// firstEndingAfter is the index of the first session whose End is after t.
// It jumps to a little before t and walks forward, so it costs a few steps
// whatever t is.
func (sc schedule) firstEndingAfter(t time.Time) int {
	// A session ends at most a day plus its duration after its date's
	// midnight, so nothing dated before this can end after t.
	early := t.UTC().Add(-sc.duration - 24*time.Hour)
	i := 0
	switch sc.cadence {
	case Monthly:
		months := (early.Year()-sc.firstMonth.Year())*12 + int(early.Month()) - int(sc.firstMonth.Month()) - 1
		i = max(months, 0)
	default:
		period := 7
		if sc.cadence == Biweekly {
			period = 14
		}
		days := int((early.Unix() - sc.first.Unix()) / 86400)
		i = max(days/period-1, 0)
	}
	for !sc.at(i).End.After(t) {
		i++
	}
	return i
}
