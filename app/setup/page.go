package setup

import (
	"html/template"
	"net/http"
)

const pageHead = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>mentorbot setup</title>
<style>body{font:16px/1.5 system-ui,sans-serif;max-width:40rem;margin:2rem auto;padding:0 1rem;color:#1f2328}
button{font:inherit;padding:.5rem 1rem;border-radius:6px;border:1px solid #1f883d;background:#1f883d;color:#fff;cursor:pointer}
code{background:#f6f8fa;padding:0 .25rem}</style></head><body><h1>mentorbot setup</h1>
`

var (
	startPage = template.Must(template.New("start").Parse(pageHead + `
<p>This registers mentorbot as a GitHub App on <code>{{.WebURL}}</code>{{if .Org}}, owned by the organization <code>{{.Org}}</code>{{else}}, owned by your account{{end}},
with the permissions and events in <code>app.yml</code>. GitHub asks you to confirm, then sends you back here.</p>
<form action="{{.Action}}" method="post">
<input type="hidden" name="manifest" value="{{.Manifest}}">
<button type="submit">Create the GitHub App</button>
</form></body></html>`))

	donePage = template.Must(template.New("done").Parse(pageHead + `
<p>The GitHub App <strong>{{.Name}}</strong> (ID {{.AppID}}) is registered and its credentials are saved. You can close this page.</p>
<p>Next, <a href="{{.InstallURL}}">install it</a> on the repositories it should serve.</p>
</body></html>`))

	errorPage = template.Must(template.New("error").Parse(pageHead + `
<p>Setup did not finish: {{.}}</p>
<p><a href="/">Back to the setup page</a></p>
</body></html>`))
)

func render(w http.ResponseWriter, status int, t *template.Template, data any) {
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	_ = t.Execute(w, data) // the browser may have gone; nothing to do then
}
