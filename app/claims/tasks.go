package claims

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/rs/zerolog"

	"github.com/mentorbot/mentorbot/app/mentoring"
	"github.com/mentorbot/mentorbot/app/program"
	"github.com/mentorbot/mentorbot/app/queue"
	"github.com/mentorbot/mentorbot/app/repoconfig"
	"github.com/mentorbot/mentorbot/app/store"
	"github.com/mentorbot/mentorbot/app/textsafe"
)

// Labeled handles a label added to an open issue: a good-first-issue
// label makes it a starter task with one guide comment (edited, never
// posted again, when the label comes back).
func (s *Service) Labeled(ctx context.Context, gh GitHub, cfg *repoconfig.Config, it program.Item, label string) error {
	if !isOneOf(label, cfg.GoodFirstIssues.Labels) {
		return nil
	}
	return s.open(ctx, gh, cfg, it, label)
}

// Reopened handles a reopened issue: with a good-first-issue label it is
// a starter task again.
func (s *Service) Reopened(ctx context.Context, gh GitHub, cfg *repoconfig.Config, it program.Item) error {
	label := starterLabel(cfg, it.Labels)
	if label == "" {
		return nil
	}
	return s.open(ctx, gh, cfg, it, label)
}

func (s *Service) open(ctx context.Context, gh GitHub, cfg *repoconfig.Config, it program.Item, label string) error {
	_, opened, err := s.Store.OpenStarterTask(ctx, store.StarterTask{
		Repo: it.Repo.FullName(), Number: it.Number, Owner: it.Repo.Owner, InstallationID: it.InstallationID,
		Title: it.Title, URL: it.URL, Labels: it.Labels,
	})
	if err != nil {
		return err
	}
	if opened {
		zerolog.Ctx(ctx).Info().Str("label", label).Msg("Recorded a starter task")
	}
	guide, err := s.guide(ctx, cfg, it, label)
	if err != nil || guide == "" {
		return err
	}
	return s.Program.Upsert(ctx, gh, it, guideKey(it), guide)
}

// Unlabeled handles a label removed from an issue: when no good-first-issue
// label is left, the task is withdrawn, its guide is marked outdated and
// its waiting list closed. A claim in progress stays with its holder.
func (s *Service) Unlabeled(ctx context.Context, gh GitHub, cfg *repoconfig.Config, it program.Item, label string) error {
	if !isOneOf(label, cfg.GoodFirstIssues.Labels) || starterLabel(cfg, it.Labels) != "" {
		return nil
	}
	err := s.end(ctx, gh, cfg, it, store.TaskWithdrawn, func(store.Claim) string { return "" })
	if err != nil {
		return err
	}
	guide, err := s.guide(ctx, cfg, it, label)
	if err != nil || guide == "" {
		return err
	}
	return s.Program.UpdateIfPosted(ctx, gh, it, guideKey(it), outdatedGuide(guide))
}

// IssueClosed ends the task of a closed issue. A claim whose holder has a
// merged pull request linked to the issue is completed; one with an open
// pull request stays until it is merged or closed; any other ends.
func (s *Service) IssueClosed(ctx context.Context, gh GitHub, cfg *repoconfig.Config, it program.Item) error {
	repo := it.Repo.FullName()
	if _, err := s.Store.GetStarterTask(ctx, repo, it.Number); errors.Is(err, store.ErrNotFound) {
		return nil
	} else if err != nil {
		return err
	}
	keep := false
	holder, err := s.Store.ActiveClaim(ctx, repo, it.Number)
	switch {
	case err == nil && holder.LinkedPR == 0:
		a, err := s.activity(ctx, gh, holder)
		if err != nil {
			return err
		}
		if a.merged > 0 {
			return s.complete(ctx, gh, cfg, it.Repo, it.Number, holder.Login, a.merged, true)
		}
		keep = a.open > 0
	case err == nil:
		keep = true
	case !errors.Is(err, store.ErrNotFound):
		return err
	}
	return s.end(ctx, gh, cfg, it, store.TaskClosed, func(store.Claim) string {
		if keep {
			return ""
		}
		return "issue closed"
	})
}

// end withdraws or closes a task, tells whoever was waiting for it, and
// does what is pending.
func (s *Service) end(ctx context.Context, gh GitHub, cfg *repoconfig.Config, it program.Item, state string, endClaim func(store.Claim) string) error {
	at := s.now()
	res, err := s.Store.EndStarterTask(ctx, it.Repo.FullName(), it.Number, state, endClaim, func(r store.TaskEnd) []store.ClaimEffect {
		if len(r.Cleared) == 0 {
			return nil
		}
		e := effectOn(it, "")
		e.Key = fmt.Sprintf("claim-line-closed:%s:%d", taskKey(it.Repo.FullName(), it.Number), at.UnixMilli())
		e.Kind, e.Body = effectComment, lineClosedText(r.Cleared, state)
		return []store.ClaimEffect{e}
	})
	if errors.Is(err, store.ErrNotFound) {
		return nil
	}
	if err != nil {
		return err
	}
	if res.WasOpen {
		zerolog.Ctx(ctx).Info().Str("state", state).Msg("Starter task ended")
	}
	return s.runEffects(ctx, gh, cfg, it.Repo.FullName(), it.Number, nil)
}

func lineClosedText(cleared []store.Waiter, state string) string {
	names := make([]string, 0, len(cleared))
	for _, w := range cleared {
		names = append(names, textsafe.Mention(w.Login))
	}
	why := "this issue is no longer labelled as a good first issue"
	if state == store.TaskClosed {
		why = "this issue was closed"
	}
	return fmt.Sprintf("%s: %s, so its waiting list is closed. Thank you for your interest, and have a look at the other good first issues!",
		strings.Join(names, ", "), why)
}

func (s *Service) guide(ctx context.Context, cfg *repoconfig.Config, it program.Item, label string) (string, error) {
	faq, err := mentoring.FAQURL(ctx, s.Store, cfg, it.Repo.Owner)
	if err != nil {
		return "", err
	}
	text, err := cfg.RenderGuide(repoconfig.GuideData{Repository: it.Repo.FullName(), Number: it.Number, Label: label,
		OfficeHours: mentoring.NextOfficeHours(cfg, it.Repo.Owner, s.now()), FAQURL: faq})
	if err != nil {
		return "", queue.Permanent(fmt.Errorf("render guide: %w", err)) // the same on every try
	}
	return text, nil
}

func guideKey(it program.Item) string { return "guide:" + taskKey(it.Repo.FullName(), it.Number) }

// Assigned records a next step on the contributor's path when someone who
// has done a starter task is assigned an issue with a next-step label.
func (s *Service) Assigned(ctx context.Context, cfg *repoconfig.Config, it program.Item, assignee string, at time.Time) error {
	if starterLabel(cfg, it.Labels) != "" || !hasAny(it.Labels, cfg.GoodFirstIssues.NextStepLabels) {
		return nil
	}
	return s.nextStep(ctx, it.Repo, it.Number, assignee, at)
}

func (s *Service) nextStep(ctx context.Context, r program.Repo, number int, login string, at time.Time) error {
	p, err := s.Store.ContributorPath(ctx, r.Owner, login)
	if err != nil || len(p.StarterTasks) == 0 {
		return err
	}
	added, err := s.Store.RecordPathStep(ctx, store.PathStep{Owner: r.Owner, Login: login, Step: store.StepNextStep, Repo: r.FullName(), Number: number, At: at})
	if added {
		zerolog.Ctx(ctx).Info().Str("contributor", login).Int("issue", number).Msg("A contributor took a next step")
	}
	return err
}

func hasAny(labels, set []string) bool {
	for _, l := range labels {
		if isOneOf(l, set) {
			return true
		}
	}
	return false
}
