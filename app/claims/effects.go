package claims

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/rs/zerolog"

	"github.com/mentorbot/mentorbot/app/mentoring"
	"github.com/mentorbot/mentorbot/app/mentoring/selection"
	"github.com/mentorbot/mentorbot/app/program"
	"github.com/mentorbot/mentorbot/app/repoconfig"
	"github.com/mentorbot/mentorbot/app/store"
)

// Kinds of effect. Each is idempotent: comments go out once under their
// key, assigning and unassigning twice changes nothing, and the mentor
// pairing returns the pairing made.
const (
	effectComment  = "comment"  // post Body under Key
	effectClaimed  = "claimed"  // assign Login, pair a mentor, post the claimed reply under Key
	effectAssign   = "assign"   // assign Login and post the claimed reply without a mentor (maintainers, mentors)
	effectUnassign = "unassign" // unassign Login and end their mentorship on the task
	effectComplete = "complete" // thank Login for pull request PR and suggest next steps, under Key
)

// maxNextSteps bounds the issues suggested after a starter task.
const maxNextSteps = 3

// effectsLeaseTTL bounds how long one runner keeps a task's effects to
// itself if it dies without letting go.
const effectsLeaseTTL = 2 * time.Minute

// runEffects does a task's pending effects in the order they were stored;
// it stops at the first failure, which a retry (or the scheduler) picks up.
// One runner at a time works on a task (a lease in the store), so an event
// handler and the scheduler never post the same comment together; the
// one that finds the lease taken leaves the work to its holder.
//
// Replies that ans takes are handed to it instead of being posted, and
// their effects stay pending until the caller has posted them (see
// answers.finish): a retry then gathers them again. ans may be nil.
func (s *Service) runEffects(ctx context.Context, gh GitHub, cfg *repoconfig.Config, repo string, number int, ans *answers) error {
	lease := "claim-effects:" + taskKey(repo, number)
	release, held, err := s.Store.TakeLease(ctx, lease, effectsLeaseTTL)
	if err != nil || !held {
		return err
	}
	defer release()
	pending, err := s.Store.PendingClaimEffects(ctx, repo, number)
	if err != nil {
		return err
	}
	for _, e := range pending {
		if ans.has(e.Key) {
			continue // gathered by an earlier command of the comment
		}
		if err := s.runEffect(ctx, gh, cfg, e, ans); err != nil {
			return fmt.Errorf("%s: %w", e.Key, err)
		}
		if ans.has(e.Key) {
			continue
		}
		if err := s.Store.FinishClaimEffect(ctx, e.Key); err != nil {
			return err
		}
	}
	return nil
}

func (s *Service) runEffect(ctx context.Context, gh GitHub, cfg *repoconfig.Config, e store.ClaimEffect, ans *answers) error {
	if cfg == nil {
		return nil // the app was turned off for the repository meanwhile
	}
	it, err := s.effectItem(ctx, e)
	if err != nil {
		return err
	}
	zerolog.Ctx(ctx).Debug().Str("effect", e.Kind).Str("key", e.Key).Msg("Carrying out a claim effect")
	switch e.Kind {
	case effectComment:
		if ans.take(e.Key, e.Body) {
			return nil
		}
		return s.Program.PostOnce(ctx, gh, it, e.Key, strings.TrimSpace(e.Body))
	case effectClaimed, effectAssign:
		if _, err := gh.Assign(ctx, it.Repo, it.Number, e.Login); err != nil {
			return fmt.Errorf("assign claimer: %w", err)
		}
		var p mentoring.ClaimPairing
		if e.Kind == effectClaimed {
			if p, err = s.Program.PairClaim(ctx, gh, cfg, it); err != nil {
				return fmt.Errorf("pair a mentor: %w", err)
			}
		}
		body := claimedText(e.Login, e.Number, cfg.GoodFirstIssues.ClaimExpiryDays, p.Mentor, e.Kind == effectClaimed && p.Mentor == "", p.Explanation)
		if ans.take(e.Key, body) {
			return nil
		}
		return s.Program.PostOnce(ctx, gh, it, e.Key, body)
	case effectUnassign:
		if err := gh.RemoveAssignees(ctx, it.Repo, it.Number, []string{e.Login}); err != nil {
			return fmt.Errorf("unassign: %w", err)
		}
		return s.Program.EndClaimMentorship(ctx, gh, cfg, it, "claim released")
	case effectComplete:
		return s.celebrate(ctx, gh, cfg, it, e)
	}
	return fmt.Errorf("unknown claim effect %q", e.Kind)
}

// effectItem rebuilds the issue an effect is about, with the task's labels
// (for the mentor's area).
func (s *Service) effectItem(ctx context.Context, e store.ClaimEffect) (program.Item, error) {
	it := program.Item{Repo: repoOf(e.Repo), InstallationID: e.InstallationID, Number: e.Number, Kind: program.KindIssue, Author: e.Login}
	t, err := s.Store.GetStarterTask(ctx, e.Repo, e.Number)
	if err != nil && !errors.Is(err, store.ErrNotFound) {
		return it, err
	}
	it.Labels, it.Title, it.URL = t.Labels, t.Title, t.URL
	return it, nil
}

// celebrate thanks the contributor on the task and suggests up to three
// next-step issues, those in the task's areas first.
func (s *Service) celebrate(ctx context.Context, gh GitHub, cfg *repoconfig.Config, it program.Item, e store.ClaimEffect) error {
	var next []Issue
	if labels := cfg.GoodFirstIssues.NextStepLabels; len(labels) > 0 {
		issues, err := gh.OpenLabeledIssues(ctx, it.Repo, labels)
		if err != nil {
			return fmt.Errorf("find next steps: %w", err)
		}
		rules := areaRules(cfg)
		next = NextSteps(issues, selection.MatchAreas(rules, nil, it.Labels), rules, it.Number, maxNextSteps)
	}
	var mentorLogin string
	if m, err := s.Store.GetMentorship(ctx, it.Repo.FullName(), it.Number); err == nil && strings.EqualFold(m.Mentee, e.Login) {
		mentorLogin = m.Mentor
	}
	if err := s.Program.PostOnce(ctx, gh, it, e.Key, completedText(e.Login, e.PR, mentorLogin, next)); err != nil {
		return err
	}
	return s.Program.EndClaimMentorship(ctx, gh, cfg, it, "starter task completed")
}

func areaRules(cfg *repoconfig.Config) map[string]selection.AreaRule {
	out := make(map[string]selection.AreaRule, len(cfg.Areas))
	for name, a := range cfg.Areas {
		out[name] = selection.AreaRule{Labels: a.Labels, Paths: a.Paths}
	}
	return out
}
