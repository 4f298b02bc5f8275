package app

import (
	"context"
	"errors"
	"strings"
	"time"

	"github.com/google/go-github/v60/github"
	"github.com/rs/zerolog"

	"github.com/mentorbot/mentorbot/app/gatherings"
	"github.com/mentorbot/mentorbot/app/gatherings/schedule"
	"github.com/mentorbot/mentorbot/app/gh"
	"github.com/mentorbot/mentorbot/app/program"
	"github.com/mentorbot/mentorbot/app/store"
)

// programsScan is how often every installation's repositories are
// scanned for office hours, as a safety net: a new installation, added
// repositories and a push that changes a mentorship.yml find a program at
// once (store.DueHoursScan and store.DueHoursCheck), and between runs the
// store keeps each program's next due time, so a minute with nothing due
// reads no configuration.
const programsScan = 24 * time.Hour

// programsScanRetry is how soon a scan that could not read everything is
// tried again: not every minute, as one unreadable repository would make
// every minute a full scan.
const programsScanRetry = 15 * time.Minute

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
	gh  *gh.Installations
	db  *store.DB
	now func() time.Time
}

// Programs returns the office-hours programs that are due, each with its
// current configuration: every one after a full scan (at most every
// programsScan, or when an installation event asks for one), else the
// known programs whose due time came and the repositories a push named.
// Run records each program's next due time.
func (s hoursSource) Programs(ctx context.Context) ([]gatherings.Program, error) {
	ps, err := s.due(ctx)
	return ps, errors.Join(err, s.markPublic(ctx, ps))
}

// due lists the programs that are due, as Programs says.
func (s hoursSource) due(ctx context.Context) ([]gatherings.Program, error) {
	now := s.now()
	scans, err := s.db.DueTimes(ctx, store.DueHoursScan)
	if err != nil {
		return nil, err
	}
	if d, ok := scans[store.DueItemAllRepos]; !ok || !now.Before(d.At) {
		return s.fullScan(ctx, now)
	}
	known, err := s.db.DueTimes(ctx, store.DueOfficeHours)
	if err != nil {
		return nil, err
	}
	var out []gatherings.Program
	var errs []error
	for item, d := range known {
		if now.Before(d.At) {
			continue
		}
		if d.At.IsZero() { // a push changed the configuration
			s.forgetConfig(d.Repo)
		}
		p, ok, err := s.resolve(ctx, d)
		switch {
		case err != nil:
			errs = append(errs, err)
		case !ok || gatherings.DueItem(p) != item: // office hours off, or moved to another target
			errs = append(errs, s.db.ForgetDue(ctx, store.DueOfficeHours, item))
		}
		if ok {
			out = append(out, p)
		}
	}
	checks, err := s.db.DueTimes(ctx, store.DueHoursCheck)
	if err != nil {
		return out, errors.Join(append(errs, err)...)
	}
	for item, d := range checks {
		s.forgetConfig(d.Repo) // a push or an installation event named it
		p, ok, err := s.resolve(ctx, d)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		if ok {
			out = append(out, p)
		}
		errs = append(errs, s.db.ForgetDue(ctx, store.DueHoursCheck, item))
	}
	return out, errors.Join(errs...)
}

// known is the programs the scheduler knows (the store's due list), each
// with its configuration as cached: a public page such as the calendar may
// show them at the cost of at most one conditional request per program
// every gh.ConfigTTL, however often it is fetched.
func (s hoursSource) known(ctx context.Context) ([]gatherings.Program, error) {
	dues, err := s.db.DueTimes(ctx, store.DueOfficeHours)
	if err != nil {
		return nil, err
	}
	var out []gatherings.Program
	var errs []error
	for _, d := range dues {
		p, ok, err := s.resolve(ctx, d)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		if ok {
			out = append(out, p)
		}
	}
	return out, errors.Join(append(errs, s.markPublic(ctx, out))...)
}

// markPublic sets Public on programs whose configuration's repository and
// every series' repository the app saw as public: only those appear in the
// public calendar and link it.
func (s hoursSource) markPublic(ctx context.Context, ps []gatherings.Program) error {
	public, err := s.db.PublicRepositories(ctx)
	if err != nil {
		return err
	}
	for i := range ps {
		p := &ps[i]
		p.Public = p.Config != nil && public[strings.ToLower(p.Repo.FullName())]
		if p.Config == nil {
			continue
		}
		for _, o := range p.Config.Series() {
			p.Public = p.Public && public[strings.ToLower(p.Repo.Owner+"/"+o.Repository)]
		}
	}
	return nil
}

// resolve reads the configuration of a due item's repository and tells
// whether it runs office hours.
func (s hoursSource) resolve(ctx context.Context, d store.Due) (gatherings.Program, bool, error) {
	owner, name, _ := strings.Cut(d.Repo, "/")
	p := gatherings.Program{InstallationID: d.InstallationID, Repo: program.Repo{Owner: owner, Name: name}}
	_, cfg, err := s.gh.Resolve(ctx, d.InstallationID, p.Repo)
	if err != nil || cfg == nil || !gatherings.Runs(cfg) {
		return p, false, err
	}
	p.Config = cfg
	return p, true, nil
}

// forgetConfig drops the cached configuration of a repository
// (owner/name), so that a change pushed to it applies at once on this
// replica too.
func (s hoursSource) forgetConfig(repo string) {
	owner, name, _ := strings.Cut(repo, "/")
	s.gh.ForgetResolution(owner, name)
}

// fullScan scans every installation, forgets the programs it no longer
// finds and returns those it found, all due. A scan that could not read
// everything keeps what it knew and is tried again after programsScanRetry.
func (s hoursSource) fullScan(ctx context.Context, now time.Time) ([]gatherings.Program, error) {
	list, err := s.scan(ctx)
	if err != nil {
		retry := store.Due{Job: store.DueHoursScan, Item: store.DueItemAllRepos, At: now.Add(programsScanRetry)}
		return list, errors.Join(err, s.db.SetDue(ctx, retry))
	}
	found := map[string]bool{}
	for _, p := range list {
		found[gatherings.DueItem(p)] = true
	}
	known, err := s.db.DueTimes(ctx, store.DueOfficeHours)
	if err != nil {
		return list, err
	}
	var errs []error
	for item := range known {
		if !found[item] {
			errs = append(errs, s.db.ForgetDue(ctx, store.DueOfficeHours, item))
		}
	}
	errs = append(errs, s.db.SetDue(ctx, store.Due{Job: store.DueHoursScan, Item: store.DueItemAllRepos, At: now.Add(programsScan)}))
	return list, errors.Join(errs...)
}

// scan reads the configuration of every repository of every installation
// and keeps those that turn office hours on, recording each repository's
// visibility on the way (the calendar shows public programs only).
// Repositories without a mentorship.yml, or with an invalid one, are
// skipped; an installation or repository that cannot be read is reported
// in the error and the rest still count.
func (s hoursSource) scan(ctx context.Context) ([]gatherings.Program, error) {
	var out []gatherings.Program
	err := s.gh.EachRepository(ctx, func(installationID int64, client *github.Client, repos []*github.Repository) error {
		errs := []error{s.db.RecordVisibility(ctx, visibilityOf(repos))}
		for _, r := range repos {
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
			if gatherings.Runs(cfg) {
				out = append(out, gatherings.Program{InstallationID: installationID, Repo: program.Repo{Owner: r.GetOwner().GetLogin(), Name: r.GetName()}, Config: cfg})
			}
		}
		return errors.Join(errs...)
	})
	return out, err
}

// GitHub returns the installation's Discussions client.
func (s hoursSource) GitHub(ctx context.Context, installationID int64) (gatherings.GitHub, error) {
	return s.gh.Discussions(installationID)
}
