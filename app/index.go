package app

import (
	"net/http"

	"github.com/mentorbot/mentorbot/app/dashboard"
)

// index serves the program dashboard (the README's "HTTP endpoints" and
// "Is it working?") under dashboard.access, or nothing when it is off.
func (a *App) index(w http.ResponseWriter, r *http.Request) {
	if !a.cfg.DashboardEnabled() {
		http.NotFound(w, r)
		return
	}
	dashboard.New(a.db, dashboard.Options{WebURL: a.cfg.Github.WebURL, Now: a.now, Access: a.dashboardAccess}).ServeHTTP(w, r)
}

// dashboardAccess is what the visitor may see: everything with
// dashboard.access: public; otherwise the repositories last seen public,
// and the private ones a signed-in person can read.
func (a *App) dashboardAccess(r *http.Request) (dashboard.Access, error) {
	if a.cfg.Dashboard.Access == AccessPublic {
		return dashboard.Access{All: true}, nil
	}
	public, err := a.db.PublicRepositories(r.Context())
	if err != nil {
		return dashboard.Access{}, err
	}
	acc := dashboard.Access{Repos: public}
	if a.signin != nil {
		acc.SignIn = true
		s, ok, err := a.signin.session(r)
		if err != nil {
			return dashboard.Access{}, err
		}
		if ok {
			acc.Login = s.Login
			for _, repo := range s.Repos {
				acc.Repos[repo] = true
			}
		}
	}
	return acc, nil
}
