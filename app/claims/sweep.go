package claims

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/rs/zerolog"

	"github.com/mentorbot/mentorbot/app/program"
	"github.com/mentorbot/mentorbot/app/repoconfig"
	"github.com/mentorbot/mentorbot/app/store"
)

// claimRecheck is how long a claim whose repository has the app or claim
// expiry off, or whose next reminder is further away, is left before its
// configuration is read again. A push that changes a mentorship.yml makes
// its repository's claims due at once.
const claimRecheck = 24 * time.Hour

// Sweep is the scheduled job: it reminds and releases idle claims (after
// looking on GitHub for activity the store may have missed), passes offers
// nobody took up to the next in line, and finishes effects that failed
// before. Each claim keeps its next due time in the store, and only a due
// claim reads its configuration or GitHub: a minute with nothing due costs
// no GitHub request. It is safe to run at any time and more than once.
func (s *Service) Sweep(ctx context.Context) error {
	rs := &resolvedRepos{s: s, m: map[string]resolved{}}
	var errs []error
	active, err := s.Store.ActiveClaims(ctx)
	if err != nil {
		return err
	}
	errs = append(errs, s.sweepClaims(ctx, rs, active))
	offers, err := s.Store.OffersBefore(ctx, s.now().Add(-OfferHold))
	if err != nil {
		return errors.Join(append(errs, err)...)
	}
	for _, w := range offers {
		if err := s.lapse(ctx, rs, w); err != nil {
			errs = append(errs, fmt.Errorf("offer on %s: %w", taskKey(w.Repo, w.Number), err))
		}
	}
	pending, err := s.Store.PendingClaimEffects(ctx, "", 0)
	if err != nil {
		return errors.Join(append(errs, err)...)
	}
	done := map[string]bool{}
	for _, e := range pending {
		k := taskKey(e.Repo, e.Number)
		if done[k] {
			continue
		}
		done[k] = true
		gh, cfg, err := rs.get(ctx, e.InstallationID, e.Repo)
		if err == nil {
			err = s.runEffects(ctx, gh, cfg, e.Repo, e.Number, nil)
		}
		if err != nil {
			errs = append(errs, fmt.Errorf("effects on %s: %w", k, err))
		}
	}
	return errors.Join(errs...)
}

// sweepClaims sweeps the active claims that are due and records when each
// is next due.
func (s *Service) sweepClaims(ctx context.Context, rs *resolvedRepos, active []store.Claim) error {
	dues, err := s.Store.DueTimes(ctx, store.DueClaim)
	if err != nil {
		return err
	}
	now := s.now()
	var errs []error
	for _, c := range active {
		key := strconv.FormatInt(c.ID, 10)
		d, known := dues[key]
		delete(dues, key)
		if known && now.Before(d.At) {
			continue
		}
		if known && d.At.IsZero() && s.ForgetConfig != nil { // a push changed the configuration
			owner, name, _ := strings.Cut(c.Repo, "/")
			s.ForgetConfig(owner, name)
		}
		next, err := s.nextDue(ctx, rs, c)
		if err == nil {
			err = s.sweepClaim(ctx, rs, c)
		}
		if err != nil {
			errs = append(errs, fmt.Errorf("claim on %s: %w", taskKey(c.Repo, c.Number), err))
			continue
		}
		d = store.Due{Job: store.DueClaim, Item: key, InstallationID: c.InstallationID, Repo: c.Repo, At: next}
		if err := s.Store.SetDue(ctx, d); err != nil {
			errs = append(errs, err)
		}
	}
	for key := range dues { // ended since
		if err := s.Store.ForgetDue(ctx, store.DueClaim, key); err != nil {
			errs = append(errs, err)
		}
	}
	return errors.Join(errs...)
}

// nextDue is when the claim is next due, as it stands before this sweep:
// now when something is due (the next sweep looks at the claim as this
// one leaves it), else its reminder or release, at most claimRecheck away.
func (s *Service) nextDue(ctx context.Context, rs *resolvedRepos, c store.Claim) (time.Time, error) {
	_, cfg, err := rs.get(ctx, c.InstallationID, c.Repo)
	now := s.now()
	if err != nil || cfg == nil {
		return now.Add(claimRecheck), err
	}
	t := Timing{Start: c.ActivityAt, RemindedAt: c.RemindedAt, Days: cfg.GoodFirstIssues.ClaimExpiryDays}
	if next := t.NextAt(now); !next.IsZero() && next.Before(now.Add(claimRecheck)) {
		return next, nil
	}
	return now.Add(claimRecheck), nil
}

func (s *Service) sweepClaim(ctx context.Context, rs *resolvedRepos, c store.Claim) error {
	gh, cfg, err := rs.get(ctx, c.InstallationID, c.Repo)
	if err != nil || cfg == nil {
		return err
	}
	now := s.now()
	t := Timing{Start: c.ActivityAt, RemindedAt: c.RemindedAt, Days: cfg.GoodFirstIssues.ClaimExpiryDays}
	if t.Due(now) == Keep {
		return nil
	}
	a, err := s.activity(ctx, gh, c)
	if err != nil {
		return err
	}
	logger := zerolog.Ctx(ctx).With().Str("repository", c.Repo).Int("number", c.Number).Str("claimer", c.Login).Logger()
	switch {
	case a.merged > 0:
		return s.complete(ctx, gh, cfg, repoOf(c.Repo), c.Number, c.Login, a.merged, true)
	case a.open > 0:
		_, err := s.Store.RecordClaimActivity(ctx, c.Repo, c.Number, c.Login, now, a.open)
		return err
	case a.latest.After(c.ActivityAt):
		if _, err := s.Store.RecordClaimActivity(ctx, c.Repo, c.Number, c.Login, a.latest, 0); err != nil {
			return err
		}
		c.ActivityAt, t.Start = a.latest, a.latest
	}
	task, err := s.Store.GetStarterTask(ctx, c.Repo, c.Number)
	if err != nil {
		return err
	}
	if task.State == store.TaskClosed {
		// The issue closed with a pull request that was later closed unmerged.
		_, err := s.Store.EndClaim(ctx, c, store.ClaimClosed, "issue closed")
		return err
	}
	it := program.Item{Repo: repoOf(c.Repo), Number: c.Number, InstallationID: c.InstallationID}
	switch t.Due(now) {
	case Remind:
		after := t
		after.RemindedAt = now
		body := reminderText(c, after, s.mentorOf(ctx, c))
		ok, err := s.Store.RemindClaim(ctx, c, func(c store.Claim) []store.ClaimEffect {
			e := effectOn(it, c.Login)
			e.Key, e.Kind, e.Body = fmt.Sprintf("claim-remind:%d:%d", c.ID, c.ActivityAt.UnixMilli()), effectComment, body
			return []store.ClaimEffect{e}
		})
		if err != nil || !ok {
			return err
		}
		logger.Info().Msg("Reminded an idle claimer")
	case Release:
		_, ok, err := s.Store.ExpireClaim(ctx, c, nextPicker(cfg), func(r store.ReleaseResult) []store.ClaimEffect {
			unassign := effectOn(it, c.Login)
			unassign.Key, unassign.Kind = fmt.Sprintf("claim-expired:%d:unassign", c.ID), effectUnassign
			note := effectOn(it, c.Login)
			note.Key, note.Kind, note.Body = fmt.Sprintf("claim-expired:%d", c.ID), effectComment, expiredText(c, cfg.GoodFirstIssues.ClaimExpiryDays)
			return append([]store.ClaimEffect{unassign, note}, offerEffects(it, r.Offered)...)
		})
		if err != nil || !ok {
			return err
		}
		logger.Info().Msg("Released an idle claim")
	default:
		return nil
	}
	return s.runEffects(ctx, gh, cfg, c.Repo, c.Number, nil)
}

// lapse passes an offer nobody took up to the next in line.
func (s *Service) lapse(ctx context.Context, rs *resolvedRepos, w store.Waiter) error {
	task, err := s.Store.GetStarterTask(ctx, w.Repo, w.Number)
	if err != nil {
		return err
	}
	gh, cfg, err := rs.get(ctx, task.InstallationID, w.Repo)
	if err != nil || cfg == nil {
		return err
	}
	it := program.Item{Repo: repoOf(w.Repo), Number: w.Number, InstallationID: task.InstallationID}
	res, ok, err := s.Store.LapseOffer(ctx, w, nextPicker(cfg), func(r store.LapseResult) []store.ClaimEffect {
		note := effectOn(it, r.Lapsed.Login)
		note.Key, note.Kind, note.Body = fmt.Sprintf("claim-lapsed:%d", r.Lapsed.ID), effectComment, lapsedText(r.Lapsed.Login, r.Offered != nil)
		return append([]store.ClaimEffect{note}, offerEffects(it, r.Offered)...)
	})
	if err != nil || !ok {
		return err
	}
	zerolog.Ctx(ctx).Info().Str("repository", w.Repo).Int("number", w.Number).Bool("offered_next", res.Offered != nil).Msg("An offer lapsed")
	return s.runEffects(ctx, gh, cfg, w.Repo, w.Number, nil)
}

// activity is what GitHub shows of a claimer's work on their task.
type activity struct {
	latest time.Time // their latest comment after the claim's clock started
	open   int       // an open pull request of theirs linked to the task
	merged int       // a merged pull request of theirs linked to the task
}

func (s *Service) activity(ctx context.Context, gh GitHub, c store.Claim) (activity, error) {
	var a activity
	r := repoOf(c.Repo)
	comments, err := gh.CommentsSince(ctx, r, c.Number, c.ActivityAt)
	if err != nil {
		return a, fmt.Errorf("list comments: %w", err)
	}
	for _, cm := range comments {
		if strings.EqualFold(cm.Author, c.Login) && cm.CreatedAt.After(c.ActivityAt) && cm.CreatedAt.After(a.latest) {
			a.latest = cm.CreatedAt
		}
	}
	prs, err := gh.LinkedPullRequests(ctx, r, c.Number)
	if err != nil {
		return a, fmt.Errorf("list linked pull requests: %w", err)
	}
	for _, pr := range prs {
		if !strings.EqualFold(pr.Author, c.Login) || !sameRepo(pr.Repo, c.Repo) {
			continue
		}
		switch {
		case pr.Merged:
			a.merged = pr.Number
		case pr.State == "open":
			a.open = pr.Number
		}
	}
	return a, nil
}

// mentorOf is the claimer's mentor on the task, or "".
func (s *Service) mentorOf(ctx context.Context, c store.Claim) string {
	m, err := s.Store.GetMentorship(ctx, c.Repo, c.Number)
	if err != nil || m.State != store.MentorshipActive || !strings.EqualFold(m.Mentee, c.Login) {
		return ""
	}
	return m.Mentor
}

type resolved struct {
	gh  GitHub
	cfg *repoconfig.Config
}

// resolvedRepos resolves each repository once per sweep.
type resolvedRepos struct {
	s *Service
	m map[string]resolved
}

func (rs *resolvedRepos) get(ctx context.Context, installationID int64, repo string) (GitHub, *repoconfig.Config, error) {
	if r, ok := rs.m[repo]; ok {
		return r.gh, r.cfg, nil
	}
	gh, cfg, err := rs.s.resolve(ctx, installationID, repo)
	if err != nil {
		return nil, nil, err
	}
	rs.m[repo] = resolved{gh: gh, cfg: cfg}
	return gh, cfg, nil
}
