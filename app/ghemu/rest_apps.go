package ghemu

import (
	"encoding/json"
	"net/http"
	"sort"
	"strconv"
	"time"

	"github.com/google/go-github/v60/github"
)

// appPermissions are the permissions the app has on every installation.
var appPermissions = map[string]string{
	"contents": "read", "discussions": "write", "issues": "write",
	"members": "read", "metadata": "read", "pull_requests": "write",
}

// appEvents are the webhook events the app subscribes to.
var appEvents = []string{
	"discussion", "discussion_comment", "issue_comment", "issues", "label",
	"pull_request", "pull_request_review",
}

// appOwner is the account shown as the app's owner.
var appOwner = &account{id: 1, nodeID: nodeID("Organization", 1), login: "ghemu", typ: typeOrg}

// appJSON is GET /app with permissions as a map (go-github's struct lacks
// newer permissions such as discussions).
type appJSON struct {
	*github.App
	Permissions map[string]string `json:"permissions"`
}

type installationJSON struct {
	*github.Installation
	Permissions map[string]string `json:"permissions"`
}

func (e *Emulator) getApp(q *req) reply {
	return ok(appJSON{
		App: &github.App{
			ID: ptr(e.opts.AppID), Slug: ptr(e.opts.AppSlug), NodeID: ptr(nodeID("Integration", e.opts.AppID)),
			Owner: e.userJSON(appOwner), Name: ptr(e.appName), Description: ptr(""),
			ExternalURL: ptr(e.webURL()), HTMLURL: ptr(e.webURL() + "/apps/" + e.opts.AppSlug),
			CreatedAt: ts(e.st.bot.createdAt), UpdatedAt: ts(e.st.bot.createdAt),
			Events: appEvents, InstallationsCount: ptr(len(e.st.installations)),
		},
		Permissions: appPermissions,
	})
}

func (e *Emulator) installationJSON(in *installation) installationJSON {
	api := e.apiURL()
	html := e.webURL() + "/settings/installations/" + strconv.FormatInt(in.id, 10)
	if in.account.typ == typeOrg {
		html = e.webURL() + "/organizations/" + in.account.login + "/settings/installations/" + strconv.FormatInt(in.id, 10)
	}
	var suspendedAt *github.Timestamp
	if !in.suspendedAt.IsZero() {
		suspendedAt = ts(in.suspendedAt)
	}
	return installationJSON{
		Installation: &github.Installation{
			SuspendedAt: suspendedAt,
			ID:          ptr(in.id), NodeID: ptr(in.nodeID), AppID: ptr(e.opts.AppID), AppSlug: ptr(e.opts.AppSlug),
			TargetID: ptr(in.account.id), TargetType: ptr(in.account.typ), Account: e.userJSON(in.account),
			AccessTokensURL: ptr(api + "/app/installations/" + strconv.FormatInt(in.id, 10) + "/access_tokens"),
			RepositoriesURL: ptr(api + "/installation/repositories"), HTMLURL: ptr(html),
			RepositorySelection: ptr(in.selection), Events: appEvents, SingleFilePaths: []string{},
			CreatedAt: ts(in.createdAt), UpdatedAt: ts(in.createdAt),
		},
		Permissions: appPermissions,
	}
}

func (e *Emulator) sortedInstallations() []*installation {
	out := make([]*installation, 0, len(e.st.installations))
	for _, in := range e.st.installations {
		out = append(out, in)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].id < out[j].id })
	return out
}

func (e *Emulator) listInstallations(q *req) reply {
	var out []installationJSON
	for _, in := range e.sortedInstallations() {
		out = append(out, e.installationJSON(in))
	}
	return list(e, q, out)
}

func (e *Emulator) getInstallation(q *req) reply {
	id, _ := q.intParam("id")
	in := e.st.installations[id]
	if in == nil {
		return notFound()
	}
	return ok(e.installationJSON(in))
}

// tokenRequest is the body of POST /app/installations/{id}/access_tokens.
type tokenRequest struct {
	Repositories  []string          `json:"repositories"`
	RepositoryIDs []int64           `json:"repository_ids"`
	Permissions   map[string]string `json:"permissions"`
}

type tokenJSON struct {
	Token               string               `json:"token"`
	ExpiresAt           *github.Timestamp    `json:"expires_at"`
	Permissions         map[string]string    `json:"permissions"`
	RepositorySelection string               `json:"repository_selection"`
	Repositories        []*github.Repository `json:"repositories,omitempty"`
}

var permissionRank = map[string]int{"read": 1, "write": 2, "admin": 3}

func (e *Emulator) createToken(q *req) reply {
	id, _ := q.intParam("id")
	in := e.st.installations[id]
	if in == nil {
		return notFound()
	}
	if !in.suspendedAt.IsZero() {
		return errorReply(http.StatusForbidden, "This installation has been suspended")
	}
	var body tokenRequest
	if len(q.body) > 0 {
		if err := json.Unmarshal(q.body, &body); err != nil {
			return badJSON()
		}
	}
	perms := granted(in)
	if len(body.Permissions) > 0 {
		for k, v := range body.Permissions {
			if permissionRank[v] == 0 || permissionRank[v] > permissionRank[perms[k]] {
				return unprocessable("The permissions requested are not granted to this installation.")
			}
		}
		perms = body.Permissions
	}
	var repoIDs map[int64]bool
	if len(body.Repositories) > 0 || len(body.RepositoryIDs) > 0 {
		repoIDs = map[int64]bool{}
		for _, name := range body.Repositories {
			r := e.st.repo(in.account.login, name)
			if r == nil || !in.covers(r) {
				return unprocessable("There is at least one repository that does not exist or is not accessible to the parent installation.")
			}
			repoIDs[r.ID] = true
		}
		for _, rid := range body.RepositoryIDs {
			r := e.st.repoByID(rid)
			if r == nil || !in.covers(r) {
				return unprocessable("There is at least one repository that does not exist or is not accessible to the parent installation.")
			}
			repoIDs[rid] = true
		}
	}
	value, err := newTokenValue()
	if err != nil {
		return errorReply(http.StatusInternalServerError, "Server Error")
	}
	tok := &token{value: value, installationID: in.id, expiresAt: e.credNow().Add(e.opts.TokenTTL).Truncate(time.Second),
		repoIDs: repoIDs, permissions: perms}
	e.st.tokens[value] = tok
	out := tokenJSON{Token: value, ExpiresAt: ts(tok.expiresAt), Permissions: perms, RepositorySelection: in.selection}
	if repoIDs != nil || in.selection == "selected" {
		out.RepositorySelection = "selected"
		for _, r := range e.st.sortedRepos() {
			if in.covers(r) && (repoIDs == nil || repoIDs[r.ID]) {
				out.Repositories = append(out.Repositories, e.repoJSON(r))
			}
		}
	}
	return created(out)
}

func (e *Emulator) repoInstallation(q *req) reply {
	r := e.st.repo(q.params["owner"], q.params["repo"])
	if r == nil {
		return notFound()
	}
	if in := e.st.installationFor(r); in != nil {
		return ok(e.installationJSON(in))
	}
	return notFound()
}

// accountInstallation answers GET /orgs/{account}/installation and
// GET /users/{account}/installation.
func (e *Emulator) accountInstallation(q *req, orgOnly bool) reply {
	a := e.st.account(q.params["account"])
	if a == nil || (orgOnly && a.typ != typeOrg) {
		return notFound()
	}
	for _, in := range e.sortedInstallations() {
		if in.account == a {
			return ok(e.installationJSON(in))
		}
	}
	return notFound()
}

func (e *Emulator) installationRepos(q *req) reply {
	var repos []*github.Repository
	for _, r := range e.st.sortedRepos() {
		if q.caller.visible(r) {
			repos = append(repos, e.repoJSON(r))
		}
	}
	page, link := paginate(e, q, repos)
	selection := q.caller.inst.selection
	if q.caller.tok.repoIDs != nil {
		selection = "selected"
	}
	rep := ok(map[string]any{"total_count": len(repos), "repository_selection": selection, "repositories": page})
	if link != "" {
		rep = rep.with("Link", link)
	}
	return rep
}
