package app

import (
	"net/http"

	"github.com/mentorbot/mentorbot/app/dashboard"
)

// index serves the program dashboard (contract sections 3 and 6), or
// nothing when the operator turned it off with server.dashboard: false.
func (a *App) index(w http.ResponseWriter, r *http.Request) {
	if !a.cfg.Server.DashboardEnabled() {
		http.NotFound(w, r)
		return
	}
	dashboard.New(a.db, dashboard.Options{WebURL: a.cfg.Github.WebURL, Now: a.now}).ServeHTTP(w, r)
}
