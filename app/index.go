package app

import (
	"net/http"

	"github.com/mentorbot/mentorbot/app/dashboard"
)

// index serves the program dashboard (the README's "HTTP endpoints" and "Is it working?"), or
// nothing when the operator turned it off with server.dashboard: false.
func (a *App) index(w http.ResponseWriter, r *http.Request) {
	if !a.cfg.Server.DashboardEnabled() {
		http.NotFound(w, r)
		return
	}
	dashboard.New(a.db, dashboard.Options{WebURL: a.cfg.Github.WebURL, Now: a.now}).ServeHTTP(w, r)
}
