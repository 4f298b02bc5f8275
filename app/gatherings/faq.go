package gatherings

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"slices"
	"strings"

	"github.com/rs/zerolog"

	"github.com/mentorbot/mentorbot/app/gatherings/schedule"
	"github.com/mentorbot/mentorbot/app/program"
	"github.com/mentorbot/mentorbot/app/repoconfig"
	"github.com/mentorbot/mentorbot/app/store"
	"github.com/mentorbot/mentorbot/app/textsafe"
)

// maxFAQEntries bounds the entries the FAQ page is computed from: the
// newest ones; the page's own size limit cuts further.
const maxFAQEntries = 2000

// errFAQSetup is a living FAQ that cannot be written until maintainers fix
// its setup (repository unreachable, Discussions off, no such category).
var errFAQSetup = errors.New("the living FAQ's repository or category is missing")

// Runs tells whether a configuration gives the scheduled job work: a
// series of gatherings or the living FAQ.
func Runs(cfg *repoconfig.Config) bool { return len(cfg.Series()) > 0 || cfg.FAQ.Enabled() }

// FAQTarget is the repository holding the program's FAQ discussion
// ("owner/name"), or "" when the living FAQ is off.
func FAQTarget(cfg *repoconfig.Config, owner string) string {
	if cfg == nil {
		return ""
	}
	return cfg.FAQ.Target(owner)
}

func faqMarker(target string) string { return "<!-- mentorbot:faq:" + strings.ToLower(target) + " -->" }

// faqPage computes the FAQ discussion's title and body from the stored
// entries alone, so every run (and every retry) writes the same text.
func (s *Service) faqPage(ctx context.Context, p Program, target string) (title, body string, n int, err error) {
	entries, err := s.Store.FAQEntries(ctx, p.Repo.Owner, maxFAQEntries)
	if err != nil {
		return "", "", 0, err
	}
	items := make([]schedule.FAQItem, 0, len(entries))
	for _, e := range entries {
		items = append(items, schedule.FAQItem{
			Area:     textsafe.Inline(e.Area, 60),
			Question: textsafe.Inline(e.Question, 120),
			Answer:   textsafe.Inline(e.Excerpt, 300),
			Author:   textsafe.Inline(e.Author, 40),
			URL:      e.URL,
			SavedAt:  e.SavedAt,
		})
	}
	return textsafe.Inline(p.Config.FAQ.Title, 100), schedule.FAQBody(items, faqMarker(target)), len(items), nil
}

func digestOf(title, body string) string {
	sum := sha256.Sum256([]byte(title + "\x00" + body))
	return hex.EncodeToString(sum[:16])
}

// syncFAQ brings the program's FAQ discussion up to date: it calls GitHub
// only when the body computed from the store differs from the one last
// written, and creates nothing before the first entry. The discussion is
// created once: looked for by its marker before any create, its node ID
// stored after. A discussion someone deleted is written again.
func (s *Service) syncFAQ(ctx context.Context, p Program) error { return s.writeFAQ(ctx, p, true) }

// writeFAQ is syncFAQ; again allows one more try after finding the
// discussion deleted.
func (s *Service) writeFAQ(ctx context.Context, p Program, again bool) error {
	target := FAQTarget(p.Config, p.Repo.Owner)
	if target == "" {
		return nil
	}
	page, err := s.Store.GetFAQPage(ctx, target)
	if err != nil && !errors.Is(err, store.ErrNotFound) {
		return err
	}
	page.Owner = p.Repo.Owner
	title, body, n, err := s.faqPage(ctx, p, target)
	if err != nil {
		return err
	}
	digest := digestOf(title, body)
	if page.NodeID != "" && page.Digest == digest || page.NodeID == "" && n == 0 {
		return nil // up to date, or nothing to show yet
	}
	logger := zerolog.Ctx(ctx).With().Str("faq", target).Logger()
	gh, err := s.Source.GitHub(ctx, p.InstallationID)
	if err != nil {
		return err
	}
	if page.NodeID == "" {
		created, err := s.findOrCreateFAQ(ctx, gh, p, &page, title, body)
		if err != nil || created {
			if err == nil {
				page.Digest = digest
				err = s.Store.SaveFAQPage(ctx, page)
				logger.Info().Str("url", page.URL).Msg("Created the living FAQ discussion")
			}
			return err
		}
	}
	err = gh.UpdateDiscussion(ctx, page.NodeID, title, body)
	if errors.Is(err, ErrGone) && again {
		// Someone deleted it: forget it, and write it anew.
		logger.Warn().Str("url", page.URL).Msg("The living FAQ discussion was deleted; writing it again")
		page.NodeID, page.Number, page.URL, page.Digest = "", 0, "", ""
		if err := s.Store.SaveFAQPage(ctx, page); err != nil {
			return err
		}
		return s.writeFAQ(ctx, p, false)
	}
	if err != nil {
		return err // the digest stays old: the next run sends the same body again
	}
	page.Digest = digest
	logger.Info().Str("url", page.URL).Msg("Updated the living FAQ discussion")
	return s.Store.SaveFAQPage(ctx, page)
}

// findOrCreateFAQ finds the FAQ discussion by its marker, or creates it;
// created tells which. Where it is found it is stored at once (with the
// old digest), so a failed edit that follows does not search again.
func (s *Service) findOrCreateFAQ(ctx context.Context, gh GitHub, p Program, page *store.FAQPage, title, body string) (created bool, err error) {
	t := program.Repo{Owner: p.Repo.Owner, Name: p.Config.FAQ.Repository}
	repo, err := gh.DiscussionRepository(ctx, t.Owner, t.Name)
	if errors.Is(err, ErrUnreachable) {
		return false, errFAQSetup
	}
	if err != nil {
		return false, err
	}
	cat, ok := findCategory(repo.Categories, p.Config.FAQ.Category)
	if !repo.DiscussionsEnabled || !ok {
		zerolog.Ctx(ctx).Warn().Str("repository", t.FullName()).Str("category", p.Config.FAQ.Category).
			Strs("categories", categoryNames(repo.Categories)).
			Msg("The living FAQ needs Discussions on and its category in its repository; the next run tries again")
		return false, errFAQSetup
	}
	found, ok, err := gh.FindDiscussion(ctx, t.Owner, t.Name, cat.ID, faqMarker(page.Target))
	if err != nil {
		return false, err
	}
	if ok {
		page.NodeID, page.Number, page.URL = found.ID, found.Number, found.URL
		return false, s.Store.SaveFAQPage(ctx, *page)
	}
	post, err := gh.CreateDiscussion(ctx, repo.ID, cat.ID, title, body)
	if err != nil {
		return false, err // a create whose answer was lost is found by its marker next time
	}
	page.NodeID, page.Number, page.URL = post.ID, post.Number, post.URL
	return true, nil
}

// faqArea is the area an FAQ entry belongs to: the first configured area
// (alphabetically) one of the item's labels belongs to, else the author's
// only area as a mentor, else "".
func faqArea(cfg *repoconfig.Config, labels []string, author string) string {
	names := make([]string, 0, len(cfg.Areas))
	for name := range cfg.Areas {
		names = append(names, name)
	}
	slices.Sort(names)
	for _, name := range names {
		for _, l := range cfg.Areas[name].Labels {
			if slices.ContainsFunc(labels, func(x string) bool { return strings.EqualFold(x, l) }) {
				return name
			}
		}
	}
	if m, ok := cfg.FindMentor(author); ok && len(m.Areas) == 1 {
		return m.Areas[0]
	}
	return ""
}
