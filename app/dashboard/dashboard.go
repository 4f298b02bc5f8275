// Package dashboard serves the program dashboard at GET /: the figures of
// the README's "Is it working?" section as one server-rendered page with SVG charts. It needs
// no JavaScript and loads nothing from elsewhere (its stylesheet is inline
// and a Content-Security-Policy forbids the rest), so it works offline, on
// a phone and behind the operator's proxy (every link is relative). Each
// visitor sees only the repositories their Access allows (see access.go).
package dashboard

import (
	"bytes"
	"context"
	"html/template"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/rs/zerolog"

	"github.com/mentorbot/mentorbot/app/figures"
)

// Defaults of the page.
const (
	DefaultPeriod = 30 * figures.Day
	CohortMonths  = 6  // months in the retention cohort chart
	TaskLimit     = 6  // open starter tasks listed
	MentorLimit   = 12 // mentors drawn in the load chart
	maxParamLen   = 200
)

// Periods are the lengths the page offers, by their query value.
var Periods = []struct {
	Value  string
	Length time.Duration
}{
	{"7d", 7 * figures.Day},
	{"30d", 30 * figures.Day},
	{"90d", 90 * figures.Day},
	{"365d", 365 * figures.Day},
}

// Source is where the figures come from; *store.DB is one.
type Source interface {
	LoadMetrics(ctx context.Context, s figures.Scope, r figures.Range, progress func(done, total int)) (figures.Data, error)
	OpenTasks(ctx context.Context, s figures.Scope, limit int) ([]figures.Task, int, error)
	// OpenTasksIn is OpenTasks within the repositories allow accepts.
	OpenTasksIn(ctx context.Context, s figures.Scope, allow func(repo string) bool, limit int) ([]figures.Task, int, error)
}

// Options tune the page.
type Options struct {
	// WebURL is GitHub's web address, for links to people and repositories
	// (https://github.com, or a GitHub Enterprise Server's).
	WebURL string
	// Now is the clock; time.Now when nil.
	Now func() time.Time
	// Access tells what a visitor may see; every repository when nil.
	Access AccessFunc
}

// Handler renders the dashboard.
type Handler struct {
	src  Source
	opts Options
}

// New returns the dashboard handler.
func New(src Source, opts Options) *Handler {
	if opts.Now == nil {
		opts.Now = time.Now
	}
	opts.WebURL = strings.TrimSuffix(opts.WebURL, "/")
	return &Handler{src: src, opts: opts}
}

// request is what a query asks for.
type request struct {
	scope  figures.Scope
	period string
	length time.Duration
}

// parseRequest reads ?owner=, ?repo=owner/name and ?period=30d.
func parseRequest(q url.Values) (request, string) {
	req := request{period: "30d", length: DefaultPeriod}
	if v := q.Get("period"); v != "" {
		found := false
		for _, p := range Periods {
			if p.Value == v {
				req.period, req.length, found = p.Value, p.Length, true
			}
		}
		if !found {
			return req, "period: use 7d, 30d, 90d or 365d"
		}
	}
	owner, repo := strings.TrimSpace(q.Get("owner")), strings.TrimSpace(q.Get("repo"))
	if len(owner) > maxParamLen || len(repo) > maxParamLen {
		return req, "owner or repo: too long"
	}
	switch {
	case repo != "":
		o, name, ok := strings.Cut(repo, "/")
		if !ok || o == "" || name == "" || strings.Contains(name, "/") {
			return req, "repo: use owner/name"
		}
		if owner != "" && !strings.EqualFold(owner, o) {
			return req, "repo: not one of owner's repositories"
		}
		req.scope = figures.RepoScope(repo)
	case owner != "":
		if strings.Contains(owner, "/") {
			return req, "owner: a login, without /"
		}
		req.scope = figures.Scope{Owner: owner}
	}
	return req, ""
}

// ServeHTTP renders the page for the scope and period the query names.
func (h *Handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	req, problem := parseRequest(r.URL.Query())
	if problem != "" {
		http.Error(w, problem, http.StatusBadRequest)
		return
	}
	ctx := r.Context()
	logger := zerolog.Ctx(ctx)
	acc := Access{All: true}
	if h.opts.Access != nil {
		var err error
		if acc, err = h.opts.Access(r); err != nil {
			logger.Error().Err(err).Msg("Dashboard could not tell what the visitor may see")
			http.Error(w, "store unavailable", http.StatusServiceUnavailable)
			return
		}
	}
	now := h.opts.Now().UTC()
	p := figures.Last(now, req.length)
	d, err := h.src.LoadMetrics(ctx, req.scope, figures.Needs(p, CohortMonths), nil)
	if err != nil {
		logger.Error().Err(err).Msg("Dashboard could not read the store")
		http.Error(w, "store unavailable", http.StatusServiceUnavailable)
		return
	}
	d = filter(d, acc)
	if !known(d, req.scope) {
		notFound(w, req.scope)
		return
	}
	var tasks []figures.Task
	total := 0
	if figures.ClaimsOf(d, req.scope, p).Recorded {
		if tasks, total, err = h.openTasks(ctx, req.scope, acc); err != nil {
			logger.Error().Err(err).Msg("Dashboard could not read the starter tasks")
			http.Error(w, "store unavailable", http.StatusServiceUnavailable)
			return
		}
	}
	pg := build(view{data: d, req: req, period: p, tasks: tasks, totalTasks: total, webURL: h.opts.WebURL})
	pg.Login, pg.SignIn = acc.Login, acc.SignIn
	var buf bytes.Buffer
	if err := pageTemplate.Execute(&buf, pg); err != nil {
		logger.Error().Err(err).Msg("Dashboard could not be rendered")
		http.Error(w, "dashboard failed", http.StatusInternalServerError)
		return
	}
	setHeaders(w)
	w.Write(buf.Bytes())
}

// openTasks lists the visitor's open starter tasks: with a partial view,
// only those of the repositories they may see, and the count is theirs too.
func (h *Handler) openTasks(ctx context.Context, s figures.Scope, acc Access) ([]figures.Task, int, error) {
	if acc.All {
		return h.src.OpenTasks(ctx, s, TaskLimit)
	}
	return h.src.OpenTasksIn(ctx, s, acc.Allows, TaskLimit)
}

func setHeaders(w http.ResponseWriter) {
	hdr := w.Header()
	hdr.Set("Content-Type", "text/html; charset=utf-8")
	hdr.Set("Content-Security-Policy", contentSecurityPolicy)
	hdr.Set("Cache-Control", "no-store")
	hdr.Set("X-Content-Type-Options", "nosniff")
	hdr.Set("Referrer-Policy", "no-referrer")
}

// known tells whether the store has recorded anything of the scope: a
// link to an owner or repository it never saw (misspelt, not installed)
// is a 404, not a page of zeros.
func known(d figures.Data, s figures.Scope) bool {
	if s.Kind() == figures.ScopeAll {
		return true
	}
	var repos []string
	for _, x := range d.Items {
		repos = append(repos, x.Repo)
	}
	for _, x := range d.Newcomers {
		repos = append(repos, x.Repo)
	}
	for _, x := range d.Assignments {
		repos = append(repos, x.Repo)
	}
	for _, x := range d.Open {
		repos = append(repos, x.Repo)
	}
	for _, x := range d.Claims {
		repos = append(repos, x.Repo)
	}
	for _, x := range d.Steps {
		repos = append(repos, x.Repo)
	}
	for _, x := range d.Posts {
		repos = append(repos, x.Repo, x.Target)
	}
	for _, r := range repos {
		if r != "" && s.Includes(r) {
			return true
		}
	}
	if s.Kind() != figures.ScopeOwner {
		return false
	}
	owners := append(append([]string{}, d.ClaimOwners...), d.HoursOwners...)
	for _, m := range d.Mentors {
		owners = append(owners, m.Owner)
	}
	for _, o := range owners {
		if s.IncludesOwner(o) {
			return true
		}
	}
	return false
}

var notFoundTemplate = template.Must(template.New("404").Parse(`<!doctype html>
<html lang="en">
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Not found · Mentoring program</title>
<h1>Nothing recorded for {{.}}</h1>
<p>mentorbot has no record of {{.}}: the name may be misspelt, the app may not be installed there, or no one has contributed since it was.</p>
<p><a href="?">All repositories</a></p>
</html>
`))

// notFound answers a scope the store never saw.
func notFound(w http.ResponseWriter, s figures.Scope) {
	setHeaders(w)
	w.WriteHeader(http.StatusNotFound)
	notFoundTemplate.Execute(w, s.String())
}
