package app

import (
	"github.com/mentorbot/mentorbot/app/claims"
	"github.com/mentorbot/mentorbot/app/gatherings"
	"github.com/mentorbot/mentorbot/app/gh"
	"github.com/mentorbot/mentorbot/app/mentoring"
	"github.com/mentorbot/mentorbot/handlers"
)

// buildServices makes the features over the store and GitHub, and the
// handlers' shared part that hands events to them. It is the one place
// where services are built.
func (a *App) buildServices() {
	a.github = gh.NewInstallations(a.clients, a.now)
	a.program = &mentoring.Service{Store: a.db, Resolve: a.github.Resolve, ForgetConfig: a.github.ForgetResolution, Now: a.now}
	a.claims = &claims.Service{Store: a.db, Program: a.program, Resolve: a.github.Resolve, ForgetConfig: a.github.ForgetResolution, Now: a.now}
	a.gatherings = &gatherings.Service{
		Store: a.db, Source: hoursSource{gh: a.github, db: a.db, now: a.now}, Now: a.now,
		StarterTasks: a.starterTasks, CompletedClaims: a.db.CompletedClaims,
	}
	a.base = &handlers.Base{
		GitHub: a.github, Store: a.db,
		Program: a.program, Claims: a.claims, Gatherings: a.gatherings,
		Commands: handlers.CommandRunners(a.program, a.claims, a.gatherings),
	}
	a.handlers = handlers.All(a.base)
}
