package selection

import (
	"strconv"
	"time"
)

// Hours are a mentor's daily working hours on their local clock, in minutes
// after midnight. End before Start spans midnight. The zero value means
// DefaultHours.
type Hours struct{ Start, End int }

// DefaultHours are 09:00–18:00 local time.
var DefaultHours = Hours{Start: 9 * 60, End: 18 * 60}

// FirstHours is how long after a request the newcomer is taken to be
// around: a mentor at work within this window can answer while the
// newcomer is still there.
const FirstHours = 4 * time.Hour

func (h Hours) orDefault() Hours {
	if h.Start == h.End {
		return DefaultHours
	}
	return h
}

// String gives "09:00–18:00".
func (h Hours) String() string {
	h = h.orDefault()
	return clock(h.Start) + "–" + clock(h.End)
}

func clock(m int) string {
	s := strconv.Itoa(m/60*100 + m%60 + 10000) // "1HHMM"
	return s[1:3] + ":" + s[3:]
}

// contains reports whether minute-of-day m falls within the hours.
func (h Hours) contains(m int) bool {
	if h.Start < h.End {
		return m >= h.Start && m < h.End
	}
	return m >= h.Start || m < h.End
}

// ClockStart is when the first-response clock starts for a mentor in loc
// (nil means UTC) with working hours h, for a request at now: now itself
// during working hours, otherwise the start of the mentor's next working
// hours, so that nobody is nudged about the hours they were asleep. Hours
// are read on the local wall clock, so they follow daylight saving; a
// start that falls into a skipped hour begins when the clock resumes.
func ClockStart(now time.Time, loc *time.Location, h Hours) time.Time {
	if loc == nil {
		loc = time.UTC
	}
	h = h.orDefault()
	lt := now.In(loc)
	if h.contains(lt.Hour()*60 + lt.Minute()) {
		return now
	}
	y, mo, d := lt.Date()
	start := time.Date(y, mo, d, h.Start/60, h.Start%60, 0, 0, loc)
	if !start.After(now) {
		start = time.Date(y, mo, d+1, h.Start/60, h.Start%60, 0, 0, loc)
	}
	// A start inside a skipped hour may come out before the jump; move on
	// to the first working minute after it.
	for range 8 {
		if lt := start.In(loc); h.contains(lt.Hour()*60+lt.Minute()) && !start.Before(now) {
			break
		}
		start = start.Add(15 * time.Minute)
	}
	return start
}

// WorksWithin reports whether the candidate is at work at some moment of
// [from, from+window).
func (c *Candidate) WorksWithin(from time.Time, window time.Duration) bool {
	return ClockStart(from, c.Location, c.Hours).Before(from.Add(window))
}
