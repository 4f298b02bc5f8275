package mentoring

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/rs/zerolog"

	"github.com/mentorbot/mentorbot/app/mentoring/selection"
	"github.com/mentorbot/mentorbot/app/program"
	"github.com/mentorbot/mentorbot/app/store"
	"github.com/mentorbot/mentorbot/app/textsafe"
)

// HandOverFromAway hands every active mentee of a mentor who is away now
// (by "/mentor away", an away date or GitHub's "Busy" status) to a fellow
// mentor at once, through the same rotation, with a short note that blames
// nobody. A mentee whose mentor nobody can replace keeps them. It is safe
// to run at any time and more than once.
func (s *Service) HandOverFromAway(ctx context.Context) error {
	open, err := s.Store.OpenMentorships(ctx)
	if err != nil {
		return err
	}
	dues, err := s.Store.DueTimes(ctx, store.DueAwayCheck)
	if err != nil {
		return err
	}
	now := s.now()
	repos := map[string]resolved{}
	checked := map[string]bool{}
	var errs []error
	for _, m := range open {
		if m.State == store.MentorshipWaiting || m.Mentor == "" {
			continue
		}
		if d, ok := dues[m.Repo]; ok && now.Before(d.At) {
			continue // checked lately; a push or an away command makes it due at once
		}
		checked[m.Repo] = true
		r, ok := repos[m.Repo]
		if !ok {
			if r, err = s.resolve(ctx, m); err != nil {
				errs = append(errs, fmt.Errorf("%s#%d: %w", m.Repo, m.Number, err))
				continue
			}
			repos[m.Repo] = r
		}
		if r.cfg == nil {
			continue
		}
		if err := s.handOverAway(ctx, r, itemOf(m), occurrence("away-handover", m)); err != nil {
			errs = append(errs, fmt.Errorf("%s#%d: %w", m.Repo, m.Number, err))
		}
	}
	for repo := range checked {
		d := store.Due{Job: store.DueAwayCheck, Item: repo, Repo: repo, At: now.Add(awayCheck)}
		errs = append(errs, s.Store.SetDue(ctx, d))
	}
	return errors.Join(errs...)
}

// awayCheck is how often a repository's mentors' availability (away
// dates, GitHub's Busy status, which is cached as long) is checked for
// handovers; a mentor's own "/mentor away" hands over at once.
const awayCheck = 10 * time.Minute

// handOverAway moves one mentorship on when its mentor is away, deciding
// inside the store's transaction so that a mentor who just came back keeps
// their mentee; the handover's effects are stored with it under key (the
// pairing it ends) and applied as in handOver.
func (s *Service) handOverAway(ctx context.Context, r resolved, it program.Item, key string) error {
	var decision selection.Decision
	now := s.now()
	req := selection.Request{Author: it.Author, Now: now}
	choose := func(loads map[string]store.MentorLoad, current string) string {
		cands := candidates(r.cfg, loads)
		away := false
		for _, c := range cands {
			if strings.EqualFold(c.Login, current) {
				away = c.Away || c.AwayUntil.After(now)
			}
		}
		if !away {
			return ""
		}
		q := req
		q.Exclude = []string{current}
		decision = selection.Select(cands, q)
		return decision.Mentor
	}
	plan := func(before, after store.Mentorship) []store.Effect {
		body := awayHandoverNote(it.Author, before.Mentor, after.Mentor) + "\n\n" + decision.Explain(textsafe.Mention)
		review := r.cfg.Assignment.RequestReview
		return newEffects(it).
			add(effectComment, fmt.Sprintf("away-handover:%s:%s", itemKey(it), strings.ToLower(after.Mentor)), body).
			disengage(it, review, before.Mentor).
			engage(it, review, after.Mentor).list
	}
	before, after, changed, err := s.Store.Reassign(ctx, it.Repo.FullName(), it.Number, "mentor away", key, choose, plan)
	if errors.Is(err, store.ErrDecided) {
		return s.applyEffects(ctx, r.gh, it.Repo.FullName(), it.Number)
	}
	if err != nil || !changed {
		return err
	}
	zerolog.Ctx(ctx).Info().Str("repository", it.Repo.FullName()).Int("number", it.Number).
		Str("from", before.Mentor).Str("to", after.Mentor).Msg("Handed a mentee over from an away mentor")
	return s.applyEffects(ctx, r.gh, it.Repo.FullName(), it.Number)
}

// awayHandoverNote answers the mentee: who mentors them now, in a warm
// line that gives no reason, no date and no blame.
func awayHandoverNote(mentee, previous, next string) string {
	return fmt.Sprintf("%s, %s is your mentor from here on and will say hello soon; %s is away for a while. "+
		"Nothing changes for your work: keep going, and ask whenever you like.",
		textsafe.Mention(mentee), textsafe.Mention(next), textsafe.Code(previous))
}
