package repoconfig

import (
	"fmt"
	"net/url"
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
	v.series("office_hours", &v.c.OfficeHours)
	if v.d.given("office_hours.kind") && v.c.OfficeHours.Kind != schedule.KindOfficeHours {
		v.add("office_hours.kind", "office_hours is always of kind "+code(schedule.KindOfficeHours),
			"remove the key, or move this series under "+code("gatherings:"))
	}
	for i := range v.c.Gatherings {
		p := "gatherings[" + strconv.Itoa(i) + "]"
		if v.d.failedUnder(p) {
			continue
		}
		g := &v.c.Gatherings[i]
		if g.Repository == "" && !v.d.given(p+".repository") {
			v.add(p, "this series has no repository, and office_hours names none to share",
				"add "+code("repository: community")+" with the name of a repository of the same owner with Discussions on")
		}
		v.series(p, g)
	}
}

// series checks one series of gatherings at path p.
func (v *validator) series(p string, o *OfficeHours) {
	o.Kind = strings.ToLower(o.Kind)
	if _, ok := schedule.DefaultsFor(o.Kind); !ok {
		v.add(p+".kind", "unknown kind "+code(o.Kind), suggest(o.Kind, schedule.Kinds, "use "+orList(schedule.Kinds)))
	}
	v.repository(p+".repository", o.Repository, o.Noun())
	if o.Category == "" {
		def := "Office Hours"
		if d, ok := schedule.DefaultsFor(o.Kind); ok {
			def = d.Category
		}
		v.add(p+".category", "the announcement category is empty",
			"name a Discussions category, or remove the key for "+code(def))
	}
	o.Cadence = strings.ToLower(o.Cadence)
	if _, ok := schedule.ShortestGap(o.Cadence); !ok {
		v.add(p+".cadence", "unknown cadence "+code(o.Cadence),
			suggest(o.Cadence, schedule.Cadences, "use "+orList(schedule.Cadences)))
	}
	if d, ok := parseWeekday(o.Weekday); ok {
		o.Weekday = strings.ToLower(d.String())
	} else {
		v.add(p+".weekday", code(o.Weekday)+" is not a day of the week",
			suggest(o.Weekday, sortedKeys(weekdays), "use a day name such as "+code("thursday")))
	}
	v.weekOfMonth(p, o)
	v.times(p+".times", o.Times)
	v.between(p+".duration_minutes", o.DurationMinutes, 15, 480, "minutes")
	v.between(p+".announce_days_before", o.AnnounceDaysBefore, 0, 30, "days")
	v.between(p+".reminder_minutes_before", o.ReminderMinutesBefore, 0, 1440, "minutes")
	if gap, ok := schedule.ShortestGap(o.Cadence); ok && o.AnnounceDaysBefore >= days(gap) && o.AnnounceDaysBefore <= 30 {
		v.add(p+".announce_days_before",
			fmt.Sprintf("announcing %d days ahead of %s sessions would announce a session before the previous one has happened", o.AnnounceDaysBefore, o.Cadence),
			fmt.Sprintf("use at most %d for %s sessions", days(gap)-1, o.Cadence))
	}
	v.texts(p+".agenda", o.Agenda, "agenda item")
	v.texts(p+".ground_rules", o.GroundRules, "ground rule")
	v.texts(p+".roles", o.Roles, "role")
	v.unique(p+".roles", o.Roles, "role")
	v.link(p+".join_url", o.JoinURL, "https://meet.example.org/community")
	v.link(p+".chat_url", o.ChatURL, "https://chat.example.org/#newcomers")
	v.waking(p, o)
	v.skip(p, o)
}

func (v *validator) weekOfMonth(p string, o *OfficeHours) {
	if !v.d.given(p + ".week_of_month") {
		return
	}
	switch w := o.WeekOfMonth; {
	case o.Cadence != schedule.Monthly:
		v.add(p+".week_of_month", "week_of_month applies only to monthly sessions",
			"remove it, or write "+code("cadence: monthly"))
	case w == 0 || w < schedule.LastWeek:
		v.add(p+".week_of_month", "there is no week "+strconv.Itoa(w)+" of a month",
			"use 1 to 4 for the first to the fourth "+o.Weekday+", or -1 for the last")
	case w > 4:
		v.add(p+".week_of_month", "week "+strconv.Itoa(w)+" of the month does not exist in every month",
			"use 1 to 4 for the first to the fourth "+o.Weekday+", or -1 for the last")
	}
}

// link checks an optional https URL.
func (v *validator) link(p, s, example string) {
	if !v.d.given(p) {
		return
	}
	u, err := url.Parse(s)
	switch {
	case strings.TrimSpace(s) == "":
		v.add(p, "the link is empty", "write the link, e.g. "+code(lastKey(p)+": "+example)+", or remove the key")
	case len(s) > 500:
		v.add(p, "the link is longer than 500 characters", "use a shorter link to the same place")
	case err != nil || u.Host == "" || u.User != nil || strings.ContainsAny(s, " \t\n<>\"") ||
		!strings.EqualFold(u.Scheme, "https") && !strings.EqualFold(u.Scheme, "http"):
		v.add(p, code(s)+" is not a web link", "write the full link, starting with "+code("https://")+", e.g. "+code(example))
	case !strings.EqualFold(u.Scheme, "https"):
		v.add(p, code(s)+" is not an https link", "use the https:// address of the same place: "+code("https://"+strings.TrimPrefix(s[len(u.Scheme):], "://")))
	}
}

// waking checks waking_hours: two HH:MM times, as long as a session at least.
func (v *validator) waking(p string, o *OfficeHours) {
	p += ".waking_hours"
	if len(o.WakingHours) != 2 {
		v.add(p, fmt.Sprintf("%d times given; waking hours are a start and an end", len(o.WakingHours)),
			"write them as "+code(`waking_hours: ["08:00", "22:00"]`))
		return
	}
	ok := true
	for j, s := range o.WakingHours {
		if _, err := ParseTimeOfDay(s); err != nil {
			v.add(p+"["+strconv.Itoa(j)+"]", code(s)+" is not a 24-hour HH:MM time", "write the mentors' local time as HH:MM, e.g. "+code("08:00"))
			ok = false
		}
	}
	if !ok {
		return
	}
	w, err := schedule.ParseWaking(o.WakingHours[0], o.WakingHours[1])
	if err != nil {
		return
	}
	if o.DurationMinutes > 0 && !w.Fits(time.Date(2026, 1, 1, w.From/60, w.From%60, 0, 0, time.UTC), o.Duration(), nil) {
		v.add(p, fmt.Sprintf("waking hours %s are shorter than a %d-minute session, so no mentor could ever take a role", w, o.DurationMinutes),
			"widen them, e.g. "+code(`waking_hours: ["08:00", "22:00"]`))
	}
}

// Waking is WakingHours as a schedule.Waking; DefaultWaking when they are
// not two HH:MM times (Parse rejects those).
func (o OfficeHours) Waking() schedule.Waking {
	if len(o.WakingHours) == 2 {
		if w, err := schedule.ParseWaking(o.WakingHours[0], o.WakingHours[1]); err == nil {
			return w
		}
	}
	return schedule.DefaultWaking
}

// skip checks that each skipped date falls on the series' weekday, once.
// A date on the right weekday that has no session (another week of a
// monthly or biweekly series) is accepted: it changes nothing, and people
// list holidays ahead without working out the rotation.
func (v *validator) skip(p string, o *OfficeHours) {
	wd, ok := parseWeekday(o.Weekday)
	seen := map[Date]bool{}
	for j, d := range o.Skip {
		ip := p + ".skip[" + strconv.Itoa(j) + "]"
		day := d.In(time.UTC)
		switch {
		case seen[d]:
			v.add(ip, code(d.String())+" is listed twice", "remove one of them")
		case ok && day.Weekday() != wd:
			next := day.AddDate(0, 0, (int(wd)-int(day.Weekday())+7)%7)
			v.add(ip, code(d.String())+" is a "+strings.ToLower(day.Weekday().String())+", and sessions are on "+o.Weekday+"s",
				"skip the UTC date of a session, e.g. "+code(next.Format(time.DateOnly)))
		}
		seen[d] = true
	}
}

var repoName = regexp.MustCompile(`^[A-Za-z0-9._-]{1,100}$`)

func (v *validator) repository(p, name, noun string) {
	switch {
	case !v.d.given(p):
	case strings.Contains(name, "/"):
		_, short, _ := strings.Cut(name, "/")
		v.add(p, code(name)+" names an owner", "gatherings use a repository of the same owner: write only its name, "+code("repository: "+short))
	case name == "":
		v.add(p, "the repository is empty", "name a repository with Discussions on, or remove the key to turn "+noun+" off")
	case !repoName.MatchString(name) || name == "." || name == "..":
		v.add(p, code(name)+" is not a valid repository name", "use the name as in its URL: letters, digits, "+code(".")+", "+code("-")+" and "+code("_"))
	}
}

func (v *validator) times(p string, times []string) {
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
	p := schedule.Plan{
		Cadence:        o.Cadence,
		Weekday:        o.Day(),
		Times:          o.Times,
		Duration:       o.Duration(),
		AnnounceBefore: time.Duration(o.AnnounceDaysBefore) * 24 * time.Hour,
		WeekOfMonth:    o.WeekOfMonth,
		RemindBefore:   time.Duration(o.ReminderMinutesBefore) * time.Minute,
	}
	for _, d := range o.Skip {
		p.Skip = append(p.Skip, d.In(time.UTC))
	}
	return p
}

// Series are the configured series that are on: office_hours first, then
// the gatherings, in file order.
func (c *Config) Series() []OfficeHours {
	var out []OfficeHours
	if c.OfficeHours.Enabled() {
		out = append(out, c.OfficeHours)
	}
	for _, g := range c.Gatherings {
		if g.Enabled() {
			out = append(out, g)
		}
	}
	return out
}

// Noun is the kind's name for people, e.g. "mentorship circle".
func (o OfficeHours) Noun() string {
	if d, ok := schedule.DefaultsFor(o.Kind); ok {
		return d.Noun
	}
	return "office hours"
}

// Name is the series' title, or its kind's name.
func (o OfficeHours) Name() string {
	if o.Title != "" {
		return o.Title
	}
	return o.Noun()
}

// orList is "a, b or c".
func orList(words []string) string {
	if len(words) < 2 {
		return strings.Join(words, "")
	}
	return strings.Join(words[:len(words)-1], ", ") + " or " + words[len(words)-1]
}

func days(d time.Duration) int { return int(d / (24 * time.Hour)) }
