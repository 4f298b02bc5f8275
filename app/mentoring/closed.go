package mentoring

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/rs/zerolog"

	"github.com/mentorbot/mentorbot/app/program"
	"github.com/mentorbot/mentorbot/app/repoconfig"
	"github.com/mentorbot/mentorbot/app/store"
	"github.com/mentorbot/mentorbot/app/textsafe"
)

// maxSuggestions bounds the next-step issues suggested after a merge.
const maxSuggestions = 3

// Closed handles a merged or closed pull request, or a closed issue: it
// frees the mentor's place (and gives it to the next newcomer in line),
// celebrates a merge with next steps, or leaves a kind note.
func (s *Service) Closed(ctx context.Context, gh GitHub, cfg *repoconfig.Config, it program.Item, merged bool, at time.Time) error {
	if err := s.Store.CloseContribution(ctx, it.Repo.FullName(), it.Number, merged, at); err != nil {
		return err
	}
	reason := "closed"
	if merged {
		reason = "merged"
	}
	m, _, err := s.Store.EndMentorship(ctx, it.Repo.FullName(), it.Number, reason)
	if errors.Is(err, store.ErrNotFound) {
		return nil // not a newcomer's
	}
	if err != nil {
		return err
	}
	zerolog.Ctx(ctx).Info().Str("mentor", m.Mentor).Bool("merged", merged).Msg("Mentorship ended")
	switch {
	case merged:
		if err := s.celebrate(ctx, gh, cfg, it, m); err != nil {
			return err
		}
	case it.Kind == program.KindPullRequest:
		if err := s.postOnce(ctx, gh, it.Repo, it.Number, "closed:"+itemKey(it), closedNote(it, m)); err != nil {
			return err
		}
	}
	if m.State == store.MentorshipWaiting && cfg.Assignment.MentorWantedLabel != "" {
		if err := gh.RemoveLabel(ctx, it.Repo, it.Number, cfg.Assignment.MentorWantedLabel); err != nil {
			return fmt.Errorf("remove label: %w", err)
		}
	}
	if m.Mentor != "" {
		// Also on a retry (ended false): the first try may have failed
		// before it served the waiting list.
		return s.ServeWaiting(ctx, it.Repo.Owner)
	}
	return nil
}

func (s *Service) celebrate(ctx context.Context, gh GitHub, cfg *repoconfig.Config, it program.Item, m store.Mentorship) error {
	next, err := gh.OpenIssues(ctx, it.Repo, cfg.GoodFirstIssues.NextStepLabels, maxSuggestions)
	if err != nil {
		return fmt.Errorf("find next steps: %w", err)
	}
	var b strings.Builder
	fmt.Fprintf(&b, "🎉 Merged! Thank you, %s: your first pull request to %s is in.", textsafe.Mention(it.Author), textsafe.Code(it.Repo.FullName()))
	if m.Mentor != "" {
		fmt.Fprintf(&b, " And thanks to `%s` for mentoring.", m.Mentor)
	}
	b.WriteString("\n\n")
	if len(next) > 0 {
		b.WriteString("Ready for a next step? These open issues could use you:\n\n")
		for _, is := range next {
			fmt.Fprintf(&b, "- [%s](%s) (#%d)\n", textsafe.LinkText(is.Title, 100), is.URL, is.Number)
		}
		b.WriteString("\nComment `/claim` on one to take it. ")
	} else {
		b.WriteString("Have a look at the open issues whenever you are ready for the next one. ")
	}
	b.WriteString("We hope to see you again soon!")
	return s.postOnce(ctx, gh, it.Repo, it.Number, "merged:"+itemKey(it), b.String())
}

func closedNote(it program.Item, m store.Mentorship) string {
	var b strings.Builder
	fmt.Fprintf(&b, "Thank you for your pull request, %s. It was closed without being merged; that happens to everyone, and the time you spent is appreciated.", textsafe.Mention(it.Author))
	if m.Mentor != "" {
		fmt.Fprintf(&b, " If you would like to know why or what to try next, `%s` is glad to help.", m.Mentor)
	}
	b.WriteString(" We would love to see another contribution from you.")
	return b.String()
}

func itemKey(it program.Item) string { return fmt.Sprintf("%s#%d", it.Repo.FullName(), it.Number) }
