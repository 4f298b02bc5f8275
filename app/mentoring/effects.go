package mentoring

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/rs/zerolog"

	"github.com/mentorbot/mentorbot/app/program"
	"github.com/mentorbot/mentorbot/app/store"
)

// The effects log. A decision about a mentorship (a pairing from the
// waiting list, a reassignment, a handover, a nudge) is stored in the same
// transaction as the GitHub effects it implies, each one idempotent: a
// comment under its marker key (found by marker before it is created),
// assignees, labels and review requests (asking twice changes nothing).
// applyEffects does an item's pending effects in order right after the
// decision commits; after a failure or a crash the scheduled sweep
// (ApplyDueEffects) does what is left, and nothing is decided again.
const (
	effectComment       = "comment"        // Arg: the comment's marker key; Body: its text
	effectAssign        = "assign"         // Arg: the login
	effectUnassign      = "unassign"       // Arg: the login
	effectAddLabel      = "add-label"      // Arg: the label
	effectRemoveLabel   = "remove-label"   // Arg: the label
	effectRequestReview = "request-review" // Arg: the login
	effectRemoveReview  = "remove-review"  // Arg: the login
)

// Bounds of the effects worker: how long one runner keeps an item's
// effects to itself if it dies without letting go, how many due effects a
// sweep takes at most, the wait after a failure (doubling per try, up to
// effectRetryMax) and the number of tries before an effect is given up.
const (
	effectsLeaseTTL  = 2 * time.Minute
	effectsSweepSize = 500
	effectRetryBase  = time.Minute
	effectRetryMax   = time.Hour
	// maxEffectAttempts tries span about a day (1, 2, 4 … 32 minutes,
	// then hourly).
	maxEffectAttempts = 24
)

// effects collects the effects of one decision on an item.
type effects struct {
	it   program.Item
	list []store.Effect
}

func newEffects(it program.Item) *effects { return &effects{it: it} }

func (p *effects) add(action, arg, body string) *effects {
	p.list = append(p.list, store.Effect{
		Owner: p.it.Repo.Owner, Repo: p.it.Repo.FullName(), Number: p.it.Number, InstallationID: p.it.InstallationID,
		Action: action, Arg: arg, Body: body,
	})
	return p
}

// engage adds what makes the mentor visible on a pull request (see
// Service.engage): assignee and, when configured, reviewer.
func (p *effects) engage(it program.Item, requestReview bool, login string) *effects {
	if it.Kind != program.KindPullRequest {
		return p
	}
	p.add(effectAssign, login, "")
	if requestReview {
		p.add(effectRequestReview, login, "")
	}
	return p
}

// disengage takes the previous mentor off a pull request.
func (p *effects) disengage(it program.Item, requestReview bool, login string) *effects {
	if it.Kind != program.KindPullRequest || login == "" {
		return p
	}
	p.add(effectUnassign, login, "")
	if requestReview {
		p.add(effectRemoveReview, login, "")
	}
	return p
}

// occurrence names a decision taken about a mentorship in the state it was
// read in (its current pairing), so that a run working from a stale read
// finds the decision made and makes none.
func occurrence(kind string, m store.Mentorship) string {
	return fmt.Sprintf("%s:%s#%d:%d", kind, m.Repo, m.Number, m.AssignedAt.UnixMilli())
}

// commandDecision names the decision of one command line of a comment.
func commandDecision(it program.Item, c program.Comment, line int) string {
	return fmt.Sprintf("command:%s:%d:%d", itemKey(it), c.ID, line)
}

// applyEffects does an item's pending effects in the order they were
// stored and marks each done; it stops at the first failure, which it
// records with the time of the next try. One runner at a time works on an
// item (a lease), so an event and the sweep never post the same comment
// together: the one that finds the lease taken leaves the work to its
// holder.
func (s *Service) applyEffects(ctx context.Context, gh GitHub, repo string, number int) error {
	lease := fmt.Sprintf("effects:%s#%d", repo, number)
	release, held, err := s.Store.TakeLease(ctx, lease, effectsLeaseTTL)
	if err != nil || !held {
		return err
	}
	defer release()
	pending, err := s.Store.PendingEffects(ctx, repo, number)
	if err != nil {
		return err
	}
	for _, e := range pending {
		if err := s.applyEffect(ctx, gh, e); err != nil {
			if e.Attempts+1 >= maxEffectAttempts {
				// Tried for about a day: what GitHub refuses this long it
				// will refuse for good. The effects after it still run.
				zerolog.Ctx(ctx).Error().Err(err).Str("effect", e.Action).Str("key", e.Key).Int("attempts", e.Attempts+1).
					Msg("Gave up a GitHub effect after its last try")
				if err := s.Store.AbandonEffect(ctx, e.Key, err.Error()); err != nil {
					return err
				}
				continue
			}
			wait := min(effectRetryBase<<min(e.Attempts, 10), effectRetryMax)
			zerolog.Ctx(ctx).Warn().Err(err).Str("effect", e.Action).Str("key", e.Key).Dur("retry_in", wait).
				Msg("A GitHub effect failed; the sweep tries again")
			return errors.Join(fmt.Errorf("%s: %w", e.Key, err), s.Store.PostponeEffect(ctx, e.Key, err.Error(), s.now().Add(wait)))
		}
		if err := s.Store.FinishEffect(ctx, e.Key); err != nil {
			return err
		}
	}
	return nil
}

func (s *Service) applyEffect(ctx context.Context, gh GitHub, e store.Effect) error {
	owner, name, _ := strings.Cut(e.Repo, "/")
	r := program.Repo{Owner: owner, Name: name}
	zerolog.Ctx(ctx).Debug().Str("effect", e.Action).Str("key", e.Key).Msg("Carrying out an effect")
	switch e.Action {
	case effectComment:
		return s.postOnce(ctx, gh, r, e.Number, e.Arg, e.Body)
	case effectAssign:
		assigned, err := gh.Assign(ctx, r, e.Number, e.Arg)
		if err != nil {
			return fmt.Errorf("assign: %w", err)
		}
		if !assigned {
			s.unassignable(ctx, e.Arg)
		}
	case effectUnassign:
		if err := gh.RemoveAssignees(ctx, r, e.Number, []string{e.Arg}); err != nil {
			return fmt.Errorf("unassign: %w", err)
		}
	case effectAddLabel:
		if err := gh.AddLabels(ctx, r, e.Number, []string{e.Arg}); err != nil {
			return fmt.Errorf("add label: %w", err)
		}
	case effectRemoveLabel:
		if err := gh.RemoveLabel(ctx, r, e.Number, e.Arg); err != nil {
			return fmt.Errorf("remove label: %w", err)
		}
	case effectRequestReview:
		if err := gh.RequestReviewers(ctx, r, e.Number, []string{e.Arg}); err != nil {
			return fmt.Errorf("request review: %w", err)
		}
	case effectRemoveReview:
		if err := gh.RemoveReviewers(ctx, r, e.Number, []string{e.Arg}); err != nil {
			return fmt.Errorf("remove review request: %w", err)
		}
	default:
		return fmt.Errorf("unknown effect %q", e.Action)
	}
	return nil
}

// ApplyDueEffects is the sweep: it does the pending effects whose time to
// try has come, item by item, with each item's installation client. With
// nothing due it reads only the store.
func (s *Service) ApplyDueEffects(ctx context.Context) error {
	due, err := s.Store.DueEffects(ctx, s.now(), effectsSweepSize)
	if err != nil || len(due) == 0 {
		return err
	}
	type item struct {
		repo   string
		number int
	}
	seen := map[item]bool{}
	clients := map[string]GitHub{}
	var errs []error
	for _, e := range due {
		k := item{e.Repo, e.Number}
		if seen[k] {
			continue
		}
		seen[k] = true
		gh, ok := clients[e.Repo]
		if !ok {
			r, err := s.resolve(ctx, store.Mentorship{Repo: e.Repo, InstallationID: e.InstallationID})
			if err != nil {
				errs = append(errs, err, s.Store.PostponeEffect(ctx, e.Key, err.Error(), s.now().Add(effectRetryMax)))
				continue
			}
			gh, clients[e.Repo] = r.gh, r.gh
		}
		if err := s.applyEffects(ctx, gh, e.Repo, e.Number); err != nil {
			errs = append(errs, err)
		}
	}
	return errors.Join(errs...)
}
