package app

import (
	"net/http"
	"regexp"
	"strings"
	"time"

	ics "github.com/arran4/golang-ical"
	"github.com/rs/zerolog"

	"github.com/mentorbot/mentorbot/app/gatherings"
)

// ownerName is a GitHub user or organization login.
var ownerName = regexp.MustCompile(`^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})$`)

// calendar serves GET /calendar/{owner}.ics: the owner's upcoming sessions
// of public repositories' programs, as an RFC 5545 calendar. It reads the
// programs as the scheduled job last found them and calls no GitHub API
// (but once, on a service whose first job has not run yet), so fetching it
// costs no rate limit. An owner with no such program is a 404,
// the same answer as for an owner the app has never seen.
func (a *App) calendar(w http.ResponseWriter, r *http.Request) {
	owner, ok := strings.CutSuffix(r.PathValue("file"), ".ics")
	if !ok || !ownerName.MatchString(owner) {
		http.NotFound(w, r)
		return
	}
	known, err := a.programs.known(r.Context())
	if err != nil {
		// What was found still counts; the rest waits for the next job.
		zerolog.Ctx(r.Context()).Warn().Err(err).Msg("Could not read every program for a calendar")
	}
	var programs []gatherings.Program
	for _, p := range known {
		if p.Public && p.Config != nil && strings.EqualFold(p.Repo.Owner, owner) {
			programs = append(programs, p)
		}
	}
	if len(programs) == 0 {
		http.NotFound(w, r)
		return
	}
	events, err := gatherings.CalendarEvents(r.Context(), a.db, programs, a.now())
	if err != nil {
		zerolog.Ctx(r.Context()).Error().Err(err).Str("owner", owner).Msg("Could not build a calendar")
		http.Error(w, "store unavailable", http.StatusServiceUnavailable)
		return
	}
	w.Header().Set("Content-Type", "text/calendar; charset=utf-8")
	w.Header().Set("Cache-Control", "public, max-age=900")
	_ = calendarFile(programs[0].Repo.Owner, events, a.now()).SerializeTo(w)
}

// calendarFile renders the events: start and end in UTC, the join link as
// the location, the announcement (or else the join link) as the URL.
func calendarFile(owner string, events []gatherings.CalendarEvent, now time.Time) *ics.Calendar {
	cal := ics.NewCalendarFor("mentorbot")
	cal.SetMethod(ics.MethodPublish)
	cal.SetName(owner + " gatherings")
	cal.SetXWRCalName(owner + " gatherings")
	cal.SetRefreshInterval("PT6H")
	for _, ev := range events {
		e := cal.AddEvent(ev.UID)
		e.SetDtStampTime(now.Truncate(time.Second))
		e.SetStartAt(ev.Start)
		e.SetEndAt(ev.End)
		e.SetSummary(ev.Summary)
		e.SetSequence(ev.Sequence)
		e.SetDescription(ev.Description)
		if ev.Cancelled {
			e.SetStatus(ics.ObjectStatusCancelled)
		} else {
			e.SetStatus(ics.ObjectStatusConfirmed)
		}
		if ev.JoinURL != "" {
			e.SetLocation(ev.JoinURL)
		}
		switch {
		case ev.AnnouncementURL != "":
			e.SetURL(ev.AnnouncementURL)
		case ev.JoinURL != "":
			e.SetURL(ev.JoinURL)
		}
	}
	return cal
}
