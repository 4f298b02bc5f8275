package app

import (
	"context"
	"net/url"
	"strings"

	"github.com/mentorbot/mentorbot/app/claims"
	"github.com/mentorbot/mentorbot/app/gatherings"
	"github.com/mentorbot/mentorbot/app/gh"
	"github.com/mentorbot/mentorbot/app/mentoring"
	"github.com/mentorbot/mentorbot/app/program"
	"github.com/mentorbot/mentorbot/app/repoconfig"
	"github.com/mentorbot/mentorbot/app/store"
	"github.com/mentorbot/mentorbot/handlers"
)

// buildServices makes the features over the store and GitHub, and the
// handlers' shared part that hands events to them. It is the one place
// where services are built.
func (a *App) buildServices() {
	a.github = gh.NewInstallations(a.clients, a.cfg.Github.App.IntegrationID, a.now)
	a.program = &mentoring.Service{Store: a.db, Resolve: resolver(a.db, a.github, func(c *gh.Client) mentoring.GitHub { return c }),
		ForgetConfig: a.github.ForgetResolution, Now: a.now, Started: a.now(), Unassignable: unassignableCounter(a.registry)}
	a.claims = &claims.Service{Store: a.db, Program: a.program, Resolve: resolver(a.db, a.github, func(c *gh.Client) claims.GitHub { return c }),
		ForgetConfig: a.github.ForgetResolution, Now: a.now}
	a.programs = hoursSource{gh: a.github, db: a.db, now: a.now}
	a.backfill = &visibilityBackfill{gh: a.github, db: a.db}
	a.gatherings = &gatherings.Service{
		Store: a.db, Source: a.programs, Now: a.now,
		StarterTasks: a.starterTasks,
	}
	if base := strings.TrimRight(a.cfg.Server.PublicURL, "/"); base != "" {
		a.gatherings.CalendarURL = func(owner string) string { return base + "/calendar/" + url.PathEscape(owner) + ".ics" }
	}
	a.base = &handlers.Base{
		GitHub: a.github, Store: a.db,
		Program: a.program, Claims: a.claims, Gatherings: a.gatherings,
		Commands: handlers.CommandRunners(a.program, a.claims, a.gatherings),
	}
	a.handlers = handlers.All(a.base)
}

// resolver gives a feature the clients and configurations of work that
// starts from the store, as the feature's own GitHub interface. Work of a
// suspended installation or an archived repository is parked: it gets no
// configuration (the app is off there for now) and costs no GitHub call.
func resolver[G any](db *store.DB, in *gh.Installations, as func(*gh.Client) G) func(context.Context, int64, program.Repo) (G, *repoconfig.Config, error) {
	return func(ctx context.Context, installationID int64, r program.Repo) (G, *repoconfig.Config, error) {
		var zero G
		if parked, err := db.Parked(ctx, installationID, r.FullName()); err != nil || parked {
			return zero, nil, err
		}
		client, cfg, err := in.Resolve(ctx, installationID, r)
		if err != nil {
			return zero, nil, err
		}
		return as(client), cfg, nil
	}
}
