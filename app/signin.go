package app

import (
	"context"
	"crypto/rand"
	"crypto/subtle"
	"encoding/base64"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/google/go-github/v60/github"
	"github.com/rs/zerolog"
	"golang.org/x/oauth2"

	"github.com/mentorbot/mentorbot/app/store"
)

// Sign-in settings.
const (
	sessionCookie = "mentorbot_session"
	flowCookie    = "mentorbot_signin"
	// sessionTTL is how long a sign-in lasts; what the person can read is
	// checked again at the next sign-in. The session lives in the store
	// (dashboard_sessions); the cookie carries only its signed random ID.
	sessionTTL = time.Hour
	flowTTL    = 10 * time.Minute
	// readableTTL is how long what a person can read is remembered
	// between sign-ins (in memory, by GitHub user ID).
	readableTTL   = time.Minute
	signinTimeout = 20 * time.Second
)

// signIn is "Sign in with GitHub" for the dashboard, through the GitHub
// App's own user authorization: the user token learns the login and the
// repositories of the app's installations the person can read, then is
// dropped. It is never stored nor logged.
type signIn struct {
	oauth     oauth2.Config
	publicURL string // "" to use the request's host
	secure    bool
	v3        *url.URL
	signer    cookieSigner
	now       func() time.Time
	transport http.RoundTripper
	store     *store.DB

	mu       sync.Mutex
	readable map[int64]readableEntry
	// calls counts the requests to GitHub, for the tests' figures.
	calls atomic.Int64
}

type readableEntry struct {
	installations []int64
	repos         []*github.Repository
	until         time.Time
}

// sessionIDBytes is the session ID's randomness.
const sessionIDBytes = 32

// flowData is the sign-in in progress: the state GitHub must send back
// and the PKCE verifier.
type flowData struct {
	State    string `json:"s"`
	Verifier string `json:"v"`
}

// newSignIn is nil when the access mode or the configuration leaves no
// one to sign in.
func newSignIn(cfg *Config, db *store.DB, now func() time.Time) (*signIn, error) {
	d := cfg.Dashboard
	if (d.Access != AccessSignin && d.Access != "") || !d.SignInConfigured() || !cfg.DashboardEnabled() {
		return nil, nil
	}
	v3, err := url.Parse(cfg.Github.V3APIURL)
	if err != nil {
		return nil, fmt.Errorf("github.v3_api_url: %w", err)
	}
	web := strings.TrimSuffix(cfg.Github.WebURL, "/")
	s := &signIn{
		oauth: oauth2.Config{
			ClientID:     d.OAuthClientID,
			ClientSecret: d.OAuthClientSecret,
			Endpoint: oauth2.Endpoint{
				AuthURL:   web + "/login/oauth/authorize",
				TokenURL:  web + "/login/oauth/access_token",
				AuthStyle: oauth2.AuthStyleInParams,
			},
		},
		publicURL: strings.TrimSuffix(cfg.Server.PublicURL, "/"),
		secure:    strings.HasPrefix(cfg.Server.PublicURL, "https://"),
		v3:        v3,
		signer:    cookieSigner{key: []byte(d.SessionKey)},
		now:       now,
		transport: http.DefaultTransport,
		store:     db,
		readable:  map[int64]readableEntry{},
	}
	return s, nil
}

// sessionID reads the session ID from the visitor's cookie; false when
// there is none, or it is expired or tampered with.
func (s *signIn) sessionID(r *http.Request) (string, bool) {
	c, err := r.Cookie(sessionCookie)
	if err != nil {
		return "", false
	}
	var id string
	if err := s.signer.decode(sessionCookie, c.Value, s.now(), &id); err != nil || id == "" {
		return "", false
	}
	return id, true
}

// session reads the visitor's session from the store; false when there
// is none: no cookie, a tampered or expired one, or a session that ended
// (logout, expiry).
func (s *signIn) session(r *http.Request) (store.Session, bool, error) {
	id, ok := s.sessionID(r)
	if !ok {
		return store.Session{}, false, nil
	}
	return s.store.Session(r.Context(), id)
}

func (s *signIn) cookie(name, value, path string, maxAge time.Duration) *http.Cookie {
	c := &http.Cookie{Name: name, Value: value, Path: path, HttpOnly: true, Secure: s.secure, SameSite: http.SameSiteLaxMode}
	if maxAge > 0 {
		c.MaxAge = int(maxAge / time.Second)
		c.Expires = s.now().Add(maxAge)
	} else {
		c.MaxAge = -1
	}
	return c
}

func (s *signIn) redirectURL(r *http.Request) string {
	if s.publicURL != "" {
		return s.publicURL + "/login/callback"
	}
	scheme := "http"
	if r.TLS != nil {
		scheme = "https"
	}
	return scheme + "://" + r.Host + "/login/callback"
}

// login sends the visitor to GitHub to authorize the app.
func (s *signIn) login(w http.ResponseWriter, r *http.Request) {
	state, err := randomString(32)
	if err != nil {
		http.Error(w, "sign-in unavailable", http.StatusInternalServerError)
		return
	}
	verifier := oauth2.GenerateVerifier()
	value, err := s.signer.encode(flowCookie, flowData{State: state, Verifier: verifier}, s.now().Add(flowTTL))
	if err != nil {
		http.Error(w, "sign-in unavailable", http.StatusInternalServerError)
		return
	}
	http.SetCookie(w, s.cookie(flowCookie, value, "/login", flowTTL))
	conf := s.oauth
	conf.RedirectURL = s.redirectURL(r)
	w.Header().Set("Cache-Control", "no-store")
	http.Redirect(w, r, conf.AuthCodeURL(state, oauth2.S256ChallengeOption(verifier)), http.StatusFound)
}

// callback takes GitHub's answer: checks the state against the cookie,
// exchanges the code (with the PKCE verifier), learns what the person can
// read and sets the session cookie.
func (s *signIn) callback(w http.ResponseWriter, r *http.Request) {
	logger := zerolog.Ctx(r.Context())
	w.Header().Set("Cache-Control", "no-store")
	http.SetCookie(w, s.cookie(flowCookie, "", "/login", 0))
	var flow flowData
	c, err := r.Cookie(flowCookie)
	if err == nil {
		err = s.signer.decode(flowCookie, c.Value, s.now(), &flow)
	}
	q := r.URL.Query()
	switch {
	case err != nil:
		http.Error(w, "sign-in expired or started elsewhere: sign in again", http.StatusBadRequest)
		return
	case subtle.ConstantTimeCompare([]byte(q.Get("state")), []byte(flow.State)) != 1:
		http.Error(w, "sign-in state does not match: sign in again", http.StatusBadRequest)
		return
	case q.Get("error") != "":
		http.Error(w, "GitHub did not authorize the sign-in: "+q.Get("error"), http.StatusForbidden)
		return
	case q.Get("code") == "":
		http.Error(w, "GitHub sent no code", http.StatusBadRequest)
		return
	}
	ctx, cancel := context.WithTimeout(r.Context(), signinTimeout)
	defer cancel()
	sd, err := s.learn(ctx, r, q.Get("code"), flow.Verifier)
	if err != nil {
		logger.Warn().Err(err).Msg("Sign-in failed")
		http.Error(w, "sign-in failed: GitHub did not answer as expected", http.StatusBadGateway)
		return
	}
	value, err := s.startSession(ctx, sd)
	if err != nil {
		logger.Error().Err(err).Msg("Could not store the dashboard session")
		http.Error(w, "sign-in failed", http.StatusInternalServerError)
		return
	}
	http.SetCookie(w, s.cookie(sessionCookie, value, "/", sessionTTL))
	logger.Info().Str("login", sd.Login).Int("private_repositories", len(sd.Repos)).Msg("Signed in to the dashboard")
	http.Redirect(w, r, "../", http.StatusFound)
}

// startSession stores the session under a fresh random ID and returns
// the cookie's value: the ID, signed, with the session's expiry.
func (s *signIn) startSession(ctx context.Context, sd store.Session) (string, error) {
	id, err := randomString(sessionIDBytes)
	if err != nil {
		return "", err
	}
	sd.Expires = s.now().Add(sessionTTL)
	if err := s.store.CreateSession(ctx, id, sd); err != nil {
		return "", err
	}
	return s.signer.encode(sessionCookie, id, sd.Expires)
}

// learn exchanges the code for a user token and asks GitHub, as that
// person, for their login and the repositories of the app's installations
// they can read. The token ends with this call.
func (s *signIn) learn(ctx context.Context, r *http.Request, code, verifier string) (store.Session, error) {
	counted := &http.Client{Transport: countingTransport{s.transport, &s.calls}}
	ctx = context.WithValue(ctx, oauth2.HTTPClient, counted)
	conf := s.oauth
	conf.RedirectURL = s.redirectURL(r)
	tok, err := conf.Exchange(ctx, code, oauth2.VerifierOption(verifier))
	if err != nil {
		return store.Session{}, fmt.Errorf("code exchange: %w", redact(err))
	}
	gc := github.NewClient(conf.Client(ctx, tok))
	gc.BaseURL = s.v3
	user, _, err := gc.Users.Get(ctx, "")
	if err != nil {
		return store.Session{}, fmt.Errorf("GET /user: %w", err)
	}
	e, err := s.readableRepos(ctx, gc, user.GetID())
	if err != nil {
		return store.Session{}, err
	}
	sd := store.Session{Login: user.GetLogin(), Installations: e.installations}
	var seen []store.Visibility
	for _, repo := range e.repos {
		seen = append(seen, store.Visibility{FullName: repo.GetFullName(), Private: repo.GetPrivate()})
		if repo.GetPrivate() {
			sd.Repos = append(sd.Repos, strings.ToLower(repo.GetFullName()))
		}
	}
	// What GitHub just said about these repositories is the freshest word.
	if err := s.store.RecordVisibility(ctx, seen); err != nil {
		zerolog.Ctx(ctx).Warn().Err(err).Msg("Could not record repositories' visibility")
	}
	return sd, nil
}

// readableRepos lists the repositories of the app's installations that
// the person can read, remembered for readableTTL.
func (s *signIn) readableRepos(ctx context.Context, gc *github.Client, userID int64) (readableEntry, error) {
	s.mu.Lock()
	e, ok := s.readable[userID]
	s.mu.Unlock()
	if ok && s.now().Before(e.until) {
		return e, nil
	}
	var repos []*github.Repository
	var installations []int64
	opts := &github.ListOptions{PerPage: 100}
	for {
		insts, res, err := gc.Apps.ListUserInstallations(ctx, opts)
		if err != nil {
			return readableEntry{}, fmt.Errorf("GET /user/installations: %w", err)
		}
		for _, in := range insts {
			installations = append(installations, in.GetID())
			ropts := &github.ListOptions{PerPage: 100}
			for {
				list, rres, err := gc.Apps.ListUserRepos(ctx, in.GetID(), ropts)
				if err != nil {
					return readableEntry{}, fmt.Errorf("GET /user/installations/%d/repositories: %w", in.GetID(), err)
				}
				repos = append(repos, list.Repositories...)
				if rres.NextPage == 0 {
					break
				}
				ropts.Page = rres.NextPage
			}
		}
		if res.NextPage == 0 {
			break
		}
		opts.Page = res.NextPage
	}
	s.mu.Lock()
	now := s.now()
	for id, e := range s.readable { // forget the stale ones
		if !now.Before(e.until) {
			delete(s.readable, id)
		}
	}
	e = readableEntry{installations: installations, repos: repos, until: now.Add(readableTTL)}
	s.readable[userID] = e
	s.mu.Unlock()
	return e, nil
}

// logout ends the session: deleted from the store, so the cookie is no
// good anywhere even if a copy of it survives, and cleared in the browser.
func (s *signIn) logout(w http.ResponseWriter, r *http.Request) {
	if id, ok := s.sessionID(r); ok {
		if err := s.store.DeleteSession(r.Context(), id); err != nil {
			zerolog.Ctx(r.Context()).Error().Err(err).Msg("Could not end the dashboard session")
			http.Error(w, "logout failed: try again", http.StatusInternalServerError)
			return
		}
	}
	http.SetCookie(w, s.cookie(sessionCookie, "", "/", 0))
	w.Header().Set("Cache-Control", "no-store")
	http.Redirect(w, r, "./", http.StatusSeeOther)
}

// countingTransport counts requests to GitHub.
type countingTransport struct {
	next http.RoundTripper
	n    *atomic.Int64
}

func (t countingTransport) RoundTrip(r *http.Request) (*http.Response, error) {
	t.n.Add(1)
	return t.next.RoundTrip(r)
}

// redact keeps the token endpoint's answer body (which may echo
// credentials) out of errors that get logged.
func redact(err error) error {
	var re *oauth2.RetrieveError
	if errors.As(err, &re) {
		return fmt.Errorf("token endpoint: %s %s", re.Response.Status, re.ErrorCode)
	}
	return err
}

func randomString(n int) (string, error) {
	b := make([]byte, n)
	if _, err := rand.Read(b); err != nil {
		return "", err
	}
	return base64.RawURLEncoding.EncodeToString(b), nil
}
