package ghemu

import (
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base64"
	"encoding/json"
	"html/template"
	"net/http"
	"net/url"
	"strings"
	"time"
)

// The GitHub App's user authorization ("Sign in with GitHub"): an
// authorize page where a test approves as a chosen user, the code
// exchange with PKCE, user tokens ("ghu_"), and the user endpoints.
const (
	oauthCodeTTL = 10 * time.Minute
	userTokenTTL = 8 * time.Hour
	// AuthUser is Call.Auth for a user token.
	AuthUser = "user"
)

// oauthCode is an authorization code waiting for its exchange.
type oauthCode struct {
	login       string
	redirectURI string
	challenge   string
	createdAt   time.Time
}

// userToken is a user access token of the app.
type userToken struct {
	login     string
	expiresAt time.Time
}

// OAuthClient returns the app's client ID and secret: those of the
// latest manifest conversion, or fixed ones before any.
func (e *Emulator) OAuthClient() (id, secret string) {
	e.mu.Lock()
	defer e.mu.Unlock()
	return e.st.clientID, e.st.clientSecret
}

// SetSignInUser pre-fills the authorize page with a login, as a browser
// already signed in to GitHub would be.
func (e *Emulator) SetSignInUser(login string) {
	e.mu.Lock()
	defer e.mu.Unlock()
	e.st.signInUser = login
}

var authorizePage = template.Must(template.New("authorize").Parse(`<!doctype html>
<html lang="en"><meta charset="utf-8"><title>Authorize {{.App}}</title>
<h1>Authorize {{.App}}</h1>
<form method="post" action="/login/oauth/authorize">
<label>Signed in as <input id="login" name="login" value="{{.Login}}"></label>
<input type="hidden" name="client_id" value="{{.ClientID}}">
<input type="hidden" name="redirect_uri" value="{{.RedirectURI}}">
<input type="hidden" name="state" value="{{.State}}">
<input type="hidden" name="code_challenge" value="{{.Challenge}}">
<input type="hidden" name="code_challenge_method" value="{{.Method}}">
<button id="authorize" type="submit">Authorize {{.App}}</button>
</form>
</html>
`))

// oauthWeb serves the authorize page and the code exchange; false when
// the request is for neither.
func (e *Emulator) oauthWeb(w http.ResponseWriter, r *http.Request, body []byte) (int, bool) {
	switch {
	case r.URL.Path == "/login/oauth/authorize" && r.Method == http.MethodGet:
		return e.authorizeForm(w, r.URL.Query()), true
	case r.URL.Path == "/login/oauth/authorize" && r.Method == http.MethodPost:
		form, _ := url.ParseQuery(string(body))
		return e.authorize(w, r, form), true
	case r.URL.Path == "/login/oauth/access_token" && r.Method == http.MethodPost:
		form, _ := url.ParseQuery(string(body))
		return e.exchangeCode(w, r, form), true
	}
	return 0, false
}

func (e *Emulator) authorizeForm(w http.ResponseWriter, q url.Values) int {
	e.mu.Lock()
	clientID, login, app := e.st.clientID, e.st.signInUser, e.appName
	e.mu.Unlock()
	if q.Get("client_id") != clientID {
		http.Error(w, "The client_id is not that of a GitHub App here", http.StatusNotFound)
		return http.StatusNotFound
	}
	if q.Get("code_challenge") != "" && q.Get("code_challenge_method") != "S256" {
		http.Error(w, "code_challenge_method must be S256", http.StatusBadRequest)
		return http.StatusBadRequest
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	authorizePage.Execute(w, map[string]string{
		"App": app, "Login": login, "ClientID": clientID, "RedirectURI": q.Get("redirect_uri"), "State": q.Get("state"),
		"Challenge": q.Get("code_challenge"), "Method": q.Get("code_challenge_method"),
	})
	return http.StatusOK
}

// authorize approves as the form's login and sends the browser back with
// a code and the state.
func (e *Emulator) authorize(w http.ResponseWriter, r *http.Request, form url.Values) int {
	back, err := url.Parse(form.Get("redirect_uri"))
	if err != nil || (back.Scheme != "http" && back.Scheme != "https") {
		http.Error(w, "redirect_uri is not a URL", http.StatusBadRequest)
		return http.StatusBadRequest
	}
	e.mu.Lock()
	a := e.st.account(form.Get("login"))
	okClient := form.Get("client_id") == e.st.clientID
	code := "c" + randomHex(10)
	if a != nil && a.typ == typeUser && okClient {
		e.st.oauthCodes[code] = &oauthCode{login: a.login, redirectURI: form.Get("redirect_uri"), challenge: form.Get("code_challenge"), createdAt: e.credNow()}
	}
	e.mu.Unlock()
	switch {
	case !okClient:
		http.Error(w, "unknown client_id", http.StatusNotFound)
		return http.StatusNotFound
	case a == nil || a.typ != typeUser:
		http.Error(w, "no such user", http.StatusUnprocessableEntity)
		return http.StatusUnprocessableEntity
	}
	q := back.Query()
	q.Set("code", code)
	q.Set("state", form.Get("state"))
	back.RawQuery = q.Encode()
	http.Redirect(w, r, back.String(), http.StatusFound)
	return http.StatusFound
}

// exchangeCode answers POST /login/oauth/access_token as GitHub does:
// 200 with either a token or an error code.
func (e *Emulator) exchangeCode(w http.ResponseWriter, r *http.Request, form url.Values) int {
	e.mu.Lock()
	answer := e.exchange(form)
	e.mu.Unlock()
	if strings.Contains(r.Header.Get("Accept"), "application/json") {
		w.Header().Set("Content-Type", "application/json; charset=utf-8")
		json.NewEncoder(w).Encode(answer)
		return http.StatusOK
	}
	v := url.Values{}
	for k, s := range answer {
		v.Set(k, s)
	}
	w.Header().Set("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")
	w.Write([]byte(v.Encode()))
	return http.StatusOK
}

func (e *Emulator) exchange(form url.Values) map[string]string {
	fail := func(code, desc string) map[string]string {
		return map[string]string{"error": code, "error_description": desc}
	}
	id, secret := form.Get("client_id"), form.Get("client_secret")
	if id != e.st.clientID || subtle.ConstantTimeCompare([]byte(secret), []byte(e.st.clientSecret)) != 1 {
		return fail("incorrect_client_credentials", "The client_id and/or client_secret passed are incorrect.")
	}
	c := e.st.oauthCodes[form.Get("code")]
	delete(e.st.oauthCodes, form.Get("code")) // a code works once
	switch {
	case c == nil || e.credNow().Sub(c.createdAt) > oauthCodeTTL:
		return fail("bad_verification_code", "The code passed is incorrect or expired.")
	case form.Get("redirect_uri") != "" && form.Get("redirect_uri") != c.redirectURI:
		return fail("redirect_uri_mismatch", "The redirect_uri MUST match the registered callback URL for this application.")
	case c.challenge != "":
		sum := sha256.Sum256([]byte(form.Get("code_verifier")))
		if base64.RawURLEncoding.EncodeToString(sum[:]) != c.challenge {
			return fail("invalid_grant", "The code_verifier does not match the code_challenge.")
		}
	}
	tok := "ghu_" + randomHex(18)
	e.st.userTokens[tok] = &userToken{login: c.login, expiresAt: e.credNow().Add(userTokenTTL)}
	return map[string]string{"access_token": tok, "token_type": "bearer", "scope": "", "expires_in": "28800"}
}

// userReadable tells whether the user can read the repository with
// explicit permission (owner, collaborator, organization member), which
// is what GitHub lists to a user token.
func userReadable(r *repoState, login string) bool { return permission(r, login) != "none" }

// getUser answers GET /user for a user token.
func (e *Emulator) getUser(q *req) reply { return ok(e.userJSON(q.caller.user)) }

// userInstallations answers GET /user/installations: the app's
// installations where the user can read a covered repository.
func (e *Emulator) userInstallations(q *req) reply {
	var out []installationJSON
	for _, in := range e.sortedInstallations() {
		if !in.suspendedAt.IsZero() {
			continue
		}
		for _, r := range e.st.sortedRepos() {
			if in.covers(r) && userReadable(r, q.caller.user.login) {
				out = append(out, e.installationJSON(in))
				break
			}
		}
	}
	page, link := paginate(e, q, out)
	rep := ok(map[string]any{"total_count": len(out), "installations": page})
	if link != "" {
		rep = rep.with("Link", link)
	}
	return rep
}

// userInstallationRepos answers GET /user/installations/{id}/repositories:
// the installation's repositories the user can read.
func (e *Emulator) userInstallationRepos(q *req) reply {
	id, _ := q.intParam("id")
	in := e.st.installations[id]
	if in == nil || !in.suspendedAt.IsZero() {
		return notFound()
	}
	var repos []any
	for _, r := range e.st.sortedRepos() {
		if in.covers(r) && userReadable(r, q.caller.user.login) {
			repos = append(repos, e.repoJSON(r))
		}
	}
	if len(repos) == 0 {
		return notFound()
	}
	page, link := paginate(e, q, repos)
	rep := ok(map[string]any{"total_count": len(repos), "repositories": page})
	if link != "" {
		rep = rep.with("Link", link)
	}
	return rep
}
