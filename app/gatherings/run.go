package gatherings

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/rs/zerolog"

	"github.com/mentorbot/mentorbot/app/gatherings/schedule"
	"github.com/mentorbot/mentorbot/app/store"
)

// problemBackoff is how long a setup problem reported to the maintainers
// is left alone before it is checked again, so that a problem that lasts
// days costs a GitHub call and an error log every few minutes, not every
// run.
const problemBackoff = 10 * time.Minute

// staleClaim is how long a claimed post may stay unwritten before another
// run takes it over (its writer stopped).
const staleClaim = 10 * time.Minute

// Run announces the sessions whose announcement is due and recaps the
// sessions that ended, for every program the source lists, and records in
// the store when each is next due (the source lists only those). It is
// the scheduled job: safe to run at any time and more than once. A setup
// problem (a missing category, Discussions off, a repository the app
// cannot reach) is logged and reported to the maintainers, and is not an
// error of the job; the next run tries again.
func (s *Service) Run(ctx context.Context) error {
	programs, err := s.Source.Programs(ctx)
	errs := []error{err}
	for _, program := range byTarget(programs) {
		views := program.views()
		for _, p := range views {
			if err := s.runProgram(ctx, p); err != nil {
				errs = append(errs, fmt.Errorf("gatherings %s: %w", p.StoreTarget(), err))
			}
		}
		faqErr := s.syncFAQ(ctx, program)
		if faqErr != nil && !errors.Is(faqErr, errFAQSetup) {
			errs = append(errs, fmt.Errorf("faq of %s: %w", program.Repo.Owner, faqErr))
		}
		errs = append(errs, s.recordNext(ctx, program, views, faqErr))
	}
	return errors.Join(errs...)
}

// DueItem is the store's key of a program's due time: its target, which
// several repositories may share.
func DueItem(p Program) string { return strings.ToLower(p.Target().FullName()) }

// recordNext records when the program is next due: at the next run while
// something due in any of its series is not done (it failed, or waits for
// a setup problem to be fixed; both are retried from the store alone),
// else at the earliest next announcement, reminder or session end of its
// series. A living FAQ that could not be brought up to date (faqErr) is
// tried again at the next run, or after problemBackoff when its setup is
// what is wrong.
func (s *Service) recordNext(ctx context.Context, p Program, views []Program, faqErr error) error {
	now := s.now()
	next := now.Add(24 * time.Hour) // no usable schedule: a push that fixes one makes it due at once
	for _, v := range views {
		plan := planOf(v.Config)
		if n := plan.Next(now); !n.IsZero() && n.Before(next) {
			next = n
		}
		if todo, err := s.pending(ctx, v, plan); err != nil || len(todo) > 0 {
			next = now
		}
	}
	switch {
	case errors.Is(faqErr, errFAQSetup) && next.After(now.Add(problemBackoff)):
		next = now.Add(problemBackoff)
	case faqErr != nil:
		next = now
	}
	return s.Store.SetDue(ctx, store.Due{Job: store.DueOfficeHours, Item: DueItem(p), InstallationID: p.InstallationID,
		Repo: p.Repo.FullName(), At: next})
}

// byTarget keeps one program per target repository: several repositories
// may share the owner's default configuration. The target's own
// configuration wins, then the first repository by name. It works on a
// copy: the caller's slice (a source's cache) is left as it was, and a
// program without a configuration is dropped.
func byTarget(in []Program) []Program {
	programs := slices.DeleteFunc(slices.Clone(in), func(p Program) bool { return p.Config == nil })
	slices.SortStableFunc(programs, func(a, b Program) int {
		ta, tb := strings.ToLower(a.Target().FullName()), strings.ToLower(b.Target().FullName())
		if c := strings.Compare(ta, tb); c != 0 {
			return c
		}
		ownA, ownB := strings.EqualFold(a.Repo.Name, a.Target().Name), strings.EqualFold(b.Repo.Name, b.Target().Name)
		if ownA != ownB {
			if ownA {
				return -1
			}
			return 1
		}
		return strings.Compare(strings.ToLower(a.Repo.FullName()), strings.ToLower(b.Repo.FullName()))
	})
	return slices.CompactFunc(programs, func(a, b Program) bool {
		return strings.EqualFold(a.Target().FullName(), b.Target().FullName())
	})
}

// runProgram does what is due for one program. It calls GitHub only when
// something is left to do.
func (s *Service) runProgram(ctx context.Context, p Program) error {
	target := p.StoreTarget()
	logger := zerolog.Ctx(ctx).With().Str("office_hours", target).Str("config_repository", p.Repo.FullName()).Logger()
	ctx = logger.WithContext(ctx)
	plan := planOf(p.Config)
	if err := plan.Validate(); err != nil {
		logger.Warn().Err(err).Msg("Office hours are configured with an unusable schedule; nothing is scheduled")
		return nil
	}
	todo, err := s.pending(ctx, p, plan)
	if err != nil || len(todo) == 0 {
		return err
	}
	if wait, err := s.backingOff(ctx, target); err != nil || wait {
		return err
	}
	gh, err := s.Source.GitHub(ctx, p.InstallationID)
	if err != nil {
		return err
	}
	need, err := s.needsSite(ctx, p, todo)
	if err != nil {
		return err
	}
	if !need {
		// A reminder or a recap on the announcement needs only the
		// announcement, known from the store: no read of the repository.
		return s.runActions(ctx, gh, p, plan, site{}, todo, false)
	}
	site, err := s.site(ctx, gh, p)
	if err != nil {
		return err
	}
	if site.problem != nil {
		return errors.Join(s.report(ctx, gh, p, *site.problem), s.resolve(ctx, gh, p, site.problems()))
	}
	return s.runActions(ctx, gh, p, plan, site, todo, true)
}

// needsSite tells whether the due actions need the repository and its
// categories read: an announcement does, and a recap that is a
// discussion of its own (a recap category, or a session never announced).
func (s *Service) needsSite(ctx context.Context, p Program, todo []schedule.Action) (bool, error) {
	for _, a := range todo {
		switch a.Kind {
		case schedule.ActionAnnounce:
			return true, nil
		case schedule.ActionRecap:
			if strings.TrimSpace(p.Config.OfficeHours.RecapCategory) != "" {
				return true, nil
			}
			ann, err := s.Store.GetHoursPost(ctx, p.StoreTarget(), a.Session.Key, store.HoursAnnouncement)
			if errors.Is(err, store.ErrNotFound) || (err == nil && ann.State != store.HoursPosted) {
				return true, nil
			}
			if err != nil {
				return false, err
			}
		}
	}
	return false, nil
}

// runActions does the due actions; with known, the site was read, so the
// setup problems it found are the current ones and those fixed since are
// resolved.
func (s *Service) runActions(ctx context.Context, gh GitHub, p Program, plan schedule.Plan, site site, todo []schedule.Action, known bool) error {
	var errs []error
	current := site.problems()
	for _, a := range todo {
		var err error
		switch a.Kind {
		case schedule.ActionAnnounce:
			err = s.announce(ctx, gh, p, plan, site, a)
		case schedule.ActionRecap:
			err = s.recap(ctx, gh, p, plan, site, a.Session)
		case schedule.ActionRemind:
			err = s.remind(ctx, gh, p, site, a)
		}
		var setup *setupProblem
		if errors.As(err, &setup) || refused(err, p, &setup) {
			current = append(current, *setup)
			errs = append(errs, s.report(ctx, gh, p, *setup))
			continue
		}
		if err != nil {
			errs = append(errs, fmt.Errorf("%s of %s: %w", a.Kind, a.Session.Key, err))
		}
	}
	if known {
		errs = append(errs, s.resolve(ctx, gh, p, current))
	}
	return errors.Join(errs...)
}

// pending filters the due actions down to those not done (or being done)
// yet, from the store alone. A recap is due only for a session that was
// announced, or that came after the program's first announcement: sessions
// from before office hours were set up are not recapped.
func (s *Service) pending(ctx context.Context, p Program, plan schedule.Plan) ([]schedule.Action, error) {
	target := p.StoreTarget()
	now := s.now()
	first, hasFirst, err := s.Store.FirstHoursAnnouncement(ctx, target)
	if err != nil {
		return nil, err
	}
	var out []schedule.Action
	for _, a := range plan.Due(now, 0) {
		kind := store.HoursAnnouncement
		if a.Kind == schedule.ActionRemind {
			kind = store.HoursReminder
		}
		if a.Kind == schedule.ActionRecap {
			kind = store.HoursRecap
			if !hasFirst || a.Session.Start.Before(first) {
				continue
			}
		}
		post, err := s.Store.GetHoursPost(ctx, target, a.Session.Key, kind)
		switch {
		case errors.Is(err, store.ErrNotFound):
		case err != nil:
			return nil, err
		case post.State == store.HoursPosted:
			continue
		}
		out = append(out, a)
	}
	return out, nil
}

// backingOff tells whether a setup problem of the target was seen less
// than problemBackoff ago.
func (s *Service) backingOff(ctx context.Context, target string) (bool, error) {
	notices, err := s.Store.HoursNotices(ctx, target)
	if err != nil {
		return false, err
	}
	for _, n := range notices {
		if s.now().Sub(n.CheckedAt) < problemBackoff {
			zerolog.Ctx(ctx).Debug().Str("problem", n.Problem).Int("issue", n.Number).
				Msg("Office hours wait for the maintainers to fix their setup")
			return true, nil
		}
	}
	return false, nil
}
