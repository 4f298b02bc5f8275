package mentoring

import (
	"context"
	"strings"
	"time"

	"github.com/rs/zerolog"

	"github.com/mentorbot/mentorbot/app/mentoring/newcomer"
	"github.com/mentorbot/mentorbot/app/program"
)

// Responded records a comment or review on an item by someone: the first
// reply by anyone but the author (bots excluded) for the time-to-first-
// response figure, and the mentor's first reply for follow-ups.
func (s *Service) Responded(ctx context.Context, it program.Item, login, userType string, at time.Time) error {
	if err := s.MenteeActive(ctx, it, login, userType, at); err != nil {
		return err
	}
	if strings.EqualFold(login, it.Author) || newcomer.IsBot(login, userType) {
		return nil
	}
	first, err := s.Store.RecordFirstResponse(ctx, it.Repo.FullName(), it.Number, login, at)
	if err != nil {
		return err
	}
	mentorFirst, err := s.Store.RecordMentorResponse(ctx, it.Repo.FullName(), it.Number, login, at)
	if err != nil {
		return err
	}
	if first || mentorFirst {
		zerolog.Ctx(ctx).Debug().Bool("first_response", first).Bool("mentor_response", mentorFirst).Msg("Recorded a response")
	}
	return nil
}
