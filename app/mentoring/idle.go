package mentoring

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/rs/zerolog"

	"github.com/mentorbot/mentorbot/app/mentoring/newcomer"
	"github.com/mentorbot/mentorbot/app/program"
	"github.com/mentorbot/mentorbot/app/store"
	"github.com/mentorbot/mentorbot/app/textsafe"
)

// minIdleDays is the smallest assignment.idle_days that ends anything: a
// mentorship first seen by EndIdle is looked at again after it, without
// reading its configuration, since no mentorship can be idle sooner.
const minIdleDays = 1

// MenteeActive records that login did something in it's repository owner's
// program at the time given (a comment, a push, a new pull request or
// issue): their active mentorships there are not idle.
func (s *Service) MenteeActive(ctx context.Context, it program.Item, login, userType string, at time.Time) error {
	if login == "" || newcomer.IsBot(login, userType) {
		return nil
	}
	if at.IsZero() {
		at = s.now()
	}
	_, err := s.Store.RecordMenteeActivity(ctx, it.Repo.Owner, login, at)
	return err
}

// EndIdle ends each active mentorship whose newcomer has shown no activity
// for assignment.idle_days since the later of the pairing and their last
// activity, frees the mentor's place for the next newcomer in line, and
// says so once on the item, kindly. Each mentorship keeps its next due
// time in the store, and only what is due reads a configuration: a minute
// with nothing due costs no GitHub request. It is safe to run at any time
// and more than once.
func (s *Service) EndIdle(ctx context.Context) error {
	open, err := s.Store.OpenMentorships(ctx)
	if err != nil {
		return err
	}
	active := func(m store.Mentorship) bool { return m.State == store.MentorshipActive && m.Mentor != "" }
	// First seen: nothing can be idle before the smallest idle_days.
	first := func(m store.Mentorship) time.Time { return idleSince(m).Add(minIdleDays * 24 * time.Hour) }
	return s.runDue(ctx, store.DueIdle, open, active, first, func(ctx context.Context, m store.Mentorship, repos map[string]resolved) (time.Time, error) {
		return s.endIfIdle(ctx, m, idleSince(m), repos)
	})
}

// idleSince is when the newcomer was last seen in the mentorship: their
// latest activity, or the pairing when later.
func idleSince(m store.Mentorship) time.Time {
	if m.MenteeActiveAt.After(m.AssignedAt) {
		return m.MenteeActiveAt
	}
	return m.AssignedAt
}

// endIfIdle ends the mentorship if it has been idle for idle_days and
// returns when to look again (zero: it ended).
func (s *Service) endIfIdle(ctx context.Context, m store.Mentorship, since time.Time, repos map[string]resolved) (time.Time, error) {
	r, ok := repos[m.Repo]
	if !ok {
		var err error
		if r, err = s.resolve(ctx, m); err != nil {
			return time.Time{}, err
		}
		repos[m.Repo] = r
	}
	now := s.now()
	if r.cfg == nil || r.cfg.Assignment.IdleDays <= 0 {
		return now.Add(followUpRecheck), nil
	}
	days := r.cfg.Assignment.IdleDays
	if due := since.Add(time.Duration(days) * 24 * time.Hour); now.Before(due) {
		return due, nil
	}
	decision := occurrence("idle", m)
	plan := func(before, _ store.Mentorship) []store.Effect {
		it := itemOf(before)
		return newEffects(it).
			add(effectComment, "idle:"+itemKey(it), idleNote(before.Mentee, days)).
			disengage(it, r.cfg.Assignment.RequestReview, before.Mentor).list
	}
	ended, ok, err := s.Store.EndMentorshipPlanned(ctx, m.Repo, m.Number, "idle", decision, plan)
	if err != nil && !errors.Is(err, store.ErrDecided) {
		return time.Time{}, err
	}
	if ok {
		zerolog.Ctx(ctx).Info().Str("repository", m.Repo).Int("number", m.Number).Str("mentor", ended.Mentor).
			Int("idle_days", days).Msg("Ended an idle mentorship")
	}
	if err := s.applyEffects(ctx, r.gh, m.Repo, m.Number); err != nil {
		return time.Time{}, err
	}
	return time.Time{}, s.ServeWaiting(ctx, itemOf(m).Repo.Owner)
}

// idleNote tells the newcomer, and only them, that the pairing ended for
// now, without blame, and how to have a mentor again.
func idleNote(mentee string, days int) string {
	return fmt.Sprintf("Hi %s, it has been quiet here for %d days, so I have ended the mentor pairing for now "+
		"and your mentor is free to help another newcomer. No rush, and nothing is lost: "+
		"whenever you want to pick this up again, comment `/mentor` and a mentor will join you.",
		textsafe.Mention(mentee), days)
}
