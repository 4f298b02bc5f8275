package app

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	goical "github.com/emersion/go-ical"
	"github.com/rs/zerolog"

	"github.com/mentorbot/mentorbot/app/gatherings/schedule"
	"github.com/mentorbot/mentorbot/app/ghemu"
)

// calendarMentorship adds a monthly mentorship circle on the last Tuesday,
// with its next date skipped, and a join link for office hours.
func calendarMentorship(skip string) string {
	return officeHoursMentorship + `  join_url: https://meet.example.org/octo
gatherings:
  - kind: mentorship_circle
    title: "Octo mentorship circle"
    cadence: monthly
    weekday: tuesday
    week_of_month: -1
    times: ["16:00"]
    join_url: https://meet.example.org/octo-circle
    skip: [` + skip + `]
`
}

// calendarApp is a service with the clock at now whose program cache is
// filled by one scheduled run, as a running service's is a minute after it
// starts.
func calendarApp(t *testing.T, w *world, now time.Time) http.Handler {
	t.Helper()
	a, err := New(context.Background(), w.cfg, zerolog.Nop(), WithClock(func() time.Time { return now }))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(a.Close)
	if err := a.RunSchedule(context.Background()); err != nil {
		t.Fatal(err)
	}
	w.settle()
	return a.Handler()
}

func fetchCalendar(t *testing.T, h http.Handler, path string) (*goical.Calendar, []byte, int) {
	t.Helper()
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, path, nil))
	body, _ := io.ReadAll(rec.Result().Body)
	if rec.Code != http.StatusOK {
		return nil, body, rec.Code
	}
	if ct := rec.Header().Get("Content-Type"); !strings.HasPrefix(ct, "text/calendar") {
		t.Errorf("Content-Type %q", ct)
	}
	cal, err := goical.NewDecoder(bytes.NewReader(body)).Decode()
	if err != nil {
		t.Fatalf("an independent parser rejects the calendar: %v\n%s", err, body)
	}
	return cal, body, rec.Code
}

type calEvent struct {
	uid, summary, status, url, location, sequence string
	start, end                                    time.Time
}

func calEvents(t *testing.T, cal *goical.Calendar) []calEvent {
	t.Helper()
	var out []calEvent
	for _, e := range cal.Events() {
		get := func(name string) string {
			if p := e.Props.Get(name); p != nil {
				return p.Value
			}
			return ""
		}
		start, err := e.DateTimeStart(time.UTC)
		if err != nil {
			t.Fatal(err)
		}
		end, err := e.DateTimeEnd(time.UTC)
		if err != nil {
			t.Fatal(err)
		}
		if !strings.HasSuffix(get(goical.PropDateTimeStart), "Z") || !strings.HasSuffix(get(goical.PropDateTimeEnd), "Z") {
			t.Errorf("start and end are not UTC: %s, %s", get(goical.PropDateTimeStart), get(goical.PropDateTimeEnd))
		}
		out = append(out, calEvent{uid: get(goical.PropUID), summary: get(goical.PropSummary), status: get(goical.PropStatus),
			url: get(goical.PropURL), location: get(goical.PropLocation), sequence: get(goical.PropSequence), start: start, end: end})
	}
	return out
}

func TestCalendarOfPublicGatherings(t *testing.T) {
	now := time.Now().UTC()
	circle := schedule.Plan{Cadence: schedule.Monthly, Weekday: time.Tuesday, Times: []string{"16:00"}, Duration: time.Hour, WeekOfMonth: -1}
	skipped := circle.Sessions(now, 1)[0]
	w := newWorld(t, calendarMentorship(skipped.Start.Format(time.DateOnly)))
	w.emu.AddRepo(org, communityRepo, ghemu.RepoOptions{})
	w.emu.AddInstallation(installationID, org, repoName, communityRepo)
	w.emu.SetDiscussions(org, communityRepo, true)
	w.emu.AddDiscussionCategory(org, communityRepo, "Office Hours")
	w.cfg.Server.PublicURL = "https://bot.example.org"

	h := calendarApp(t, w, now)
	cal, first, _ := fetchCalendar(t, h, "/calendar/"+org+".ics")
	events := calEvents(t, cal)

	var hours, circles []calEvent
	for _, e := range events {
		if !e.start.After(now.Add(-2*time.Hour)) || e.start.After(now.AddDate(0, 0, 91)) {
			t.Errorf("event %s at %s is outside the next 90 days", e.uid, e.start)
		}
		switch e.summary {
		case org + " office hours":
			hours = append(hours, e)
			if e.location != "https://meet.example.org/octo" || e.end.Sub(e.start) != time.Hour {
				t.Errorf("office hours event %+v", e)
			}
		case "Octo mentorship circle":
			circles = append(circles, e)
		default:
			t.Errorf("unexpected event %+v", e)
		}
	}
	// Weekly office hours: 12 or 13 in 90 days; the circle: 3, the first cancelled.
	if len(hours) < 12 || len(hours) > 13 || len(circles) != 3 {
		t.Fatalf("%d office hours and %d circles in 90 days", len(hours), len(circles))
	}
	if c := circles[0]; c.status != "CANCELLED" || !c.start.Equal(skipped.Start) {
		t.Errorf("the skipped circle %+v, want CANCELLED at %s", c, skipped.Start)
	}
	if c := circles[1]; c.status != "CONFIRMED" || c.location != "https://meet.example.org/octo-circle" {
		t.Errorf("next circle %+v", c)
	}

	// A second fetch, and one from a service started afresh, give the same UIDs.
	cal2, _, _ := fetchCalendar(t, h, "/calendar/"+strings.ToUpper(org)+".ics")
	again := calEvents(t, cal2)
	restarted := calEvents(t, must(fetchCalendar(t, calendarApp(t, w, now.Add(time.Minute)), "/calendar/"+org+".ics")))
	uids := func(es []calEvent) []string {
		var out []string
		for _, e := range es {
			out = append(out, e.uid+" "+e.sequence)
		}
		return out
	}
	if !slices.Equal(uids(events), uids(again)) || !slices.Equal(uids(events), uids(restarted)) {
		t.Errorf("UIDs or sequences changed between fetches:\n%v\n%v\n%v", uids(events), uids(again), uids(restarted))
	}
	if len(slices.Compact(slices.Sorted(slices.Values(uids(events))))) != len(events) {
		t.Error("two events share a UID")
	}

	// Once the next office hours are announced, the event links the
	// announcement and its SEQUENCE goes up.
	next := hours[0]
	w.scheduleAt(next.start.Add(-72 * time.Hour))
	anns := w.inCategory("Office Hours")
	if len(anns) != 1 {
		t.Fatalf("%d announcements", len(anns))
	}
	for _, want := range []string{
		"- **Join:** [https://meet.example.org/octo](https://meet.example.org/octo)",
		"[Add every session to your calendar](https://bot.example.org/calendar/octo-org.ics)",
	} {
		if !strings.Contains(anns[0].Body, want) {
			t.Errorf("announcement lacks %q:\n%s", want, anns[0].Body)
		}
	}
	post, err := w.db.GetHoursPost(context.Background(), org+"/"+communityRepo, next.start.Format(schedule.KeyLayout), "announcement")
	if err != nil || !strings.HasSuffix(post.URL, "/discussions/"+strconv.Itoa(anns[0].Number)) {
		t.Fatalf("stored announcement %+v, %v", post, err)
	}
	after := calEvents(t, must(fetchCalendar(t, h, "/calendar/"+org+".ics")))
	i := slices.IndexFunc(after, func(e calEvent) bool { return e.uid == next.uid })
	if i < 0 || after[i].url != post.URL || after[i].sequence != "1" || next.sequence != "0" {
		t.Errorf("after the announcement: %+v (before: %+v), announcement %s", after[i], next, post.URL)
	}
	t.Logf("first fetch:\n%s", first)

	// The running service, whose job has not run yet, scans once and serves it too.
	if _, body, code := fetchCalendar(t, w.app.app.Handler(), "/calendar/"+org+".ics"); code != http.StatusOK || !bytes.Contains(body, []byte(next.uid)) {
		t.Errorf("running service: %d\n%s", code, body)
	}
}

func must(cal *goical.Calendar, _ []byte, code int) *goical.Calendar {
	if cal == nil {
		panic("calendar fetch failed with " + http.StatusText(code))
	}
	return cal
}

func TestCalendarHidesPrivateAndUnknownOwners(t *testing.T) {
	w := newWorld(t, calendarMentorship("2020-01-07"))
	w.emu.AddRepo(org, communityRepo, ghemu.RepoOptions{Private: true})
	w.emu.AddInstallation(installationID, org, repoName, communityRepo)
	w.emu.SetDiscussions(org, communityRepo, true)
	w.emu.AddDiscussionCategory(org, communityRepo, "Office Hours")
	h := calendarApp(t, w, time.Now())
	for _, path := range []string{"/calendar/" + org + ".ics", "/calendar/nobody.ics", "/calendar/" + org, "/calendar/..ics", "/calendar/a%2Fb.ics"} {
		if _, body, code := fetchCalendar(t, h, path); code != http.StatusNotFound {
			t.Errorf("GET %s: %d, want 404\n%s", path, code, body)
		}
	}
}
