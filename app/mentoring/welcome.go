package mentoring

import (
	"context"
	"fmt"
	"strings"

	"github.com/rs/zerolog"

	"github.com/mentorbot/mentorbot/app/mentoring/newcomer"
	"github.com/mentorbot/mentorbot/app/mentoring/selection"
	"github.com/mentorbot/mentorbot/app/program"
	"github.com/mentorbot/mentorbot/app/queue"
	"github.com/mentorbot/mentorbot/app/repoconfig"
	"github.com/mentorbot/mentorbot/app/store"
	"github.com/mentorbot/mentorbot/app/textsafe"
)

// Opened handles a newly opened pull request or issue: it records the
// contribution, and for a first-timer pairs a mentor, welcomes them, labels
// the item and (on a pull request) assigns the mentor and asks for a review.
// Running it again for the same item edits the welcome instead of posting.
func (s *Service) Opened(ctx context.Context, gh GitHub, cfg *repoconfig.Config, it program.Item) error {
	logger := zerolog.Ctx(ctx)
	if err := s.MenteeActive(ctx, it, it.Author, it.AuthorType, it.CreatedAt); err != nil { // a mentee's new item
		return err
	}
	verdict, err := s.classify(ctx, gh, cfg, it)
	if err != nil {
		return err
	}
	stored, created, err := s.Store.RecordContribution(ctx, store.Contribution{
		Repo: it.Repo.FullName(), Number: it.Number, Owner: it.Repo.Owner, Kind: it.Kind,
		Login: it.Author, FirstTimer: verdict.Kind == newcomer.FirstTimer, OpenedAt: it.CreatedAt,
	})
	if err != nil {
		return err
	}
	if !stored.FirstTimer {
		logger.Debug().Str("verdict", verdict.Kind.String()).Str("reason", verdict.Reason).Msg("Not a first-timer; nothing to do")
		return nil
	}
	logger.Info().Str("reason", verdict.Reason).Msg("Welcoming a first-time contributor")
	it.NoComments = it.NoComments && created && s.openedWhileRunning(it)
	return s.pair(ctx, gh, cfg, it, true)
}

// classify decides whether the author is a first-timer, looking them up on
// GitHub once when the store knows nothing of them.
func (s *Service) classify(ctx context.Context, gh GitHub, cfg *repoconfig.Config, it program.Item) (newcomer.Verdict, error) {
	if c, err := s.Store.GetContribution(ctx, it.Repo.FullName(), it.Number); err == nil {
		// Seen before (a retry): keep the verdict made the first time.
		if c.FirstTimer {
			return newcomer.Verdict{Kind: newcomer.FirstTimer, Reason: "recorded as a first-timer"}, nil
		}
		return newcomer.Verdict{Kind: newcomer.Returning, Reason: "recorded as returning"}, nil
	}
	in := newcomer.Input{Login: it.Author, UserType: it.AuthorType, Association: it.Association, IsMentor: isMentor(cfg, it.Author)}
	h, err := s.Store.ContributorHistory(ctx, it.Repo.Owner, it.Author, it.Kind)
	if err != nil {
		return newcomer.Verdict{}, err
	}
	in.History = newcomer.History{Known: h.Known, Contributions: h.Contributions}
	v := newcomer.Classify(in)
	if v.Kind != newcomer.NeedsLookup {
		return v, nil
	}
	n, err := gh.CountAuthored(ctx, it.Repo.Owner, it.Author, it.Kind, it.CreatedAt)
	if err != nil {
		return v, fmt.Errorf("look up earlier contributions: %w", err)
	}
	if err := s.Store.SaveLookup(ctx, it.Repo.Owner, it.Author, it.Kind, n); err != nil {
		return v, err
	}
	in.History = newcomer.History{Known: true, Contributions: n}
	return newcomer.Classify(in), nil
}

// pair assigns a mentor (or puts the newcomer in line) and writes the
// welcome. label adds the first-timer label.
func (s *Service) pair(ctx context.Context, gh GitHub, cfg *repoconfig.Config, it program.Item, label bool) error {
	if !newcomer.HasLogin(it.Author) {
		// Never "Welcome, , …" nor a mentor assigned to nobody.
		return queue.Permanent(fmt.Errorf("%s #%d has no author login: nobody to welcome", it.Repo.FullName(), it.Number))
	}
	areas, err := s.areas(ctx, gh, cfg, it)
	if err != nil {
		return err
	}
	earlier, err := s.findEarlierWelcome(ctx, gh, cfg, it)
	if err != nil {
		return err
	}
	var decision selection.Decision
	req := selection.Request{Author: it.Author, Areas: areas, Now: s.now()}
	choose := chooser(cfg, req, &decision)
	if earlier.mentor != "" {
		// An earlier store paired them: keep that mentor, not a second one.
		choose = func(map[string]store.MentorLoad, string) string { return earlier.mentor }
	}
	m, changed, err := s.Store.Assign(ctx, store.Mentorship{
		Repo: it.Repo.FullName(), Number: it.Number, Owner: it.Repo.Owner, InstallationID: it.InstallationID,
		Kind: it.Kind, Mentee: it.Author, Areas: areas,
	}, choose)
	if err != nil {
		return err
	}
	zerolog.Ctx(ctx).Info().Str("mentor", m.Mentor).Str("state", m.State).Bool("earlier_welcome", earlier.found).Msg("Mentor chosen")

	faq, err := FAQURL(ctx, s.Store, cfg, it.Repo.Owner)
	if err != nil {
		return err
	}
	body, err := s.welcomeBody(cfg, it, m, decision, faq)
	if err != nil {
		return err
	}
	// A retry finds the pairing made, and a new store an earlier store's
	// pairing: the welcome then stands as first written (with its
	// explanation), unless its POST never landed. GitHub was asked about
	// the welcome just now when the store had no record of it.
	edit := changed && earlier.mentor == ""
	if _, err := s.writeComment(ctx, gh, it.Repo, it.Number, welcomeKey(it), body, edit, !earlier.looked); err != nil {
		return err
	}
	var labels []string
	if label && cfg.FirstTimers.Label != "" {
		labels = append(labels, cfg.FirstTimers.Label)
	}
	if m.Mentor == "" && cfg.Assignment.MentorWantedLabel != "" {
		labels = append(labels, cfg.Assignment.MentorWantedLabel)
	}
	if len(labels) > 0 {
		if err := gh.AddLabels(ctx, it.Repo, it.Number, labels); err != nil && !skipDenied(ctx, err, "add labels") {
			return fmt.Errorf("add labels: %w", err)
		}
	}
	if m.Mentor == "" {
		return nil
	}
	assigned, err := s.engage(ctx, gh, cfg, it, m.Mentor)
	if err != nil || assigned {
		return err
	}
	// GitHub left the mentor out (no access): the welcome says so to
	// maintainers. This costs a write only in that rare case.
	_, err = s.writeComment(ctx, gh, it.Repo, it.Number, welcomeKey(it), body+unassignableNote(it, m.Mentor), true, false)
	return err
}

// engage makes the mentor visible on a pull request: assignee and, when
// configured, reviewer. Issues only get the mention in the welcome (an
// issue's assignee is whoever works on it). It reports false when GitHub
// left the mentor out of the assignees (no access to the repository),
// which it logs and counts; no review is then requested, which GitHub
// would refuse.
func (s *Service) engage(ctx context.Context, gh GitHub, cfg *repoconfig.Config, it program.Item, login string) (bool, error) {
	if it.Kind != program.KindPullRequest {
		return true, nil
	}
	assigned, err := gh.Assign(ctx, it.Repo, it.Number, login)
	if err != nil {
		if skipDenied(ctx, err, "assign mentor") {
			return true, nil
		}
		return false, fmt.Errorf("assign mentor: %w", err)
	}
	if !assigned {
		s.unassignable(ctx, login)
		return false, nil
	}
	if cfg.Assignment.RequestReview {
		if err := gh.RequestReviewers(ctx, it.Repo, it.Number, []string{login}); err != nil && !skipDenied(ctx, err, "request review") {
			return true, fmt.Errorf("request review: %w", err)
		}
	}
	return true, nil
}

// areas matches the configured areas against the item's labels and, for a
// pull request, its changed files.
func (s *Service) areas(ctx context.Context, gh GitHub, cfg *repoconfig.Config, it program.Item) ([]string, error) {
	if len(cfg.Areas) == 0 {
		return nil, nil
	}
	var paths []string
	paths = it.Files
	if it.Kind == program.KindPullRequest && needsFiles(cfg) && it.Files == nil {
		files, err := gh.PullRequestFiles(ctx, it.Repo, it.Number)
		if err != nil {
			return nil, fmt.Errorf("list changed files: %w", err)
		}
		paths = files
	}
	return selection.MatchAreas(areaRules(cfg), paths, it.Labels), nil
}

func (s *Service) welcomeBody(cfg *repoconfig.Config, it program.Item, m store.Mentorship, d selection.Decision, faqURL string) (string, error) {
	data := repoconfig.WelcomeData{
		Author:             it.Author,
		Mentor:             m.Mentor,
		Kind:               it.Noun(),
		Repository:         it.Repo.FullName(),
		Number:             it.Number,
		FirstResponseHours: cfg.Assignment.FirstResponseHours,
		OfficeHours:        NextOfficeHours(cfg, it.Repo.Owner, s.now()),
		FAQURL:             faqURL,
	}
	render := cfg.RenderWelcomePR
	if it.Kind == program.KindIssue {
		render = cfg.RenderWelcomeIssue
	}
	text, err := render(data)
	if err != nil {
		// The same configuration renders the same way on every try: a
		// dead letter at once, which `deliveries retry` runs again once
		// the template is fixed.
		return "", queue.Permanent(fmt.Errorf("render welcome: %w", err))
	}
	var b strings.Builder
	b.WriteString(text)
	if m.Mentor == "" {
		b.WriteString("\n\n> [!NOTE]\n> For maintainers: every mentor is away or at capacity, so this newcomer is waiting. " +
			"The first mentor who frees up (or comes back) is assigned automatically, in order of waiting; " +
			"`/mentor` from a maintainer tries again now.")
	}
	if len(d.Steps) > 0 || len(d.Filtered) > 0 {
		b.WriteString("\n\n")
		b.WriteString(d.Explain(textsafe.Mention))
	}
	return b.String(), nil
}

func welcomeKey(it program.Item) string {
	return fmt.Sprintf("welcome:%s#%d", it.Repo.FullName(), it.Number)
}
