package gatherings

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/rs/zerolog"

	"github.com/mentorbot/mentorbot/app/gh/gherr"
	"github.com/mentorbot/mentorbot/app/program"
	"github.com/mentorbot/mentorbot/app/store"
	"github.com/mentorbot/mentorbot/app/textsafe"
)

// Kinds of setup problem.
const (
	problemUnreachable    = "unreachable"
	problemDiscussionsOff = "discussions-off"
	problemCategory       = "category"
	problemRecapCategory  = "recap-category"
	problemForbidden      = "forbidden"
)

// refused turns GitHub's permanent refusal of a discussion write into a
// setup problem: Discussions turned off since the site was read (GraphQL
// "does not have discussions enabled"), or the Discussions permission not
// granted (GraphQL FORBIDDEN). Reported like the others, once, with the
// back-off kept in the store, rather than failing the job every minute.
func refused(err error, p Program, out **setupProblem) bool {
	switch gherr.Classify(err) {
	case gherr.Forbidden:
		*out = &setupProblem{kind: problemForbidden, target: p.Target()}
	case gherr.Gone:
		*out = &setupProblem{kind: problemDiscussionsOff, target: p.Target()}
	default:
		return false
	}
	return true
}

// setupProblem is something in the office-hours setup that maintainers
// must fix; it is reported once, as an issue, until it is solved.
type setupProblem struct {
	kind     string
	target   program.Repo
	category string   // the missing category
	existing []string // the categories there are
}

func (p *setupProblem) Error() string {
	t := p.target.FullName()
	switch p.kind {
	case problemUnreachable:
		return fmt.Sprintf("cannot reach %s: it does not exist or the app is not installed on it", t)
	case problemDiscussionsOff:
		return fmt.Sprintf("discussions are turned off in %s", t)
	case problemForbidden:
		return fmt.Sprintf("the app may not write discussions in %s", t)
	default:
		return fmt.Sprintf("%s has no discussion category %q", t, p.category)
	}
}

// key names the problem for deduplication.
func (p setupProblem) key() string {
	k := strings.ToLower(p.target.FullName()) + ":" + p.kind
	if p.category != "" {
		k += ":" + strings.ToLower(p.category)
	}
	return k
}

// site is the target repository as office hours use it.
type site struct {
	repo          DiscussionRepo
	announcements Category
	recaps        *Category // nil: recaps are comments on the announcement
	problem       *setupProblem
	recapProblem  *setupProblem
}

func (st site) problems() []setupProblem {
	var out []setupProblem
	for _, p := range []*setupProblem{st.problem, st.recapProblem} {
		if p != nil {
			out = append(out, *p)
		}
	}
	return out
}

// site reads the target repository and finds the configured categories.
// Setup problems come back in the site; an error means GitHub could not be
// asked (try again).
func (s *Service) site(ctx context.Context, gh GitHub, p Program) (site, error) {
	t := p.Target()
	repo, err := gh.DiscussionRepository(ctx, t.Owner, t.Name)
	if errors.Is(err, ErrUnreachable) {
		return site{problem: &setupProblem{kind: problemUnreachable, target: t}}, nil
	}
	if err != nil {
		return site{}, err
	}
	st := site{repo: repo}
	if !repo.DiscussionsEnabled {
		st.problem = &setupProblem{kind: problemDiscussionsOff, target: t}
		return st, nil
	}
	o := p.Config.OfficeHours
	if c, ok := findCategory(repo.Categories, o.Category); ok {
		st.announcements = c
	} else {
		st.problem = &setupProblem{kind: problemCategory, target: t, category: o.Category, existing: categoryNames(repo.Categories)}
	}
	if strings.TrimSpace(o.RecapCategory) != "" {
		if c, ok := findCategory(repo.Categories, o.RecapCategory); ok {
			st.recaps = &c
		} else {
			st.recapProblem = &setupProblem{kind: problemRecapCategory, target: t, category: o.RecapCategory, existing: categoryNames(repo.Categories)}
		}
	}
	return st, nil
}

// findCategory matches a category by name, ignoring case and outer spaces.
func findCategory(cs []Category, name string) (Category, bool) {
	for _, c := range cs {
		if strings.EqualFold(strings.TrimSpace(c.Name), strings.TrimSpace(name)) {
			return c, true
		}
	}
	return Category{}, false
}

func categoryNames(cs []Category) []string {
	out := make([]string, 0, len(cs))
	for _, c := range cs {
		out = append(out, c.Name)
	}
	return out
}

// report logs a setup problem and opens one issue about it in the
// program's repository, unless one is open already. Failing to open the
// issue is logged too: the problem stays unreported and the next run
// tries again.
func (s *Service) report(ctx context.Context, gh GitHub, p Program, problem setupProblem) error {
	logger := zerolog.Ctx(ctx)
	logger.Error().Str("problem", problem.kind).Str("reason", problem.Error()).Str("fix", problem.fix()).
		Msg("Office hours cannot run until maintainers fix their setup; the next run tries again")
	n, claimed, err := s.Store.ClaimHoursNotice(ctx, store.HoursNotice{
		Key: problem.key(), Target: problem.target.FullName(), Problem: problem.kind, Repo: p.Repo.FullName(),
	})
	if err != nil || !claimed {
		return err
	}
	number, err := gh.CreateIssue(ctx, p.Repo, problem.title(), problem.issueBody())
	if err != nil && gherr.IsPermanent(err) {
		// Issues are off in the program's repository (410), or the app
		// may not open issues (403): asking again cannot help. The notice
		// stays, unposted, so the log above comes on the back-off, not
		// every run, and is gone with the problem.
		logger.Error().Err(err).Str("github_answer", gherr.Classify(err).String()).
			Msg("GitHub refuses the issue about the office-hours setup (Issues are off or not permitted in this repository); the problem is only logged")
		return s.Store.MarkHoursNoticeUnpostable(ctx, n.Key)
	}
	if err != nil {
		logger.Error().Err(err).Msg("Could not open an issue about the office-hours setup; the next run tries again")
		return s.Store.DeleteHoursNotice(ctx, n.Key)
	}
	logger.Info().Int("issue", number).Msg("Opened an issue about the office-hours setup")
	return s.Store.SaveHoursNotice(ctx, n.Key, number)
}

// resolve closes the open notices of the program's target whose problem
// is gone.
func (s *Service) resolve(ctx context.Context, gh GitHub, p Program, current []setupProblem) error {
	notices, err := s.Store.HoursNotices(ctx, p.StoreTarget())
	if err != nil {
		return err
	}
	var errs []error
	for _, n := range notices {
		if n.State == store.NoticeUnpostable && !stillThere(n, current) {
			errs = append(errs, s.Store.DeleteHoursNotice(ctx, n.Key)) // no issue to close
			continue
		}
		if n.State != store.NoticeOpen || stillThere(n, current) {
			continue
		}
		owner, name, _ := strings.Cut(n.Repo, "/")
		err := gh.CloseIssue(ctx, program.Repo{Owner: owner, Name: name}, n.Number,
			"Office hours work again, so this is fixed. Thank you! Closing.")
		if err != nil {
			errs = append(errs, fmt.Errorf("close notice %s#%d: %w", n.Repo, n.Number, err))
			continue
		}
		zerolog.Ctx(ctx).Info().Int("issue", n.Number).Msg("Closed the issue about a solved office-hours setup problem")
		errs = append(errs, s.Store.DeleteHoursNotice(ctx, n.Key))
	}
	return errors.Join(errs...)
}

func stillThere(n store.HoursNotice, current []setupProblem) bool {
	for _, c := range current {
		if c.key() == n.Key {
			return true
		}
	}
	return false
}

func (p setupProblem) title() string {
	t := p.target.FullName()
	switch p.kind {
	case problemUnreachable:
		return "Office hours: mentorbot cannot reach " + t
	case problemDiscussionsOff:
		return "Office hours: Discussions are turned off in " + t
	case problemForbidden:
		return "Office hours: mentorbot may not write Discussions in " + t
	case problemRecapCategory:
		return fmt.Sprintf("Office hours: the recap category \"%s\" is missing in %s", textsafe.Inline(p.category, 60), t)
	default:
		return fmt.Sprintf("Office hours: the discussion category \"%s\" is missing in %s", textsafe.Inline(p.category, 60), t)
	}
}

// fix says what maintainers should do.
func (p setupProblem) fix() string {
	t := textsafe.Code(p.target.FullName())
	switch p.kind {
	case problemUnreachable:
		return "install the app on " + t + " (the installation's repository access) and grant it the Discussions permission, " +
			"or set `office_hours.repository` in mentorship.yml to a repository of the same owner that the app can reach"
	case problemDiscussionsOff:
		return "turn Discussions on for " + t + " (Settings → General → Features → Discussions), or set " +
			"`office_hours.repository` to a repository that has them"
	case problemForbidden:
		return "grant the app the Discussions permission (read and write) and accept it in the installation's settings, " +
			"so that it can post in " + t
	}
	key := "office_hours.category"
	if p.kind == problemRecapCategory {
		key = "office_hours.recap_category"
	}
	fix := "create the category " + textsafe.Code(p.category) + " in the Discussions of " + t + ", or set `" + key +
		"` in mentorship.yml to an existing category"
	if len(p.existing) > 0 {
		names := make([]string, len(p.existing))
		for i, n := range p.existing {
			names[i] = textsafe.Code(n)
		}
		fix += " (" + strings.Join(names, ", ") + ")"
	}
	if p.kind == problemRecapCategory {
		fix += "; or remove `office_hours.recap_category` to post each recap as a comment on its announcement"
	}
	return fix
}

func (p setupProblem) issueBody() string {
	var what string
	switch p.kind {
	case problemUnreachable:
		what = "mentorbot cannot read " + textsafe.Code(p.target.FullName()) + ", the repository `office_hours.repository` names: " +
			"it does not exist, or the app is not installed on it or may not read its Discussions. No office hours can be announced."
	case problemDiscussionsOff:
		what = "Discussions are turned off in " + textsafe.Code(p.target.FullName()) + ", so office hours cannot be announced there."
	case problemForbidden:
		what = "GitHub refuses mentorbot's posts in the Discussions of " + textsafe.Code(p.target.FullName()) +
			" (\"Resource not accessible by integration\"): the installation has not granted it the Discussions permission."
	case problemRecapCategory:
		what = textsafe.Code(p.target.FullName()) + " has no discussion category " + textsafe.Code(p.category) +
			", which `office_hours.recap_category` names, so recaps cannot be posted."
	default:
		what = textsafe.Code(p.target.FullName()) + " has no discussion category " + textsafe.Code(p.category) +
			", which `office_hours.category` names, so office hours cannot be announced."
	}
	return what + "\n\n**How to fix it:** " + p.fix() + ".\n\n" +
		"mentorbot tries again on every scheduled run and closes this issue once it works.\n\n" +
		"<!-- mentorbot:office-hours-notice:" + p.key() + " -->"
}
