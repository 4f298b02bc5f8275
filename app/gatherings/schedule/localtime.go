package schedule

import (
	"cmp"
	"fmt"
	"net/url"
	"slices"
	"strings"
	"time"
)

// ConverterBase is the time-zone converter ConverterURL links to by default:
// timeanddate.com's fixed-time page, which shows one UTC moment in the
// reader's own zone and in a list of cities.
const ConverterBase = "https://www.timeanddate.com/worldclock/fixedtime.html"

// Zone is a mentor's time zone.
type Zone struct {
	Login    string
	Location *time.Location // nil means UTC
}

// LocalTime is a session as the mentors in one zone see it.
type LocalTime struct {
	Logins     []string  // the mentors in this zone, sorted
	Zone       string    // IANA name, e.g. "America/Los_Angeles"
	Start, End time.Time // in the zone
	// Label reads e.g. "Thu 3 Dec, 09:00–10:00 PST (UTC−8)".
	Label string
	// DayShift is the local start date minus the UTC start date: −1, 0 or +1.
	DayShift int
}

// LocalTimes renders s in each mentor's zone, one entry per zone (mentors
// sharing a zone are grouped), ordered west to east by the zone's offset at
// the session's start, then by name.
func LocalTimes(s Session, zones []Zone) []LocalTime {
	byZone := map[string]*LocalTime{}
	var out []*LocalTime
	for _, z := range zones {
		loc := z.Location
		if loc == nil {
			loc = time.UTC
		}
		lt, ok := byZone[loc.String()]
		if !ok {
			lt = localTime(s, loc)
			byZone[loc.String()] = lt
			out = append(out, lt)
		}
		if z.Login != "" && !slices.ContainsFunc(lt.Logins, func(l string) bool { return strings.EqualFold(l, z.Login) }) {
			lt.Logins = append(lt.Logins, z.Login)
		}
	}
	res := make([]LocalTime, 0, len(out))
	for _, lt := range out {
		slices.SortFunc(lt.Logins, func(a, b string) int {
			return cmp.Or(cmp.Compare(strings.ToLower(a), strings.ToLower(b)), cmp.Compare(a, b))
		})
		res = append(res, *lt)
	}
	slices.SortFunc(res, func(a, b LocalTime) int {
		_, oa := a.Start.Zone()
		_, ob := b.Start.Zone()
		return cmp.Or(cmp.Compare(oa, ob), cmp.Compare(a.Zone, b.Zone))
	})
	return res
}

func localTime(s Session, loc *time.Location) *LocalTime {
	start, end := s.Start.In(loc), s.End.In(loc)
	return &LocalTime{
		Zone:     loc.String(),
		Start:    start,
		End:      end,
		Label:    rangeLabel(start, end, "Mon 2 Jan"),
		DayShift: dayShift(start, s.Start.UTC()),
	}
}

// rangeLabel writes "Thu 3 Dec, 09:00–10:00 PST (UTC−8)", naming the end's
// day when it differs and each zone when a clock change falls inside.
func rangeLabel(start, end time.Time, dayLayout string) string {
	from := start.Format(dayLayout + ", 15:04")
	sameDay := start.YearDay() == end.YearDay() && start.Year() == end.Year()
	sameZone := zoneText(start) == zoneText(end)
	switch {
	case sameDay && sameZone:
		return from + "–" + end.Format("15:04") + " " + zoneText(end)
	case sameZone:
		return from + " – " + end.Format(dayLayout+", 15:04") + " " + zoneText(end)
	default:
		return from + " " + zoneText(start) + " – " + end.Format(dayLayout+", 15:04") + " " + zoneText(end)
	}
}

// zoneText is "PST (UTC−8)", "IST (UTC+5:30)", "UTC", or just the offset
// when the zone has no letter abbreviation.
func zoneText(t time.Time) string {
	abbr, off := t.Zone()
	if abbr == "UTC" && off == 0 {
		return "UTC"
	}
	o := offsetText(off)
	if abbr == "" || strings.ContainsAny(abbr[:1], "+-0123456789") {
		return o
	}
	return abbr + " (" + o + ")"
}

// offsetText is "UTC+1", "UTC−8" (with a minus sign), "UTC+5:30".
func offsetText(seconds int) string {
	sign := "+"
	if seconds < 0 {
		sign, seconds = "−", -seconds
	}
	h, m := seconds/3600, seconds%3600/60
	if m == 0 {
		return fmt.Sprintf("UTC%s%d", sign, h)
	}
	return fmt.Sprintf("UTC%s%d:%02d", sign, h, m)
}

// dayShift is local's calendar date minus utc's, in days.
func dayShift(local, utc time.Time) int {
	l := time.Date(local.Year(), local.Month(), local.Day(), 0, 0, 0, 0, time.UTC)
	u := time.Date(utc.Year(), utc.Month(), utc.Day(), 0, 0, 0, 0, time.UTC)
	return int(l.Sub(u).Hours() / 24)
}

// ConverterURL links start to ConverterBase, e.g.
// "https://www.timeanddate.com/worldclock/fixedtime.html?iso=20261203T1700&p1=1440&msg=Office+hours"
// (p1=1440 says the time is UTC). An empty title leaves msg out.
func ConverterURL(start time.Time, title string) string {
	u := ConverterBase + "?iso=" + start.UTC().Format("20060102T1504") + "&p1=1440"
	if title != "" {
		u += "&msg=" + url.QueryEscape(title)
	}
	return u
}
