package mentoring

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/rs/zerolog"

	"github.com/mentorbot/mentorbot/app/mentoring/selection"
	"github.com/mentorbot/mentorbot/app/program"
	"github.com/mentorbot/mentorbot/app/repoconfig"
	"github.com/mentorbot/mentorbot/app/store"
)

// ClaimPairing is the mentor of someone who claimed a starter task.
type ClaimPairing struct {
	// Mentor is "" while every mentor is away or at capacity: the claimer
	// then waits in the same line as newcomers and is told when paired.
	Mentor string
	// Explanation is the "Why this mentor?" block when the pairing was
	// made by this call; "" on a repeat.
	Explanation string
}

// PairClaim pairs the claimer of a starter task (it.Author, it the issue)
// with a mentor through the same rotation, capacity and waiting list as
// newcomers' pull requests; a repeat returns the pairing made. A
// mentorship the issue's author had on it (a newcomer's issue that became
// a starter task) ends: the work is now the claimer's.
func (s *Service) PairClaim(ctx context.Context, gh GitHub, cfg *repoconfig.Config, it program.Item) (ClaimPairing, error) {
	repo := it.Repo.FullName()
	m, err := s.Store.GetMentorship(ctx, repo, it.Number)
	switch {
	case err == nil && m.State != store.MentorshipEnded && !strings.EqualFold(m.Mentee, it.Author):
		if err := s.endMentorship(ctx, it, m, "claimed by another contributor"); err != nil {
			return ClaimPairing{}, err
		}
	case err != nil && !errors.Is(err, store.ErrNotFound):
		return ClaimPairing{}, err
	}
	areas, err := s.areas(ctx, gh, cfg, it)
	if err != nil {
		return ClaimPairing{}, err
	}
	var decision selection.Decision
	m, changed, err := s.Store.Assign(ctx, store.Mentorship{
		Repo: repo, Number: it.Number, Owner: it.Repo.Owner, InstallationID: it.InstallationID,
		Kind: program.KindIssue, Mentee: it.Author, Areas: areas,
	}, chooser(cfg, selection.Request{Author: it.Author, Areas: areas, Now: s.now()}, &decision))
	if err != nil {
		return ClaimPairing{}, err
	}
	zerolog.Ctx(ctx).Info().Str("mentor", m.Mentor).Str("state", m.State).Bool("new", changed).Msg("Claimer paired")
	out := ClaimPairing{Mentor: m.Mentor}
	if changed && len(decision.Steps) > 0 {
		// The claimed reply mentions the mentor already: once is enough.
		out.Explanation = decision.Explain(nil)
	}
	if m.Mentor == "" && cfg.Assignment.MentorWantedLabel != "" {
		if err := gh.AddLabels(ctx, it.Repo, it.Number, []string{cfg.Assignment.MentorWantedLabel}); err != nil {
			return out, fmt.Errorf("add labels: %w", err)
		}
	}
	return out, nil
}

// EndClaimMentorship ends the mentorship of a claim that was released
// (it.Author the claimer) and gives the mentor's freed place to whoever
// waits for one. Nothing happens when the claimer had no open mentorship.
func (s *Service) EndClaimMentorship(ctx context.Context, gh GitHub, cfg *repoconfig.Config, it program.Item, reason string) error {
	m, err := s.Store.GetMentorship(ctx, it.Repo.FullName(), it.Number)
	if errors.Is(err, store.ErrNotFound) {
		return nil
	}
	if err != nil {
		return err
	}
	if m.State == store.MentorshipEnded || !strings.EqualFold(m.Mentee, it.Author) {
		return nil
	}
	if m.State == store.MentorshipWaiting && cfg != nil && cfg.Assignment.MentorWantedLabel != "" {
		if err := gh.RemoveLabel(ctx, it.Repo, it.Number, cfg.Assignment.MentorWantedLabel); err != nil {
			return fmt.Errorf("remove label: %w", err)
		}
	}
	return s.endMentorship(ctx, it, m, reason)
}

func (s *Service) endMentorship(ctx context.Context, it program.Item, m store.Mentorship, reason string) error {
	ended, ok, err := s.Store.EndMentorship(ctx, m.Repo, m.Number, reason)
	if err != nil {
		return err
	}
	zerolog.Ctx(ctx).Info().Str("mentee", m.Mentee).Str("mentor", m.Mentor).Str("reason", reason).Msg("Mentorship ended")
	if ok && ended.Mentor != "" {
		return s.ServeWaiting(ctx, it.Repo.Owner)
	}
	return nil
}

// PostOnce posts a comment under key on the item unless one was posted
// under it before (see upsertComment for how a retry finds a comment
// whose POST landed unseen).
func (s *Service) PostOnce(ctx context.Context, gh GitHub, it program.Item, key, body string) error {
	return s.postOnce(ctx, gh, it.Repo, it.Number, key, body)
}
