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
	"github.com/mentorbot/mentorbot/app/textsafe"
)

type resolved struct {
	gh  GitHub
	cfg *repoconfig.Config
	// loads are the owner's mentors' state, read once per run where a
	// follow-up needs to know who is away.
	loads map[string]store.MentorLoad
}

// ServeWaiting pairs newcomers waiting in owner's repositories with mentors
// who have room now, in order of waiting, and tells each of them.
func (s *Service) ServeWaiting(ctx context.Context, owner string) error {
	waiting, err := s.Store.WaitingMentorships(ctx, owner)
	if err != nil {
		return err
	}
	repos := map[string]resolved{}
	for _, m := range waiting {
		if _, ok := repos[m.Repo]; ok {
			continue
		}
		r, err := s.resolve(ctx, m)
		if err != nil {
			return err
		}
		repos[m.Repo] = r
	}
	if len(repos) == 0 {
		return nil
	}
	decisions := map[string]selection.Decision{}
	pick := func(waiting []store.Mentorship, loads map[string]store.MentorLoad) (int, string, bool) {
		for i, w := range waiting {
			r, ok := repos[w.Repo]
			if !ok || r.cfg == nil {
				continue
			}
			d := selection.Select(candidates(r.cfg, loads), selection.Request{Author: w.Mentee, Areas: w.Areas, Previous: w.PreviousMentor, Now: s.now()})
			if d.Mentor != "" {
				decisions[fmt.Sprintf("%s#%d", w.Repo, w.Number)] = d
				return i, d.Mentor, true
			}
		}
		return 0, "", false
	}
	// Each pairing is stored with its notice, the label change and the
	// mentor's assignment, so none of them is lost to a failure.
	plan := func(_, m store.Mentorship) []store.Effect {
		cfg := repos[m.Repo].cfg
		it := itemOf(m)
		body := pairedNote(m.Mentee, m.Mentor, cfg.Assignment.FirstResponseHours) + "\n\n" +
			decisions[fmt.Sprintf("%s#%d", m.Repo, m.Number)].Explain(textsafe.Mention)
		p := newEffects(it).add(effectComment, fmt.Sprintf("paired:%s:%s", itemKey(it), strings.ToLower(m.Mentor)), body)
		if cfg.Assignment.MentorWantedLabel != "" {
			p.add(effectRemoveLabel, cfg.Assignment.MentorWantedLabel, "")
		}
		return p.engage(it, cfg.Assignment.RequestReview, m.Mentor).list
	}
	served, err := s.Store.ServeWaiting(ctx, owner, pick, plan)
	if err != nil {
		return err
	}
	var errs []error
	for _, m := range served {
		zerolog.Ctx(ctx).Info().Str("repository", m.Repo).Int("number", m.Number).Str("mentor", m.Mentor).Msg("Paired a waiting newcomer")
		if err := s.applyEffects(ctx, repos[m.Repo].gh, m.Repo, m.Number); err != nil {
			errs = append(errs, fmt.Errorf("%s#%d: %w", m.Repo, m.Number, err))
		}
	}
	return errors.Join(errs...)
}

func (s *Service) resolve(ctx context.Context, m store.Mentorship) (resolved, error) {
	if s.Resolve == nil {
		return resolved{}, fmt.Errorf("no resolver for %s", m.Repo)
	}
	it := itemOf(m)
	gh, cfg, err := s.Resolve(ctx, m.InstallationID, it.Repo)
	if err != nil {
		return resolved{}, fmt.Errorf("resolve %s: %w", m.Repo, err)
	}
	return resolved{gh: gh, cfg: cfg}, nil
}

// itemOf rebuilds the little the program needs of an item from its mentorship.
func itemOf(m store.Mentorship) program.Item {
	owner, name, _ := strings.Cut(m.Repo, "/")
	return program.Item{Repo: program.Repo{Owner: owner, Name: name}, InstallationID: m.InstallationID, Number: m.Number, Kind: m.Kind, Author: m.Mentee}
}
