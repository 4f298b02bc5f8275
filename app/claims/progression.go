package claims

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/rs/zerolog"

	"github.com/mentorbot/mentorbot/app/commands"
	"github.com/mentorbot/mentorbot/app/program"
	"github.com/mentorbot/mentorbot/app/repoconfig"
	"github.com/mentorbot/mentorbot/app/store"
	"github.com/mentorbot/mentorbot/app/textsafe"
)

// PullRequestOpened links a pull request to the claims it closes by its
// keywords ("Fixes #12"): the claimer's clock restarts and the claim no
// longer expires while the pull request is open. A pull request by
// someone who has done a starter task that closes a next-step issue is a
// next step on their path.
func (s *Service) PullRequestOpened(ctx context.Context, gh GitHub, cfg *repoconfig.Config, pr program.Item, body string) error {
	refs := ClosingRefs(body, pr.Repo.FullName())
	for _, n := range refs {
		linked, err := s.Store.RecordClaimActivity(ctx, pr.Repo.FullName(), n, pr.Author, pr.CreatedAt, pr.Number)
		if err != nil {
			return err
		}
		if linked {
			zerolog.Ctx(ctx).Info().Int("issue", n).Msg("Pull request linked to its author's claim")
		}
	}
	if len(refs) == 0 || len(cfg.GoodFirstIssues.NextStepLabels) == 0 {
		return nil
	}
	p, err := s.Store.ContributorPath(ctx, pr.Repo.Owner, pr.Author)
	if err != nil || len(p.StarterTasks) == 0 {
		return err
	}
	next, err := gh.OpenLabeledIssues(ctx, pr.Repo, cfg.GoodFirstIssues.NextStepLabels)
	if err != nil {
		return fmt.Errorf("list next-step issues: %w", err)
	}
	for _, is := range next {
		if slices.Contains(refs, is.Number) && starterLabel(cfg, is.Labels) == "" {
			if err := s.nextStep(ctx, pr.Repo, is.Number, pr.Author, pr.CreatedAt); err != nil {
				return err
			}
		}
	}
	return nil
}

// PullRequestClosed completes the starter tasks a merged pull request
// closes, crediting its author; a pull request closed unmerged no longer
// keeps a claim alive.
func (s *Service) PullRequestClosed(ctx context.Context, gh GitHub, cfg *repoconfig.Config, pr program.Item, body string, merged bool, at time.Time) error {
	var errs []error
	for _, n := range ClosingRefs(body, pr.Repo.FullName()) {
		if !merged {
			errs = append(errs, s.Store.UnlinkClaimPR(ctx, pr.Repo.FullName(), n, pr.Number, at))
			continue
		}
		credit := !commands.Insider(pr.Association)
		errs = append(errs, s.complete(ctx, gh, cfg, pr.Repo, n, pr.Author, pr.Number, credit))
	}
	return errors.Join(errs...)
}

// complete records that login's merged pull request completed a starter
// task and thanks them with next steps (once). A maintainer's own fix of
// a task nobody held (credit false) just closes it.
func (s *Service) complete(ctx context.Context, gh GitHub, cfg *repoconfig.Config, r program.Repo, number int, login string, pr int, credit bool) error {
	it := program.Item{Repo: r, Number: number}
	res, err := s.Store.CompleteStarterTask(ctx, store.CompleteRequest{Repo: r.FullName(), Number: number, Login: login, PR: pr, Credit: credit},
		func(res store.CompleteResult) []store.ClaimEffect {
			it.InstallationID = res.Task.InstallationID
			var out []store.ClaimEffect
			if res.New {
				e := effectOn(it, login)
				e.Key, e.Kind, e.PR = "claim-done:"+taskKey(r.FullName(), number), effectComplete, pr
				out = append(out, e)
			}
			if o := res.Other; o != nil {
				e := effectOn(it, o.Login)
				e.Key, e.Kind = fmt.Sprintf("claim-superseded:%d", o.ID), effectComment
				e.Body = fmt.Sprintf("%s, pull request #%d by %s completed this issue, so your claim on it ends here. Thank you for your interest!",
					textsafe.Mention(o.Login), pr, textsafe.Code(login))
				out = append(out, e)
			}
			return out
		})
	if errors.Is(err, store.ErrNotFound) {
		return nil // not a starter task
	}
	if err != nil {
		return err
	}
	if res.New {
		zerolog.Ctx(ctx).Info().Int("issue", number).Str("contributor", login).Bool("claimed", res.Claim != nil).Msg("Starter task completed")
	}
	return s.runEffects(ctx, gh, cfg, r.FullName(), number, nil)
}

// sameRepo compares "owner/name" as GitHub does.
func sameRepo(a, b string) bool { return strings.EqualFold(a, b) }
