package gatherings

import (
	"context"
	"errors"
	"time"

	"github.com/rs/zerolog"

	"github.com/mentorbot/mentorbot/app/gatherings/schedule"
	"github.com/mentorbot/mentorbot/app/store"
)

const minute = time.Minute

// remind writes the one reminder comment on a session's announcement. A
// session that was not announced gets none: there is nothing to comment on,
// and a reminder is no place for the announcement's details.
func (s *Service) remind(ctx context.Context, gh GitHub, p Program, st site, a schedule.Action) error {
	target := p.StoreTarget()
	ann, err := s.Store.GetHoursPost(ctx, target, a.Session.Key, store.HoursAnnouncement)
	switch {
	case errors.Is(err, store.ErrNotFound) || err == nil && ann.State != store.HoursPosted:
		zerolog.Ctx(ctx).Debug().Str("session", a.Session.Key).Msg("No reminder for a session that was not announced")
		return nil
	case err != nil:
		return err
	}
	claimed, ok, err := s.claim(ctx, p, store.HoursReminder, a.Session)
	if err != nil || !ok {
		return err
	}
	mark := marker(store.HoursReminder, target, a.Session.Key)
	r := schedule.Reminder{Session: a.Session, Name: seriesName(p), JoinURL: p.Config.OfficeHours.JoinURL, Marker: mark}
	if s.CalendarURL != nil && p.Public {
		r.CalendarURL = s.CalendarURL(p.Repo.Owner)
	}
	lead := int(a.Session.Start.Sub(s.now()).Round(minute) / minute)
	post, err := s.write(ctx, gh, st, claimed, placement{discussion: &ann}, "", schedule.ReminderBody(r, lead), mark)
	if err != nil {
		return err
	}
	zerolog.Ctx(ctx).Info().Str("session", a.Session.Key).Str("url", post.URL).Msg("Reminded people of a session")
	return nil
}
