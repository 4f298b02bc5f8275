package demo

import (
	"context"
	"fmt"
	"html"
	"io"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/mentorbot/mentorbot/app/figures"
	"github.com/mentorbot/mentorbot/app/gatherings/schedule"
	"github.com/mentorbot/mentorbot/app/ghemu"
)

// The story runs on one clock: what the dashboard shows afterwards is what
// the story did, as the story itself counted and timed it.
func TestDashboardAgreesWithTheStory(t *testing.T) {
	dir := t.TempDir()
	var facts Facts
	var emu *ghemu.Emulator
	var out strings.Builder
	var page string // the dashboard as the running service serves it to anyone
	if err := Run(context.Background(), Options{NoWait: true, Out: &out, Dir: dir, Facts: &facts,
		inspect: func(e *ghemu.Emulator, service http.Handler) {
			emu = e
			rec := httptest.NewRecorder()
			service.ServeHTTP(rec, httptest.NewRequest("GET", "/", nil))
			body, _ := io.ReadAll(rec.Result().Body)
			page = html.UnescapeString(string(body))
		}}); err != nil {
		t.Fatalf("demo: %v\n%s", err, out.String())
	}

	// The story's own facts: four newcomers who waited an hour (ada) and
	// about four days (the others) for a first reply.
	if len(facts.Newcomers) != 4 || len(facts.FirstResponses) != 4 {
		t.Fatalf("story facts: %d newcomers, %d answered; want 4 and 4", len(facts.Newcomers), len(facts.FirstResponses))
	}
	if w := facts.FirstResponses["ada-lovelace"]; w < 55*time.Minute || w > 65*time.Minute {
		t.Errorf("ada waited %v by the story's clock, want an hour", w)
	}
	if med := facts.MedianResponse(); med < 4*24*time.Hour || med > 5*24*time.Hour {
		t.Errorf("median first response %v by the story's clock, want about four days", med)
	}
	if facts.Announced != 3 || facts.Recapped != 3 || facts.RSVPs != 7 {
		t.Errorf("story facts: %d announced, %d recapped, %d RSVPs; want 3, 3, 7", facts.Announced, facts.Recapped, facts.RSVPs)
	}
	if !facts.End.Before(time.Now()) || time.Since(facts.Start) > 28*24*time.Hour {
		t.Errorf("the story ran from %v to %v: not within the dashboard's last 30 days", facts.Start, facts.End)
	}

	// The dashboard, as the service serves it to an anonymous visitor.
	for _, want := range []string{
		fmt.Sprintf(`data-figure="newcomers">%d<`, len(facts.Newcomers)),
		fmt.Sprintf(`data-figure="response">%s<`, figures.FormatDuration(facts.MedianResponse())),
		fmt.Sprintf(`%d of %d answered`, len(facts.FirstResponses), len(facts.Newcomers)),
		fmt.Sprintf(`<span>sessions announced</span><strong>%d</strong>`, facts.Announced),
		fmt.Sprintf(`<span>recaps published</span><strong>%d</strong>`, facts.Recapped),
		fmt.Sprintf(`<span>RSVPs</span><strong>%d</strong>`, facts.RSVPs),
	} {
		if !strings.Contains(page, want) {
			t.Errorf("the dashboard lacks %q, which the story did", want)
		}
	}

	// In the emulator: office hours, a social and a mentorship circle,
	// each announced once with its join link and recapped once.
	byTitle := map[string]int{}
	for _, d := range emu.Discussions(Org, CommunityRep) {
		if d.Author != emu.BotLogin() {
			continue
		}
		for _, series := range []struct{ name, url string }{
			{"lumen-org office hours", officeHoursURL}, {"Lumen social", socialURL}, {"Lumen mentorship circle", circleURL},
		} {
			switch {
			case strings.HasPrefix(d.Title, series.name+" recap — "):
				byTitle[series.name+" recap"]++
			case strings.HasPrefix(d.Title, series.name+" — "):
				byTitle[series.name]++
				if !strings.Contains(d.Body, series.url) {
					t.Errorf("announcement %q has no join link %s:\n%s", d.Title, series.url, d.Body)
				}
			}
		}
	}
	for _, k := range []string{"lumen-org office hours", "Lumen social", "Lumen mentorship circle"} {
		if byTitle[k] != 1 || byTitle[k+" recap"] != 1 {
			t.Errorf("%s: %d announcements and %d recaps in the emulator, want 1 and 1", k, byTitle[k], byTitle[k+" recap"])
		}
	}
	for _, want := range []string{"join: " + socialURL, "join: " + circleURL, "a mentorship circle and a social"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("the narrator does not say %q:\n%s", want, out.String())
		}
	}
}

// planStory places the story before now and so that each scheduled run
// finds due only what the story says, whatever the day it is played.
func TestPlanStoryFitsAnyDay(t *testing.T) {
	base := time.Date(2026, time.January, 1, 0, 0, 0, 0, time.UTC)
	for h := 0; h < 24*7*6; h += 5 {
		now := base.Add(time.Duration(h) * time.Hour)
		tl, err := planStory(now)
		if err != nil {
			t.Fatalf("%v: %v", now, err)
		}
		end := tl.social.End.Add(time.Hour)
		if !end.Before(now) || now.Sub(tl.start) > 28*24*time.Hour {
			t.Fatalf("%v: the story runs %v to %v", now, tl.start, end)
		}
		if tl.start.Add(98*time.Hour).After(tl.hours.Start.Add(-48*time.Hour)) ||
			!tl.circle.Start.Before(tl.hours.Start) || !tl.social.Start.After(tl.hours.End) {
			t.Fatalf("%v: steps out of order: %+v", now, tl)
		}
		clock := tl.hours.Start.Format("15:04")
		plans := []schedule.Plan{
			{Cadence: schedule.Weekly, Weekday: time.Thursday, Times: []string{"09:00", "17:00"}, Duration: time.Hour, AnnounceBefore: 48 * time.Hour, RemindBefore: time.Hour},
			{Cadence: schedule.Biweekly, Weekday: time.Friday, Times: []string{clock}, Duration: time.Hour, AnnounceBefore: 72 * time.Hour, RemindBefore: time.Hour},
			{Cadence: schedule.Monthly, Weekday: time.Wednesday, WeekOfMonth: tl.circleWeek, Times: []string{clock}, Duration: time.Hour, AnnounceBefore: 24 * time.Hour, RemindBefore: time.Hour},
		}
		// The scheduled runs before the announcement find nothing to
		// announce; the announcement's run finds the three sessions.
		for _, before := range []time.Duration{0, 45 * time.Minute, 50 * time.Hour, 98 * time.Hour} {
			for _, p := range plans {
				for _, a := range p.Due(tl.start.Add(before), 0) {
					if a.Kind != schedule.ActionRecap {
						t.Fatalf("%v: at start+%v, %s of %s is due already", now, before, a.Kind, a.Session.Key)
					}
				}
			}
		}
		var announced []string
		for _, p := range plans {
			for _, a := range p.Due(tl.hours.Start.Add(-48*time.Hour), 0) {
				if a.Kind == schedule.ActionAnnounce {
					announced = append(announced, a.Session.Key)
				}
			}
		}
		if want := []string{tl.hours.Key, tl.social.Key, tl.circle.Key}; !slices.Equal(announced, want) {
			t.Fatalf("%v: announced %v two days before office hours, want %v", now, announced, want)
		}
	}
}
