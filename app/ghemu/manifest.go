package ghemu

import (
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"io"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/google/go-github/v60/github"
)

// manifestCodeTTL is how long a manifest code can be converted.
const manifestCodeTTL = time.Hour

// appManifest is the part of a GitHub App manifest the emulator reads.
type appManifest struct {
	Name           string `json:"name"`
	URL            string `json:"url"`
	Description    string `json:"description"`
	RedirectURL    string `json:"redirect_url"`
	HookAttributes struct {
		URL    string `json:"url"`
		Active *bool  `json:"active"`
	} `json:"hook_attributes"`
}

type manifestCode struct {
	manifest  appManifest
	org       string
	createdAt time.Time
}

func randomHex(n int) string {
	b := make([]byte, n)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}

// serveWeb answers the web pages: the manifest flow's "create app" pages.
// The emulator creates the app at once (no confirmation page) and
// redirects to the manifest's redirect_url with ?code=…&state=….
func (e *Emulator) serveWeb(w http.ResponseWriter, r *http.Request) {
	start := e.now()
	body, _ := io.ReadAll(io.LimitReader(r.Body, maxBody))
	status := e.webPage(w, r, body)
	e.rec.add(Call{Time: start, Kind: kindWeb, Method: r.Method, Path: r.URL.Path, Query: r.URL.RawQuery,
		Status: status, Auth: AuthNone, Body: body, UserAgent: r.UserAgent()})
}

func (e *Emulator) webPage(w http.ResponseWriter, r *http.Request, body []byte) int {
	if status, done := e.oauthWeb(w, r, body); done {
		return status
	}
	parts := strings.Split(strings.Trim(r.URL.Path, "/"), "/")
	org := ""
	switch {
	case r.Method == http.MethodPost && r.URL.Path == "/settings/apps/new":
	case r.Method == http.MethodPost && len(parts) == 5 && parts[0] == "organizations" &&
		parts[2] == "settings" && parts[3] == "apps" && parts[4] == "new":
		org = parts[1]
	default:
		http.Error(w, "Not Found", http.StatusNotFound)
		return http.StatusNotFound
	}
	form, err := url.ParseQuery(string(body))
	if err != nil {
		http.Error(w, "invalid form", http.StatusBadRequest)
		return http.StatusBadRequest
	}
	var m appManifest
	if err := json.Unmarshal([]byte(form.Get("manifest")), &m); err != nil || m.URL == "" || m.RedirectURL == "" {
		http.Error(w, "Invalid GitHub App configuration: the manifest needs url and redirect_url", http.StatusUnprocessableEntity)
		return http.StatusUnprocessableEntity
	}
	target, err := url.Parse(m.RedirectURL)
	if err != nil {
		http.Error(w, "invalid redirect_url", http.StatusUnprocessableEntity)
		return http.StatusUnprocessableEntity
	}
	code := randomHex(10)
	e.mu.Lock()
	e.st.manifestCodes[code] = &manifestCode{manifest: m, org: org, createdAt: e.now()}
	e.mu.Unlock()
	v := target.Query()
	v.Set("code", code)
	state := r.URL.Query().Get("state")
	if state == "" {
		state = form.Get("state")
	}
	if state != "" {
		v.Set("state", state)
	}
	target.RawQuery = v.Encode()
	http.Redirect(w, r, target.String(), http.StatusFound)
	return http.StatusFound
}

type appConfigJSON struct {
	*github.AppConfig
	Permissions map[string]string `json:"permissions"`
	Events      []string          `json:"events"`
}

// convertManifest answers POST /app-manifests/{code}/conversions. The
// emulator has one app: the conversion hands out its ID, key and slug,
// names it after the manifest and, when the manifest has an active hook
// URL, sends webhooks there with the new secret. A code works once.
func (e *Emulator) convertManifest(q *req) reply {
	mc := e.st.manifestCodes[q.params["code"]]
	if mc == nil || e.now().Sub(mc.createdAt) > manifestCodeTTL {
		return notFound()
	}
	delete(e.st.manifestCodes, q.params["code"])
	m := mc.manifest
	secret := randomHex(20)
	if m.Name != "" {
		e.appName = m.Name
	}
	if m.HookAttributes.URL != "" && (m.HookAttributes.Active == nil || *m.HookAttributes.Active) {
		e.st.hookURL, e.st.hookSecret = m.HookAttributes.URL, secret
	}
	owner := e.userJSON(appOwner)
	if o := e.st.account(mc.org); o != nil {
		owner = e.userJSON(o)
	}
	now := e.now()
	e.st.clientID, e.st.clientSecret = "Iv1."+randomHex(8), randomHex(20)
	return created(appConfigJSON{
		AppConfig: &github.AppConfig{
			ID: ptr(e.opts.AppID), Slug: ptr(e.opts.AppSlug), NodeID: ptr(nodeID("Integration", e.opts.AppID)),
			Owner: owner, Name: ptr(e.appName), Description: ptr(m.Description), ExternalURL: ptr(m.URL),
			HTMLURL: ptr(e.webURL() + "/apps/" + e.opts.AppSlug), CreatedAt: ts(now), UpdatedAt: ts(now),
			ClientID: ptr(e.st.clientID), ClientSecret: ptr(e.st.clientSecret),
			WebhookSecret: ptr(secret), PEM: ptr(string(e.keyPEM)),
		},
		Permissions: appPermissions,
		Events:      appEvents,
	})
}
