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
	"github.com/mentorbot/mentorbot/app/repoconfig"
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
		if m.State == store.MentorshipWaiting || m.Mentor == "" || m.Kept() {
			continue // a kept mentor stays while away ("/mentor keep")
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
		"Nothing changes for your work: keep going, and ask whenever you like. "+
		"If you would rather wait for %s, comment `/mentor keep`.",
		textsafe.Mention(mentee), textsafe.Mention(next), textsafe.Code(previous), textsafe.Code(previous))
}

// keep answers "/mentor keep" from the mentee: their mentor stays while
// away, neither handed over nor nudged (FollowUpAway). Said after an away
// handover, it brings back the mentor they were handed over from, who is
// still away; the fellow mentor who stood in is released.
func (s *Service) keep(ctx context.Context, gh GitHub, cfg *repoconfig.Config, it program.Item, m store.Mentorship, has bool, actor, decision string) (string, error) {
	if !has || m.Mentor == "" {
		return noMentorReply(actor, "keep"), nil
	}
	loads, err := s.Store.MentorLoads(ctx, it.Repo.Owner)
	if err != nil {
		return "", err
	}
	now := s.now()
	cands := candidates(cfg, loads)
	kept := m.Mentor
	if prev := m.PreviousMentor; prev != "" && !mentorAway(cands, m.Mentor, now) && mentorAway(cands, prev, now) {
		// Handed over because the mentor went away: the mentee would rather wait.
		back := func(_ map[string]store.MentorLoad, current string) string {
			if strings.EqualFold(current, m.Mentor) {
				return prev
			}
			return ""
		}
		plan := func(before, after store.Mentorship) []store.Effect {
			review := cfg.Assignment.RequestReview
			return newEffects(it).disengage(it, review, before.Mentor).engage(it, review, after.Mentor).list
		}
		_, after, changed, err := s.Store.Reassign(ctx, it.Repo.FullName(), it.Number, "kept by the mentee", decision, back, plan)
		if err != nil && !errors.Is(err, store.ErrDecided) {
			return "", err
		}
		if changed {
			kept = after.Mentor
		}
		if err := s.applyEffects(ctx, gh, it.Repo.FullName(), it.Number); err != nil {
			return "", err
		}
	}
	if _, err := s.Store.KeepMentor(ctx, it.Repo.FullName(), it.Number, kept); err != nil {
		return "", err
	}
	zerolog.Ctx(ctx).Info().Str("mentor", kept).Msg("The mentee keeps their mentor")
	return keepReply(m.Mentee, kept, mentorAway(cands, kept, now)), nil
}

// keepReply answers the mentee who keeps their mentor.
func keepReply(mentee, mentor string, away bool) string {
	if away {
		return fmt.Sprintf("Noted, %s: %s stays your mentor. They are away for a while, so the next reply may take longer; "+
			"`/mentor reassign` finds you another mentor whenever you like.", textsafe.Mention(mentee), textsafe.Code(mentor))
	}
	return fmt.Sprintf("Noted, %s: %s stays your mentor, even if they are away for a while.", textsafe.Mention(mentee), textsafe.Code(mentor))
}

// mentorAway tells whether login is away now (by command, date or
// GitHub's Busy status); someone not on the roster is not.
func mentorAway(cands []selection.Candidate, login string, now time.Time) bool {
	for _, c := range cands {
		if strings.EqualFold(c.Login, login) {
			return c.Away || c.AwayUntil.After(now)
		}
	}
	return false
}
