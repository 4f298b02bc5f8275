package app

import (
	"html/template"
	"net/http"

	"github.com/rs/zerolog"
)

var indexPage = template.Must(template.New("index").Parse(`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>mentorbot</title>
<style>body{font:16px/1.5 system-ui,sans-serif;max-width:40rem;margin:2rem auto;padding:0 1rem;color:#1f2328}
table{border-collapse:collapse}td,th{padding:.25rem .75rem;text-align:left;border-bottom:1px solid #d0d7de}</style></head>
<body><h1>mentorbot</h1>
<p>Installed on {{len .Installations}} account(s).</p>
<table><tr><th>Queue</th><th>Deliveries</th></tr>
{{range $state, $n := .Depth}}<tr><td>{{$state}}</td><td>{{$n}}</td></tr>{{end}}</table>
<p><a href="/healthz">/healthz</a> · <a href="/readyz">/readyz</a> · <a href="/metrics">/metrics</a></p>
</body></html>`))

// index is the service's front page.
func (a *App) index(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	insts, err := a.db.Installations(ctx)
	if err != nil {
		zerolog.Ctx(ctx).Error().Err(err).Msg("Index page could not read the store")
		http.Error(w, "store unavailable", http.StatusServiceUnavailable)
		return
	}
	depth, err := a.db.QueueDepth(ctx)
	if err != nil {
		http.Error(w, "store unavailable", http.StatusServiceUnavailable)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	indexPage.Execute(w, map[string]any{"Installations": insts, "Depth": depth})
}
