package mentoring

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/rs/zerolog"

	"github.com/mentorbot/mentorbot/app/mentoring/newcomer"
	"github.com/mentorbot/mentorbot/app/mentoring/selection"
	"github.com/mentorbot/mentorbot/app/program"
	"github.com/mentorbot/mentorbot/app/repoconfig"
	"github.com/mentorbot/mentorbot/app/store"
	"github.com/mentorbot/mentorbot/app/textsafe"
)

// The follow-up job's idea of "later", for what no rule makes due: a
// repository where the app or its follow-ups are off is read again after
// followUpRecheck, an owner's waiting list is served again after
// waitingRecheck (mentors back from away; the events that free a mentor
// serve it at once). A push that changes a mentorship.yml makes its
// repository's items due at once.
const (
	followUpRecheck = 24 * time.Hour
	waitingRecheck  = time.Hour
)

// FollowUps nudges mentors who have not answered within the configured
// hours and hands the newcomer to another mentor after twice that; then it
// serves every owner's waiting list (mentors whose away date passed are
// free again). Each mentorship and waiting list keeps its next due time in
// the store, and only what is due reads a configuration or GitHub: a
// minute with nothing due costs no GitHub request. It is safe to run at
// any time and more than once.
func (s *Service) FollowUps(ctx context.Context) error {
	open, err := s.Store.OpenMentorships(ctx)
	if err != nil {
		return err
	}
	owners := map[string]int64{} // owners with newcomers waiting, and their installation
	for _, m := range open {
		if m.State == store.MentorshipWaiting {
			owners[m.Owner] = m.InstallationID
		}
	}
	unanswered := func(m store.Mentorship) bool {
		// An answered mentorship has nothing to follow up: no GitHub call.
		return m.State == store.MentorshipActive && m.FirstResponseAt.IsZero()
	}
	err = s.runDue(ctx, store.DueFollowUp, open, unanswered, nil, s.followUp)
	return errors.Join(err, s.serveWaitingLists(ctx, owners))
}

// runDue runs step on each mentorship of open that job follows (follows)
// and whose due time has come, and keeps the due times in the store: step
// returns when the mentorship is due next (zero: never again, and its due
// time is forgotten). A mentorship the job has not seen yet is due at
// first(m) (now when first is nil); one whose due time a push zeroed reads
// its configuration anew; the due times of mentorships the job no longer
// follows (answered, ended) are forgotten. Steps share one client and
// configuration per repository and run.
func (s *Service) runDue(ctx context.Context, job string, open []store.Mentorship, follows func(store.Mentorship) bool,
	first func(store.Mentorship) time.Time, step func(context.Context, store.Mentorship, map[string]resolved) (time.Time, error)) error {
	dues, err := s.Store.DueTimes(ctx, job)
	if err != nil {
		return err
	}
	now := s.now()
	repos := map[string]resolved{}
	var errs []error
	for _, m := range open {
		if !follows(m) {
			continue
		}
		key := fmt.Sprintf("%s#%d", m.Repo, m.Number)
		d, known := dues[key]
		delete(dues, key)
		switch {
		case !known && first != nil:
			if at := first(m); now.Before(at) {
				errs = append(errs, s.Store.SetDue(ctx, store.Due{Job: job, Item: key, InstallationID: m.InstallationID, Repo: m.Repo, At: at}))
				continue
			}
		case known && now.Before(d.At):
			continue
		case known && d.At.IsZero(): // a push changed the configuration
			s.forgetConfig(m.Repo)
		}
		next, err := step(ctx, m, repos)
		switch {
		case err != nil:
			errs = append(errs, fmt.Errorf("%s#%d: %w", m.Repo, m.Number, err))
		case next.IsZero():
			errs = append(errs, s.Store.ForgetDue(ctx, job, key))
		default:
			errs = append(errs, s.Store.SetDue(ctx, store.Due{Job: job, Item: key, InstallationID: m.InstallationID, Repo: m.Repo, At: next}))
		}
	}
	for key := range dues { // no longer followed
		errs = append(errs, s.Store.ForgetDue(ctx, job, key))
	}
	return errors.Join(errs...)
}

// serveWaitingLists serves the owners' waiting lists that are due, and
// forgets the due times of owners with nobody waiting.
func (s *Service) serveWaitingLists(ctx context.Context, owners map[string]int64) error {
	dues, err := s.Store.DueTimes(ctx, store.DueWaitingList)
	if err != nil {
		return err
	}
	now := s.now()
	var errs []error
	for owner, installationID := range owners {
		d, known := dues[owner]
		delete(dues, owner)
		if known && now.Before(d.At) {
			continue
		}
		if known && d.At.IsZero() { // a push to the owner's .github changed the configuration
			s.forgetConfig(owner + "/" + repoconfig.OwnerRepo)
		}
		if err := s.ServeWaiting(ctx, owner); err != nil {
			errs = append(errs, fmt.Errorf("waiting list of %s: %w", owner, err))
			continue
		}
		d = store.Due{Job: store.DueWaitingList, Item: owner, InstallationID: installationID, Repo: owner, At: now.Add(waitingRecheck)}
		if err := s.Store.SetDue(ctx, d); err != nil {
			errs = append(errs, err)
		}
	}
	for owner := range dues {
		if err := s.Store.ForgetDue(ctx, store.DueWaitingList, owner); err != nil {
			errs = append(errs, err)
		}
	}
	return errors.Join(errs...)
}

// followUp does what is due for one unanswered mentorship and returns
// when it is next due: at once after an action (the next run looks at the
// mentorship as it now is), later where the app or its follow-ups are off.
func (s *Service) followUp(ctx context.Context, m store.Mentorship, repos map[string]resolved) (time.Time, error) {
	r, ok := repos[m.Repo]
	if !ok {
		var err error
		if r, err = s.resolve(ctx, m); err != nil {
			return time.Time{}, err
		}
		repos[m.Repo] = r
	}
	now := s.now()
	if r.cfg == nil {
		return now.Add(followUpRecheck), nil
	}
	in := newcomer.FollowUpInput{
		AssignedAt: m.AssignedAt, FirstResponseAt: m.FirstResponseAt, NudgedAt: m.NudgedAt, Now: now,
		Hours: r.cfg.Assignment.FirstResponseHours,
	}
	if r.loads == nil {
		loads, err := s.Store.MentorLoads(ctx, m.Owner)
		if err != nil {
			return time.Time{}, err
		}
		r.loads = loads
		repos[m.Repo] = r
	}
	away := awayInput(r, m, in)
	action := newcomer.FollowUpAway(away)
	it := itemOf(m)
	logger := zerolog.Ctx(ctx).With().Str("repository", m.Repo).Int("number", m.Number).Str("mentor", m.Mentor).Logger()
	switch action {
	case newcomer.Nudge:
		body := nudgeNote(m.Mentor, m.Mentee, now.Sub(m.AssignedAt))
		fx := newEffects(it).add(effectComment, fmt.Sprintf("nudge:%s:%s", itemKey(it), strings.ToLower(m.Mentor)), body)
		nudged, err := s.Store.Nudge(ctx, m.Repo, m.Number, m.Mentor, now, occurrence("nudge", m), fx.list)
		if err != nil {
			return time.Time{}, err
		}
		if nudged {
			logger.Info().Msg("Nudged mentor")
		}
		return now, s.applyEffects(ctx, r.gh, m.Repo, m.Number)
	case newcomer.Reassign:
		if away.MentorAway { // the same handover, and note, as the away job's
			logger.Info().Msg("Mentor is away; handing over")
			return now.Add(waitingRecheck), s.handOverAway(ctx, r, it, occurrence("away-handover", m))
		}
		logger.Info().Msg("No reply from mentor; handing over")
		changed, err := s.handOver(ctx, r, it, "no response within twice first_response_hours", occurrence("handover", m), false)
		if err == nil && !changed {
			logger.Info().Msg("No other mentor is free; the mentorship stays")
			return now.Add(waitingRecheck), nil
		}
		return now, err
	}
	// At most followUpRecheck ahead: a safety net for changes no event
	// announces.
	if next := newcomer.NextFollowUpAway(away); !next.IsZero() && next.Before(now.Add(followUpRecheck)) {
		return next, nil
	}
	return now.Add(followUpRecheck), nil
}

// handOver moves a mentorship to the next mentor in rotation and says so;
// asked tells whether someone asked for it (or the bot decided). The new
// pairing and its effects (the note, the pull request's assignee and
// reviewer) are stored together under the decision's key, then applied; a
// retry of the same decision applies what is pending and chooses nobody
// new. It reports false, and changes nothing, when no other mentor is
// free.
func (s *Service) handOver(ctx context.Context, r resolved, it program.Item, reason, decision string, asked bool) (bool, error) {
	var choice selection.Decision
	req := selection.Request{Author: it.Author, Now: s.now()}
	plan := func(before, after store.Mentorship) []store.Effect {
		body := handoverNote(it.Author, after.Mentor, asked) + "\n\n" + choice.Explain(textsafe.Mention)
		review := r.cfg.Assignment.RequestReview
		return newEffects(it).
			add(effectComment, fmt.Sprintf("handover:%s:%s", itemKey(it), strings.ToLower(after.Mentor)), body).
			disengage(it, review, before.Mentor).
			engage(it, review, after.Mentor).list
	}
	_, _, changed, err := s.Store.Reassign(ctx, it.Repo.FullName(), it.Number, reason, decision, excluding(r.cfg, req, &choice), plan)
	if errors.Is(err, store.ErrDecided) {
		return true, s.applyEffects(ctx, r.gh, it.Repo.FullName(), it.Number)
	}
	if err != nil || !changed {
		return false, err
	}
	return true, s.applyEffects(ctx, r.gh, it.Repo.FullName(), it.Number)
}

// awayInput adds what FollowUpAway needs to know of the mentor: whether
// they are away (by command, date or GitHub's Busy status), so an away
// mentor is never nudged and their mentee is handed over instead, unless
// the mentee keeps them; and their time zone and working hours, so the
// first-response clock starts at their next working hours
// (selection.ClockStart) and nobody is nudged at night. A mentor no longer
// on the roster works 09:00–18:00 UTC.
func awayInput(r resolved, m store.Mentorship, in newcomer.FollowUpInput) newcomer.AwayInput {
	out := newcomer.AwayInput{FollowUpInput: in, Kept: m.Kept()}
	for _, c := range candidates(r.cfg, r.loads) {
		if strings.EqualFold(c.Login, m.Mentor) {
			out.MentorAway = c.Away || c.AwayUntil.After(in.Now)
			out.Location, out.Hours = c.Location, c.Hours
		}
	}
	return out
}

// nudgeNote reminds the mentor, once, that their mentee has waited
// (since the pairing) for a first reply.
func nudgeNote(mentor, mentee string, waited time.Duration) string {
	return fmt.Sprintf("Friendly reminder, %s: %s has been waiting %s for a first reply from you, their mentor. "+
		"A short hello helps a lot. If you cannot take this one, comment `/mentor reassign`.",
		textsafe.Mention(mentor), textsafe.Code(mentee), aboutDuration(waited))
}

// aboutDuration says how long, as a person would: "about 50 hours" up to
// three days, "about 4 days" beyond.
func aboutDuration(d time.Duration) string {
	if h := int(d.Round(time.Hour) / time.Hour); h < 72 {
		return fmt.Sprintf("about %d hours", max(h, 1))
	}
	return fmt.Sprintf("about %d days", int((d+12*time.Hour)/(24*time.Hour)))
}
