package app

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/google/go-github/v60/github"
	"github.com/rs/zerolog"

	"github.com/mentorbot/mentorbot/app/gatherings"
	"github.com/mentorbot/mentorbot/app/gatherings/schedule"
	"github.com/mentorbot/mentorbot/app/gh"
	"github.com/mentorbot/mentorbot/app/program"
)

// listPage is the page size of the installation and repository lists.
const listPage = 100

// programsTTL is how long the list of repositories that run office hours
// is trusted before every repository's configuration is read again. The
// job runs every minute; reading every repository's mentorship.yml (and,
// where there is none, the owner's .github fallback, whose 404s the HTTP
// cache does not keep) that often would spend an installation's rate limit
// on a large organization.
const programsTTL = time.Hour

// programCache remembers which repositories run office hours.
type programCache struct {
	mu sync.Mutex
	at time.Time // wall clock of the last full scan
	// triedAt is when a calendar request last scanned (see known).
	triedAt time.Time
	list    []gatherings.Program
}

// starterTasks is the claims digest of the program's repository: its open,
// unclaimed starter tasks, oldest first. A repository whose tasks the
// claims program has not seen yet (labelled before the app came) gets the
// open, unassigned issues with a good-first-issue label instead; a claim
// assigns its claimer, so these are unclaimed too.
func (a *App) starterTasks(ctx context.Context, gh gatherings.GitHub, p gatherings.Program, limit int) ([]schedule.Task, error) {
	tasks, err := a.claims.OpenStarterTasks(ctx, p.Repo.FullName())
	if err != nil {
		return nil, err
	}
	if len(tasks) == 0 {
		return gatherings.OpenIssueTasks(ctx, gh, p, limit)
	}
	out := make([]schedule.Task, 0, min(limit, len(tasks)))
	for _, t := range tasks[:min(limit, len(tasks))] {
		out = append(out, schedule.Task{Title: t.Title, URL: t.URL})
	}
	return out, nil
}

// hoursSource finds office-hours programs through the app's installations.
type hoursSource struct {
	gh    *gh.Installations
	cache *programCache
}

// Programs returns the repositories that turn office hours on, each with
// its current configuration. A full scan of every installation's
// repositories runs at most once per programsTTL; in between only the
// known programs' configurations are read again (conditional requests,
// free of rate limit), so a changed schedule applies at once and a newly
// configured repository joins within the hour.
func (s hoursSource) Programs(ctx context.Context) ([]gatherings.Program, error) {
	s.cache.mu.Lock()
	defer s.cache.mu.Unlock()
	if s.cache.at.IsZero() || time.Since(s.cache.at) > programsTTL {
		list, err := s.scan(ctx)
		if err == nil {
			s.cache.at, s.cache.list = time.Now(), slices.Clone(list)
		}
		return list, err
	}
	list, err := s.refresh(ctx, slices.Clone(s.cache.list))
	if err == nil {
		s.cache.list = slices.Clone(list)
	}
	return list, err
}

// known is the programs as last read, without calling GitHub: what a
// public page may show without spending the installations' rate limit.
// Only a service that has not scanned yet (just started, its first job
// still to come) scans once here; later calls never call GitHub.
func (s hoursSource) known(ctx context.Context) ([]gatherings.Program, error) {
	s.cache.mu.Lock()
	defer s.cache.mu.Unlock()
	// A failing scan is not repeated for a minute, so public requests
	// cannot make the service call GitHub in a loop.
	if s.cache.at.IsZero() && time.Since(s.cache.triedAt) > time.Minute {
		s.cache.triedAt = time.Now()
		list, err := s.scan(ctx)
		if err != nil {
			return list, err
		}
		s.cache.at, s.cache.list = time.Now(), slices.Clone(list)
	}
	return slices.Clone(s.cache.list), nil
}

// refresh reads the known programs' configurations again, dropping those
// that no longer run office hours.
func (s hoursSource) refresh(ctx context.Context, known []gatherings.Program) ([]gatherings.Program, error) {
	var out []gatherings.Program
	var errs []error
	for _, p := range known {
		_, cfg, err := s.gh.Resolve(ctx, p.InstallationID, p.Repo)
		switch {
		case err != nil:
			errs = append(errs, err)
			out = append(out, p) // keep it with the configuration last read
		case cfg != nil && len(cfg.Series()) > 0:
			p.Config = cfg
			out = append(out, p)
		}
	}
	return out, errors.Join(errs...)
}

// scan reads the configuration of every repository of every installation
// and keeps those that turn office hours on. Repositories without a
// mentorship.yml, or with an invalid one, are skipped; an installation or
// repository that cannot be read is reported in the error and the rest
// still count.
func (s hoursSource) scan(ctx context.Context) ([]gatherings.Program, error) {
	app, err := s.gh.NewAppClient()
	if err != nil {
		return nil, fmt.Errorf("app client: %w", err)
	}
	var out []gatherings.Program
	var errs []error
	opt := &github.ListOptions{PerPage: listPage}
	for {
		insts, res, err := app.Apps.ListInstallations(ctx, opt)
		if err != nil {
			return out, fmt.Errorf("list installations: %w", err)
		}
		for _, inst := range insts {
			if inst.SuspendedAt != nil {
				continue
			}
			ps, err := s.installationPrograms(ctx, inst.GetID())
			out = append(out, ps...)
			if err != nil {
				errs = append(errs, fmt.Errorf("installation %d: %w", inst.GetID(), err))
			}
		}
		if res.NextPage == 0 {
			return out, errors.Join(errs...)
		}
		opt.Page = res.NextPage
	}
}

func (s hoursSource) installationPrograms(ctx context.Context, installationID int64) ([]gatherings.Program, error) {
	client, err := s.gh.NewInstallationClient(installationID)
	if err != nil {
		return nil, fmt.Errorf("installation client: %w", err)
	}
	var out []gatherings.Program
	var errs []error
	public := map[string]bool{} // lower-case name → public, as listed
	// markPublic sets Public once the whole list is read: the office-hours
	// repository may come after the repository configuring it.
	markPublic := func() {
		for i := range out {
			p := &out[i]
			p.Public = public[strings.ToLower(p.Repo.Name)]
			for _, o := range p.Config.Series() {
				p.Public = p.Public && public[strings.ToLower(o.Repository)]
			}
		}
	}
	opt := &github.ListOptions{PerPage: listPage}
	for {
		list, res, err := client.Apps.ListRepos(ctx, opt)
		if err != nil {
			markPublic()
			return out, fmt.Errorf("list repositories: %w", err)
		}
		for _, r := range list.Repositories {
			public[strings.ToLower(r.GetName())] = !r.GetPrivate() && r.GetVisibility() != "internal" && r.GetVisibility() != "private"
			if r.GetArchived() || r.GetDisabled() {
				continue
			}
			cfg, err := s.gh.LoadConfig(ctx, client, r.GetOwner().GetLogin(), r.GetName())
			var invalid *gh.InvalidConfigError
			switch {
			case errors.Is(err, gh.ErrNoConfig):
				continue
			case errors.As(err, &invalid):
				zerolog.Ctx(ctx).Debug().Str("source", invalid.Source).Msg("Skipping office hours of a repository with an invalid mentorship.yml")
				continue
			case err != nil:
				errs = append(errs, err)
				continue
			}
			if len(cfg.Series()) > 0 {
				out = append(out, gatherings.Program{InstallationID: installationID, Repo: program.Repo{Owner: r.GetOwner().GetLogin(), Name: r.GetName()}, Config: cfg})
			}
		}
		if res.NextPage == 0 {
			markPublic()
			return out, errors.Join(errs...)
		}
		opt.Page = res.NextPage
	}
}

// GitHub returns the installation's Discussions client.
func (s hoursSource) GitHub(ctx context.Context, installationID int64) (gatherings.GitHub, error) {
	return s.gh.Discussions(installationID)
}
