package repoconfig

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/mentorbot/mentorbot/app/gatherings/schedule"
)

// Enabled reports whether office hours are on: only when a repository is set.
func (o OfficeHours) Enabled() bool { return o.Repository != "" }

// Day is Weekday as a time.Weekday; Thursday when Weekday is not a day name
// (Parse rejects those).
func (o OfficeHours) Day() time.Weekday {
	if d, ok := parseWeekday(o.Weekday); ok {
		return d
	}
	return time.Thursday
}

// StartTimes are Times parsed, in order; entries that are not HH:MM (Parse
// rejects those) are left out.
func (o OfficeHours) StartTimes() []TimeOfDay {
	out := make([]TimeOfDay, 0, len(o.Times))
	for _, s := range o.Times {
		if t, err := ParseTimeOfDay(s); err == nil {
			out = append(out, t)
		}
	}
	return out
}

// Duration is DurationMinutes as a time.Duration.
func (o OfficeHours) Duration() time.Duration { return time.Duration(o.DurationMinutes) * time.Minute }

var weekdays = map[string]time.Weekday{
	"sunday": time.Sunday, "monday": time.Monday, "tuesday": time.Tuesday, "wednesday": time.Wednesday,
	"thursday": time.Thursday, "friday": time.Friday, "saturday": time.Saturday,
}

// parseWeekday reads an English day name or its first three letters, in
// any case.
func parseWeekday(s string) (time.Weekday, bool) {
	s = strings.ToLower(s)
	if d, ok := weekdays[s]; ok {
		return d, true
	}
	for name, d := range weekdays {
		if len(s) == 3 && strings.HasPrefix(name, s) {
			return d, true
		}
	}
	return 0, false
}

func (v *validator) officeHours() {
	o := &v.c.OfficeHours
	v.repository(o.Repository)
	if o.Category == "" {
		v.add("office_hours.category", "the announcement category is empty",
			"name a Discussions category, or remove the key for "+code(DefaultOfficeHoursCategory))
	}
	o.Cadence = strings.ToLower(o.Cadence)
	if _, ok := schedule.ShortestGap(o.Cadence); !ok {
		v.add("office_hours.cadence", "unknown cadence "+code(o.Cadence),
			suggest(o.Cadence, schedule.Cadences, "use "+orList(schedule.Cadences)))
	}
	if d, ok := parseWeekday(o.Weekday); ok {
		o.Weekday = strings.ToLower(d.String())
	} else {
		v.add("office_hours.weekday", code(o.Weekday)+" is not a day of the week",
			suggest(o.Weekday, sortedKeys(weekdays), "use a day name such as "+code("thursday")))
	}
	v.times(o.Times)
	v.between("office_hours.duration_minutes", o.DurationMinutes, 15, 480, "minutes")
	v.between("office_hours.announce_days_before", o.AnnounceDaysBefore, 0, 30, "days")
	if gap, ok := schedule.ShortestGap(o.Cadence); ok && o.AnnounceDaysBefore >= days(gap) && o.AnnounceDaysBefore <= 30 {
		v.add("office_hours.announce_days_before",
			fmt.Sprintf("announcing %d days ahead of %s sessions would announce a session before the previous one has happened", o.AnnounceDaysBefore, o.Cadence),
			fmt.Sprintf("use at most %d for %s sessions", days(gap)-1, o.Cadence))
	}
	v.texts("office_hours.agenda", o.Agenda, "agenda item")
	v.texts("office_hours.ground_rules", o.GroundRules, "ground rule")
	v.texts("office_hours.roles", o.Roles, "role")
	v.unique("office_hours.roles", o.Roles, "role")
}

var repoName = regexp.MustCompile(`^[A-Za-z0-9._-]{1,100}$`)

func (v *validator) repository(name string) {
	const p = "office_hours.repository"
	switch {
	case !v.d.given(p):
	case strings.Contains(name, "/"):
		_, short, _ := strings.Cut(name, "/")
		v.add(p, code(name)+" names an owner", "office hours use a repository of the same owner: write only its name, "+code("repository: "+short))
	case name == "":
		v.add(p, "the repository is empty", "name a repository with Discussions on, or remove the key to turn office hours off")
	case !repoName.MatchString(name) || name == "." || name == "..":
		v.add(p, code(name)+" is not a valid repository name", "use the name as in its URL: letters, digits, "+code(".")+", "+code("-")+" and "+code("_"))
	}
}

func (v *validator) times(times []string) {
	const p = "office_hours.times"
	if len(times) == 0 {
		v.add(p, "no start times", "give at least one UTC start time, e.g. "+code(`times: ["17:00"]`))
	}
	seen := map[string]bool{}
	for j, s := range times {
		ip := p + "[" + strconv.Itoa(j) + "]"
		t, err := ParseTimeOfDay(s)
		switch {
		case err != nil:
			v.add(ip, code(s)+" is not a 24-hour HH:MM time", timeHint(s))
		case seen[t.String()]:
			v.add(ip, code(s)+" is listed twice", "remove one of them")
		}
		seen[t.String()] = err == nil
	}
}

var shortClock = regexp.MustCompile(`^(\d):(\d\d)$`)

func timeHint(s string) string {
	if m := shortClock.FindStringSubmatch(s); m != nil {
		return "write two digits for the hour: " + code("0"+m[1]+":"+m[2])
	}
	trimmed := strings.TrimSpace(strings.TrimSuffix(strings.TrimSuffix(strings.ToUpper(s), "Z"), "UTC"))
	if _, err := ParseTimeOfDay(trimmed); err == nil {
		return "times are always UTC; write " + code(trimmed)
	}
	return "write the UTC start time as HH:MM on a 24-hour clock, e.g. " + code("17:00") + " for 5 pm"
}

// texts checks that no item of a list of free texts is empty.
func (v *validator) texts(p string, items []string, what string) {
	for j, s := range items {
		if strings.TrimSpace(s) == "" {
			v.add(p+"["+strconv.Itoa(j)+"]", "the "+what+" is empty", "write the "+what+", or remove the item")
		}
	}
}

func (v *validator) unique(p string, items []string, what string) {
	seen := map[string]bool{}
	for j, s := range items {
		k := strings.ToLower(strings.TrimSpace(s))
		if k != "" && seen[k] {
			v.add(p+"["+strconv.Itoa(j)+"]", "the "+what+" "+code(s)+" is listed twice", "remove one of them")
		}
		seen[k] = true
	}
}

// suggest is "did you mean …?" for a near candidate, else fallback.
func suggest(s string, candidates []string, fallback string) string {
	if c := closest(s, candidates); c != "" {
		return "did you mean " + code(c) + "?"
	}
	return fallback
}

// Plan is the configured schedule, for the office-hours rules.
func (o OfficeHours) Plan() schedule.Plan {
	return schedule.Plan{
		Cadence:        o.Cadence,
		Weekday:        o.Day(),
		Times:          o.Times,
		Duration:       o.Duration(),
		AnnounceBefore: time.Duration(o.AnnounceDaysBefore) * 24 * time.Hour,
	}
}

// orList is "a, b or c".
func orList(words []string) string {
	if len(words) < 2 {
		return strings.Join(words, "")
	}
	return strings.Join(words[:len(words)-1], ", ") + " or " + words[len(words)-1]
}

func days(d time.Duration) int { return int(d / (24 * time.Hour)) }
