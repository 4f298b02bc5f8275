package schedule_test

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/mentorbot/mentorbot/app/gatherings/schedule"
)

var oneRoles = regexp.MustCompile(`\b1 (roles|turns)`)

func keys(ss []schedule.Session) []string {
	out := make([]string, len(ss))
	for i, s := range ss {
		out[i] = s.Key
		if s.Cancelled {
			out[i] += " cancelled"
		}
	}
	return out
}

func TestKindDefaults(t *testing.T) {
	agendas := map[string]string{}
	for _, kind := range schedule.Kinds {
		d, ok := schedule.DefaultsFor(kind)
		if !ok {
			t.Fatalf("DefaultsFor(%q) unknown", kind)
		}
		if d.Noun == "" || d.Category == "" || len(d.Agenda) == 0 || len(d.GroundRules) == 0 || len(d.Roles) == 0 {
			t.Errorf("%s: incomplete defaults %+v", kind, d)
		}
		if _, ok := schedule.ShortestGap(d.Cadence); !ok {
			t.Errorf("%s: default cadence %q unknown", kind, d.Cadence)
		}
		if err := (schedule.Plan{Cadence: d.Cadence, Weekday: time.Tuesday, Times: []string{"16:00"}, Duration: time.Hour}).Validate(); err != nil {
			t.Errorf("%s: default plan invalid: %v", kind, err)
		}
		a := strings.Join(d.Agenda, "|")
		if other, dup := agendas[a]; dup {
			t.Errorf("%s has the agenda of %s", kind, other)
		}
		agendas[a] = kind
		intro := schedule.IntroFor(kind, schedule.Session{Start: utc("2026-12-03 17:00"), End: utc("2026-12-03 18:00")})
		if !strings.Contains(intro, "60-minute") {
			t.Errorf("%s intro %q lacks the length", kind, intro)
		}
	}
	d, _ := schedule.DefaultsFor(schedule.KindSocial)
	d.Agenda[0] = "changed"
	if again, _ := schedule.DefaultsFor(schedule.KindSocial); again.Agenda[0] == "changed" {
		t.Error("DefaultsFor shares its lists with callers")
	}
	if _, ok := schedule.DefaultsFor("party"); ok {
		t.Error("unknown kind accepted")
	}
	// The default accessibility note promises only what happens anyway.
	for _, promise := range []string{"transcript", "slides", "Captions on"} {
		if strings.Contains(schedule.DefaultAccessibility, promise) {
			t.Errorf("default accessibility promises %q", promise)
		}
	}
}

// TestGatheringSchedules covers every kind with its usual cadences. In
// December 2026 Tuesdays fall on 1, 8, 15, 22, 29; in January 2027 on 5, 12,
// 19, 26; in February on 2, 9, 16, 23; in March on 2, 9, 16, 23, 30.
func TestGatheringSchedules(t *testing.T) {
	monthly := func(week int, skip ...string) schedule.Plan {
		p := schedule.Plan{Cadence: schedule.Monthly, Weekday: time.Tuesday, Times: []string{"16:00"}, Duration: time.Hour, WeekOfMonth: week}
		for _, s := range skip {
			p.Skip = append(p.Skip, day(s))
		}
		return p
	}
	cases := []struct {
		name string
		kind string
		plan schedule.Plan
		want []string // Between 2026-12-01 and 2027-04-01
	}{
		{"office hours weekly", schedule.KindOfficeHours,
			schedule.Plan{Cadence: schedule.Weekly, Weekday: time.Thursday, Times: []string{"09:00", "17:00"}, Duration: time.Hour, Anchor: day("2026-12-01"), Skip: []time.Time{day("2026-12-24"), day("2026-12-31")}},
			[]string{"2026-12-03T09:00Z", "2026-12-10T17:00Z", "2026-12-17T09:00Z", "2026-12-24T17:00Z cancelled", "2026-12-31T09:00Z cancelled",
				"2027-01-07T17:00Z", "2027-01-14T09:00Z", "2027-01-21T17:00Z", "2027-01-28T09:00Z", "2027-02-04T17:00Z", "2027-02-11T09:00Z",
				"2027-02-18T17:00Z", "2027-02-25T09:00Z", "2027-03-04T17:00Z", "2027-03-11T09:00Z", "2027-03-18T17:00Z", "2027-03-25T09:00Z"}},
		{"social biweekly, two times", schedule.KindSocial,
			schedule.Plan{Cadence: schedule.Biweekly, Weekday: time.Friday, Times: []string{"15:00", "23:00"}, Duration: 90 * time.Minute, Anchor: day("2026-12-01"), Skip: []time.Time{day("2027-01-01")}},
			[]string{"2026-12-04T15:00Z", "2026-12-18T23:00Z", "2027-01-01T15:00Z cancelled", "2027-01-15T23:00Z", "2027-01-29T15:00Z",
				"2027-02-12T23:00Z", "2027-02-26T15:00Z", "2027-03-12T23:00Z", "2027-03-26T15:00Z"}},
		{"circle monthly, first week", schedule.KindMentorshipCircle, monthly(1),
			[]string{"2026-12-01T16:00Z", "2027-01-05T16:00Z", "2027-02-02T16:00Z", "2027-03-02T16:00Z"}},
		{"circle monthly, week 0 is the first", schedule.KindMentorshipCircle, monthly(0),
			[]string{"2026-12-01T16:00Z", "2027-01-05T16:00Z", "2027-02-02T16:00Z", "2027-03-02T16:00Z"}},
		{"circle monthly, second week", schedule.KindMentorshipCircle, monthly(2),
			[]string{"2026-12-08T16:00Z", "2027-01-12T16:00Z", "2027-02-09T16:00Z", "2027-03-09T16:00Z"}},
		{"circle monthly, fourth week", schedule.KindMentorshipCircle, monthly(4),
			[]string{"2026-12-22T16:00Z", "2027-01-26T16:00Z", "2027-02-23T16:00Z", "2027-03-23T16:00Z"}},
		{"circle monthly, last week", schedule.KindMentorshipCircle, monthly(schedule.LastWeek),
			[]string{"2026-12-29T16:00Z", "2027-01-26T16:00Z", "2027-02-23T16:00Z", "2027-03-30T16:00Z"}},
		{"circle monthly, last week, holiday skipped", schedule.KindMentorshipCircle, monthly(schedule.LastWeek, "2026-12-29"),
			[]string{"2026-12-29T16:00Z cancelled", "2027-01-26T16:00Z", "2027-02-23T16:00Z", "2027-03-30T16:00Z"}},
		{"office hours monthly on the last Thursday", schedule.KindOfficeHours,
			schedule.Plan{Cadence: schedule.Monthly, Weekday: time.Thursday, Times: []string{"01:00"}, Duration: time.Hour, WeekOfMonth: schedule.LastWeek},
			[]string{"2026-12-31T01:00Z", "2027-01-28T01:00Z", "2027-02-25T01:00Z", "2027-03-25T01:00Z"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if _, ok := schedule.DefaultsFor(tc.kind); !ok {
				t.Fatalf("kind %q unknown", tc.kind)
			}
			got := keys(tc.plan.Between(day("2026-12-01"), day("2027-04-01")))
			if !slices.Equal(got, tc.want) {
				t.Fatalf("Between:\n got %q\nwant %q", got, tc.want)
			}
			// Sessions and Due leave cancelled sessions out, in place: the
			// rotation of times does not move.
			var open []string
			for _, k := range tc.want {
				if !strings.HasSuffix(k, " cancelled") {
					open = append(open, k)
				}
			}
			if got := keys(tc.plan.Sessions(day("2026-12-01"), len(open))); !slices.Equal(got, open) {
				t.Errorf("Sessions:\n got %q\nwant %q", got, open)
			}
			for _, a := range tc.plan.Due(day("2027-04-01"), 130*24*time.Hour) {
				if slices.Contains(tc.want, a.Session.Key+" cancelled") {
					t.Errorf("cancelled session %s is due for %s", a.Session.Key, a.Kind)
				}
			}
		})
	}
}

func TestWeekOfMonthRejected(t *testing.T) {
	for _, p := range []schedule.Plan{
		{Cadence: schedule.Monthly, Weekday: time.Tuesday, Times: []string{"16:00"}, Duration: time.Hour, WeekOfMonth: 5},
		{Cadence: schedule.Monthly, Weekday: time.Tuesday, Times: []string{"16:00"}, Duration: time.Hour, WeekOfMonth: -2},
		{Cadence: schedule.Weekly, Weekday: time.Tuesday, Times: []string{"16:00"}, Duration: time.Hour, WeekOfMonth: 2},
	} {
		if p.Validate() == nil {
			t.Errorf("%+v accepted", p)
		}
	}
}

// TestDSTInFourZones checks that a session fixed in UTC moves on the local
// clock when a zone changes, and that the waking hours follow the local
// clock: one 30-minute session a week, the only mentor in a zone, before and
// after that zone's change in 2027.
func TestDSTInFourZones(t *testing.T) {
	cases := []struct {
		zone          string
		weekday       time.Weekday
		at            string // UTC start
		before, after string // session dates either side of the change
		local         [2]string
		open          bool // the role is open before the change, taken after
	}{
		// New York: EST → EDT on 14 March: 07:00 becomes 08:00.
		{"America/New_York", time.Monday, "12:00", "2027-03-08", "2027-03-15", [2]string{"07:00", "08:00"}, true},
		// Berlin: CET → CEST on 28 March: 07:30 becomes 08:30.
		{"Europe/Berlin", time.Monday, "06:30", "2027-03-22", "2027-03-29", [2]string{"07:30", "08:30"}, true},
		// Sydney: AEDT → AEST on 4 April: 22:30 becomes 21:30.
		{"Australia/Sydney", time.Monday, "11:30", "2027-03-29", "2027-04-05", [2]string{"22:30", "21:30"}, true},
		// Auckland: NZDT → NZST on 4 April: 22:30 becomes 21:30.
		{"Pacific/Auckland", time.Monday, "09:30", "2027-03-29", "2027-04-05", [2]string{"22:30", "21:30"}, true},
	}
	for _, tc := range cases {
		t.Run(tc.zone, func(t *testing.T) {
			loc := mustLoc(t, tc.zone)
			p := schedule.Plan{Cadence: schedule.Weekly, Weekday: tc.weekday, Times: []string{tc.at}, Duration: 30 * time.Minute}
			ss := p.Sessions(day(tc.before), 2)
			if ss[0].Key != tc.before+"T"+tc.at+"Z" || ss[1].Key != tc.after+"T"+tc.at+"Z" {
				t.Fatalf("sessions %q", keys(ss))
			}
			mentor := []schedule.RoleCandidate{{Login: "kim", Location: loc}}
			for i, s := range ss {
				lt := schedule.LocalTimes(s, []schedule.Zone{{Login: "kim", Location: loc}})
				if got := lt[0].Start.Format("15:04"); got != tc.local[i] {
					t.Errorf("%s: local start %s, want %s", s.Key, got, tc.local[i])
				}
				got := schedule.AssignRoles([]string{"host"}, mentor, nil, s)[0]
				if wantOpen := i == 0; (got.Login == "") != wantOpen {
					t.Errorf("%s at %s local: host %q (%s)", s.Key, tc.local[i], got.Login, got.Why)
				}
				if i == 0 && got.Why != fmt.Sprintf("nobody can take it: the session falls outside the waking hours (08:00–22:00) of kim (%s)", tc.local[0]) {
					t.Errorf("why %q", got.Why)
				}
			}
		})
	}
}

func TestWaking(t *testing.T) {
	night, err := schedule.ParseWaking("20:00", "04:00")
	if err != nil {
		t.Fatal(err)
	}
	allDay, _ := schedule.ParseWaking("00:00", "00:00")
	cases := []struct {
		w     schedule.Waking
		start string
		d     time.Duration
		want  bool
	}{
		{schedule.DefaultWaking, "08:00", time.Hour, true},
		{schedule.DefaultWaking, "07:59", time.Hour, false},
		{schedule.DefaultWaking, "21:00", time.Hour, true},
		{schedule.DefaultWaking, "21:01", time.Hour, false},
		{schedule.DefaultWaking, "23:00", time.Hour, false},
		{night, "23:30", time.Hour, true},
		{night, "03:30", time.Hour, false},
		{night, "12:00", time.Hour, false},
		{allDay, "03:00", 8 * time.Hour, true},
	}
	for _, tc := range cases {
		if got := tc.w.Fits(utc("2026-12-03 "+tc.start), tc.d, nil); got != tc.want {
			t.Errorf("%s fits %s for %s = %v, want %v", tc.w, tc.start, tc.d, got, tc.want)
		}
	}
	if _, err := schedule.ParseWaking("8:00", "22:00"); err == nil {
		t.Error("8:00 accepted")
	}
}

// TestRolesRespectZonesAndAwayOverAYear rotates three start times across a
// year with mentors in five zones, some away now and then: nobody is ever
// given a role while away or outside their waking hours, and roles nobody
// can take are left open, never given to someone asleep.
func TestRolesRespectZonesAndAwayOverAYear(t *testing.T) {
	zones := map[string]string{
		"ana": "Europe/Berlin", "ben": "Asia/Kolkata", "cy": "America/Los_Angeles",
		"dee": "Australia/Sydney", "eli": "America/Sao_Paulo",
	}
	var mentors []schedule.RoleCandidate
	for i, l := range []string{"ana", "ben", "cy", "dee", "eli"} {
		mentors = append(mentors, schedule.RoleCandidate{Login: l, Order: i, Location: mustLoc(t, zones[l])})
	}
	p := schedule.Plan{Cadence: schedule.Weekly, Weekday: time.Thursday, Times: []string{"09:00", "17:00", "01:00"}, Duration: time.Hour}
	var history []schedule.RoleRecord
	open := 0
	for i, s := range p.Sessions(day("2026-06-01"), 52) {
		cands := slices.Clone(mentors)
		for j := range cands {
			cands[j].Away = (i+j)%7 == 0
		}
		for _, a := range schedule.AssignRoles(threeRoles, cands, history, s) {
			if a.Login == "" {
				open++
				if !strings.HasPrefix(a.Why, "nobody can take it: ") {
					t.Errorf("%s: open %s without reason: %q", s.Key, a.Role, a.Why)
				}
				continue
			}
			c := cands[slices.IndexFunc(cands, func(c schedule.RoleCandidate) bool { return c.Login == a.Login })]
			if c.Away {
				t.Errorf("%s: %s is away but holds %s", s.Key, a.Login, a.Role)
			}
			if !schedule.DefaultWaking.Fits(s.Start, time.Hour, c.Location) {
				t.Errorf("%s: %s holds %s at %s local", s.Key, a.Login, a.Role, s.Start.In(c.Location).Format("15:04"))
			}
			if oneRoles.MatchString(a.Why) {
				t.Errorf("why %q", a.Why)
			}
			history = append(history, schedule.RoleRecord{SessionKey: s.Key, Role: a.Role, Login: a.Login, Start: s.Start})
		}
	}
	t.Logf("%d roles left open in a year", open)
}

// TestRolesFairAcrossZonesOverAYear: Berlin fits both start times, Los
// Angeles only the later one; over a year the Angelenos catch up at the
// sessions they can attend and everyone holds about as many roles.
func TestRolesFairAcrossZonesOverAYear(t *testing.T) {
	berlin, la := mustLoc(t, "Europe/Berlin"), mustLoc(t, "America/Los_Angeles")
	mentors := []schedule.RoleCandidate{
		{Login: "ana", Order: 0, Location: berlin}, {Login: "ben", Order: 1, Location: berlin},
		{Login: "cy", Order: 2, Location: la}, {Login: "dee", Order: 3, Location: la},
	}
	p := schedule.Plan{Cadence: schedule.Biweekly, Weekday: time.Wednesday, Times: []string{"09:00", "17:00"}, Duration: time.Hour}
	turns := map[string]int{}
	var history []schedule.RoleRecord
	for _, s := range p.Sessions(day("2026-01-01"), 26) {
		for _, a := range schedule.AssignRoles(threeRoles[:2], mentors, history, s) {
			if a.Login == "" {
				t.Fatalf("%s: %s left open: %s", s.Key, a.Role, a.Why)
			}
			turns[a.Login]++
			history = append(history, schedule.RoleRecord{SessionKey: s.Key, Role: a.Role, Login: a.Login, Start: s.Start})
		}
	}
	t.Logf("turns: %v", turns)
	for _, m := range mentors {
		if n := turns[m.Login]; n < 11 || n > 15 {
			t.Errorf("%s held %d of 52 roles, want 11 to 15: %v", m.Login, n, turns)
		}
	}
}

func TestUnfillableRole(t *testing.T) {
	s := schedule.Session{Key: "2026-12-03T01:00Z", Start: utc("2026-12-03 01:00"), End: utc("2026-12-03 02:00")}
	mentors := []schedule.RoleCandidate{
		{Login: "ana", Location: mustLoc(t, "Europe/Berlin")},
		{Login: "ben", Location: mustLoc(t, "Asia/Kolkata"), Away: true},
	}
	got := schedule.AssignRoles([]string{"host", "note-taker"}, mentors, nil, s)
	want := "nobody can take it: ben is away; the session falls outside the waking hours (08:00–22:00) of ana (02:00)"
	for _, a := range got {
		if a.Login != "" || a.Why != want {
			t.Errorf("%+v\nwant open: %s", a, want)
		}
	}
	// cy, at 17:00 the day before in Los Angeles, can take both.
	mentors = append(mentors, schedule.RoleCandidate{Login: "cy", Location: mustLoc(t, "America/Los_Angeles")})
	got = schedule.AssignRoles([]string{"host", "note-taker"}, mentors, nil, s)
	if got[0].Login != "cy" || got[1].Login != "cy" || got[1].Why != "also host this session: only 1 mentor is available for 2 roles" {
		t.Errorf("got %+v", got)
	}
}

func TestAnnouncementLinksAndKinds(t *testing.T) {
	s := sampleSession()
	body := schedule.AnnouncementBody(schedule.Announcement{
		Kind: schedule.KindSocial, Session: s,
		JoinURL: "https://meet.example.org/acme", ChatURL: "https://chat.example.org/#newcomers",
		CalendarURL: "https://bot.example.org/calendar/acme.ics",
		Roles:       schedule.AssignRoles([]string{"host"}, []schedule.RoleCandidate{{Login: "kim", Location: mustLoc(t, "Australia/Sydney")}}, nil, s),
	})
	for _, want := range []string{
		"An informal 60-minute get-together",
		"## Where\n\n- **Join:** [https://meet.example.org/acme](https://meet.example.org/acme)\n- **Between sessions:** [https://chat.example.org/#newcomers](https://chat.example.org/#newcomers)",
		"[Add every session to your calendar](https://bot.example.org/calendar/acme.ics)",
		"- **host**: nobody yet — nobody can take it: the session falls outside the waking hours (08:00–22:00) of kim (04:00)",
	} {
		if !strings.Contains(body, want) {
			t.Errorf("body lacks %q:\n%s", want, body)
		}
	}
	if strings.Contains(body, "@kim") {
		t.Error("a mentor outside their waking hours is mentioned")
	}
	plain := schedule.AnnouncementBody(schedule.Announcement{Session: s})
	if strings.Contains(plain, "## Where") || strings.Contains(plain, "calendar") {
		t.Errorf("links without URLs:\n%s", plain)
	}
}

func TestRemindersAreDueOnceBeforeTheStart(t *testing.T) {
	p := weekly("17:00")
	p.RemindBefore = time.Hour
	p.Skip = []time.Time{day("2026-12-10")}
	kinds := func(now time.Time) []string {
		var out []string
		for _, a := range p.Due(now, 0) {
			if a.Kind == schedule.ActionRemind {
				out = append(out, a.Session.Key+" "+a.DueAt.Format("15:04"))
			}
		}
		return out
	}
	cases := map[string][]string{
		"2026-12-03 15:59": nil,
		"2026-12-03 16:00": {"2026-12-03T17:00Z 16:00"},
		"2026-12-03 16:59": {"2026-12-03T17:00Z 16:00"},
		"2026-12-03 17:00": nil, // started: too late to remind
		"2026-12-10 16:30": nil, // cancelled
	}
	for now, want := range cases {
		if got := kinds(utc(now)); !slices.Equal(got, want) {
			t.Errorf("at %s: reminders %q, want %q", now, got, want)
		}
	}
	p.RemindBefore = 0
	for _, a := range p.Due(utc("2026-12-03 16:30"), 0) {
		if a.Kind == schedule.ActionRemind {
			t.Errorf("reminder with RemindBefore 0: %+v", a)
		}
	}
}

func TestReminderBody(t *testing.T) {
	s := sampleSession()
	body := schedule.ReminderBody(schedule.Reminder{Session: s, Name: "acme office hours", JoinURL: "https://meet.example.org/acme",
		CalendarURL: "https://bot.example.org/calendar/acme.ics", Marker: marker}, 60)
	for _, want := range []string{
		"⏰ Starting in 1 hour: **acme office hours**, Thu 3 Dec 2026, 17:00–18:00 UTC.",
		"Join: [https://meet.example.org/acme](https://meet.example.org/acme).",
		"[Add the next sessions to your calendar](https://bot.example.org/calendar/acme.ics)",
	} {
		if !strings.Contains(body, want) {
			t.Errorf("reminder lacks %q:\n%s", want, body)
		}
	}
	if strings.Contains(body, "@") || !strings.HasSuffix(strings.TrimSpace(body), marker) {
		t.Errorf("reminder mentions someone or lacks its marker:\n%s", body)
	}
	if got := schedule.ReminderBody(schedule.Reminder{Session: s, Name: "x"}, 45); !strings.Contains(got, "Starting in 45 minutes") {
		t.Errorf("45 minutes: %s", got)
	}
}
