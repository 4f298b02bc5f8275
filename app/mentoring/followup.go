package mentoring

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/rs/zerolog"

	"github.com/mentorbot/mentorbot/app/mentoring/newcomer"
	"github.com/mentorbot/mentorbot/app/mentoring/selection"
	"github.com/mentorbot/mentorbot/app/program"
	"github.com/mentorbot/mentorbot/app/store"
	"github.com/mentorbot/mentorbot/app/textsafe"
)

// FollowUps nudges mentors who have not answered within the configured
// hours and hands the newcomer to another mentor after twice that; then it
// serves every owner's waiting list (mentors whose away date passed are
// free again). It is safe to run at any time and more than once.
func (s *Service) FollowUps(ctx context.Context) error {
	open, err := s.Store.OpenMentorships(ctx)
	if err != nil {
		return err
	}
	owners := map[string]bool{}
	repos := map[string]resolved{} // one client and configuration per repository and run
	var errs []error
	for _, m := range open {
		if m.State == store.MentorshipWaiting {
			owners[m.Owner] = true
			continue
		}
		if !m.FirstResponseAt.IsZero() {
			continue // the mentor has answered: nothing to follow up, no GitHub call
		}
		if err := s.followUp(ctx, m, repos); err != nil {
			errs = append(errs, fmt.Errorf("%s#%d: %w", m.Repo, m.Number, err))
		}
	}
	for owner := range owners {
		if err := s.ServeWaiting(ctx, owner); err != nil {
			errs = append(errs, fmt.Errorf("waiting list of %s: %w", owner, err))
		}
	}
	return errors.Join(errs...)
}

func (s *Service) followUp(ctx context.Context, m store.Mentorship, repos map[string]resolved) error {
	r, ok := repos[m.Repo]
	if !ok {
		var err error
		if r, err = s.resolve(ctx, m); err != nil {
			return err
		}
		repos[m.Repo] = r
	}
	if r.cfg == nil {
		return nil
	}
	now := s.now()
	action := newcomer.FollowUp(newcomer.FollowUpInput{
		AssignedAt: m.AssignedAt, FirstResponseAt: m.FirstResponseAt, NudgedAt: m.NudgedAt, Now: now,
		Hours: r.cfg.Assignment.FirstResponseHours,
	})
	it := itemOf(m)
	logger := zerolog.Ctx(ctx).With().Str("repository", m.Repo).Int("number", m.Number).Str("mentor", m.Mentor).Logger()
	switch action {
	case newcomer.Nudge:
		body := fmt.Sprintf("Friendly reminder, %s: %s has been waiting about %d hours for a first reply from their mentor. "+
			"A short hello helps a lot. If you cannot take this one, comment `/mentor reassign`.",
			textsafe.Mention(m.Mentor), textsafe.Code(m.Mentee), r.cfg.Assignment.FirstResponseHours)
		if err := s.postOnce(ctx, r.gh, it.Repo, it.Number, fmt.Sprintf("nudge:%s:%s", itemKey(it), strings.ToLower(m.Mentor)), body); err != nil {
			return err
		}
		logger.Info().Msg("Nudged mentor")
		return s.Store.MarkNudged(ctx, m.Repo, m.Number, now)
	case newcomer.Reassign:
		logger.Info().Msg("No reply from mentor; handing over")
		changed, err := s.handOver(ctx, r, it, "no response within twice first_response_hours", false)
		if err == nil && !changed {
			logger.Info().Msg("No other mentor is free; the mentorship stays")
		}
		return err
	}
	return nil
}

// handOver moves a mentorship to the next mentor in rotation and says so;
// asked tells whether someone asked for it (or the bot decided). It
// reports false, and changes nothing, when no other mentor is free.
func (s *Service) handOver(ctx context.Context, r resolved, it program.Item, reason string, asked bool) (bool, error) {
	var decision selection.Decision
	req := selection.Request{Author: it.Author, Now: s.now()}
	before, after, changed, err := s.Store.Reassign(ctx, it.Repo.FullName(), it.Number, reason, excluding(r.cfg, req, &decision))
	if err != nil || !changed {
		return false, err
	}
	why := "the previous mentor has not replied yet"
	if asked {
		why = "it was asked for"
	}
	body := fmt.Sprintf("%s, %s is your mentor from now on (%s). Thank you, `%s`, for your time.\n\n%s",
		textsafe.Mention(it.Author), textsafe.Mention(after.Mentor), why, before.Mentor, decision.Explain(textsafe.Mention))
	if err := s.postOnce(ctx, r.gh, it.Repo, it.Number, fmt.Sprintf("handover:%s:%s", itemKey(it), strings.ToLower(after.Mentor)), body); err != nil {
		return true, err
	}
	if it.Kind == program.KindPullRequest && before.Mentor != "" {
		if err := r.gh.RemoveAssignees(ctx, it.Repo, it.Number, []string{before.Mentor}); err != nil {
			return true, fmt.Errorf("unassign previous mentor: %w", err)
		}
		if r.cfg.Assignment.RequestReview {
			if err := r.gh.RemoveReviewers(ctx, it.Repo, it.Number, []string{before.Mentor}); err != nil {
				return true, fmt.Errorf("remove review request: %w", err)
			}
		}
	}
	return true, s.engage(ctx, r.gh, r.cfg, it, after.Mentor)
}
