package setup

import (
	"context"
	"crypto/rand"
	"crypto/subtle"
	"encoding/hex"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"time"

	"github.com/google/go-github/v60/github"
)

// Timeouts of the flow.
const (
	exchangeTimeout   = 30 * time.Second
	readHeaderTimeout = 10 * time.Second
	shutdownTimeout   = 5 * time.Second
)

// Options configure a registration.
type Options struct {
	Manifest  []byte // app.yml
	WebURL    string // GitHub's web address (github.web_url)
	APIURL    string // GitHub's REST API (github.v3_api_url)
	Org       string // register the app for this organization; "" for the signed-in user
	PublicURL string // where the service is reached: webhooks go to PublicURL + /api/github/hook
	UserAgent string
	// Save stores the credentials; the page tells the user whether it worked.
	Save func(Credentials) error
}

// Credentials are what GitHub hands out for the new app.
type Credentials struct {
	AppID         int64
	Slug          string
	Name          string
	Owner         string
	HTMLURL       string // the app's page on GitHub
	WebhookSecret string
	PrivateKey    string // PEM
	// ClientID and ClientSecret are the app's own OAuth client, for
	// "Sign in with GitHub" on the dashboard.
	ClientID     string
	ClientSecret string
	// SessionKey is fresh and random: it signs the dashboard's cookies.
	SessionKey string
}

// InstallURL is the page that installs the app on accounts and repositories.
func (c Credentials) InstallURL() string {
	return strings.TrimRight(c.HTMLURL, "/") + "/installations/new"
}

// Flow is one registration in progress: a local web server with the page
// that starts it and the callback GitHub redirects to.
type Flow struct {
	opts     Options
	srv      *http.Server
	base     string // http://host:port of the local server
	state    string
	manifest []byte
	newApp   string
	gh       *github.Client

	mu     sync.Mutex // serialises callbacks; guards result
	result *Credentials
	done   chan Credentials
	failed chan error
	served chan error
}

// Start listens on addr (such as 127.0.0.1:8090) and serves the start page
// until Wait returns.
func Start(addr string, opts Options) (*Flow, error) {
	hook, err := HookURL(opts.PublicURL)
	if err != nil {
		return nil, err
	}
	if opts.Save == nil {
		return nil, errors.New("setup: Options.Save is required")
	}
	gh, err := restClient(opts)
	if err != nil {
		return nil, err
	}
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return nil, fmt.Errorf("listen on %s: %w", addr, err)
	}
	f := &Flow{opts: opts, gh: gh, state: randomState(), base: "http://" + browserAddr(ln.Addr().(*net.TCPAddr)),
		done: make(chan Credentials, 1), failed: make(chan error, 1), served: make(chan error, 1)}
	f.manifest, err = PrepareManifest(opts.Manifest, hook, f.base+CallbackPath)
	if err != nil {
		ln.Close()
		return nil, err
	}
	f.newApp = NewAppURL(opts.WebURL, opts.Org, f.state)
	mux := http.NewServeMux()
	mux.HandleFunc("GET /{$}", f.startPage)
	mux.HandleFunc("GET "+CallbackPath, f.callback)
	f.srv = &http.Server{Handler: mux, ReadHeaderTimeout: readHeaderTimeout}
	go func() { f.served <- f.srv.Serve(ln) }()
	return f, nil
}

// restClient is an unauthenticated client for the code exchange, which
// needs no credentials.
func restClient(opts Options) (*github.Client, error) {
	api, err := url.Parse(strings.TrimRight(opts.APIURL, "/") + "/")
	if err != nil || (api.Scheme != "http" && api.Scheme != "https") || api.Host == "" {
		return nil, fmt.Errorf("API URL %q is not an http(s) URL", opts.APIURL)
	}
	gh := github.NewClient(&http.Client{Timeout: exchangeTimeout})
	gh.BaseURL = api
	if opts.UserAgent != "" {
		gh.UserAgent = opts.UserAgent
	}
	return gh, nil
}

// browserAddr is the listener's address as a browser on this machine
// reaches it.
func browserAddr(a *net.TCPAddr) string {
	if a.IP.IsUnspecified() {
		return net.JoinHostPort("127.0.0.1", fmt.Sprint(a.Port))
	}
	return a.String()
}

func randomState() string {
	b := make([]byte, 24)
	_, _ = rand.Read(b) // crypto/rand never fails on supported platforms
	return hex.EncodeToString(b)
}

// URL is the start page, to open in a browser.
func (f *Flow) URL() string { return f.base + "/" }

// Wait serves until the app is registered and its credentials saved, the
// save fails, or ctx ends; then it stops the local server.
func (f *Flow) Wait(ctx context.Context) (Credentials, error) {
	var c Credentials
	var err error
	select {
	case c = <-f.done:
	case err = <-f.failed:
	case err = <-f.served:
		err = fmt.Errorf("local setup page: %w", err)
	case <-ctx.Done():
		err = fmt.Errorf("stopped before GitHub sent the app's credentials: %w", ctx.Err())
	}
	shutdownCtx, cancel := context.WithTimeout(context.Background(), shutdownTimeout)
	defer cancel()
	_ = f.srv.Shutdown(shutdownCtx) // the last page has been written; nothing else to finish
	return c, err
}

func (f *Flow) startPage(w http.ResponseWriter, r *http.Request) {
	f.mu.Lock()
	done := f.result
	f.mu.Unlock()
	if done != nil {
		render(w, http.StatusOK, donePage, done)
		return
	}
	render(w, http.StatusOK, startPage, map[string]any{
		"Action": f.newApp, "Manifest": string(f.manifest), "WebURL": f.opts.WebURL, "Org": f.opts.Org,
	})
}

// callback receives GitHub's redirect, checks the state, exchanges the
// code and saves the credentials.
func (f *Flow) callback(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	if subtle.ConstantTimeCompare([]byte(q.Get("state")), []byte(f.state)) != 1 {
		render(w, http.StatusBadRequest, errorPage, "This answer does not belong to the registration started here (its state does not match). Start again from the setup page.")
		return
	}
	code := q.Get("code")
	if code == "" {
		render(w, http.StatusBadRequest, errorPage, "GitHub sent no code. Start again from the setup page.")
		return
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.result != nil {
		render(w, http.StatusOK, donePage, f.result)
		return
	}
	ctx, cancel := context.WithTimeout(r.Context(), exchangeTimeout)
	defer cancel()
	c, err := f.exchange(ctx, code)
	if err != nil {
		render(w, http.StatusBadGateway, errorPage, err.Error()+". Start again from the setup page.")
		return
	}
	if err := f.opts.Save(c); err != nil {
		err = fmt.Errorf("app %q (ID %d) was created, but its credentials could not be saved: %w; "+
			"generate a new private key and webhook secret on %s, or delete the app there and run setup again", c.Name, c.AppID, err, c.HTMLURL)
		render(w, http.StatusInternalServerError, errorPage, err.Error())
		select {
		case f.failed <- err:
		default: // Wait has an error to report already
		}
		return
	}
	f.result = &c
	render(w, http.StatusOK, donePage, &c)
	f.done <- c
}

// exchange turns the code into the app's credentials
// (POST /app-manifests/{code}/conversions).
func (f *Flow) exchange(ctx context.Context, code string) (Credentials, error) {
	cfg, _, err := f.gh.Apps.CompleteAppManifest(ctx, code)
	if err != nil {
		var gerr *github.ErrorResponse
		if errors.As(err, &gerr) && gerr.Response != nil && gerr.Response.StatusCode == http.StatusNotFound {
			return Credentials{}, errors.New("GitHub did not accept the code: it was used already or is more than an hour old")
		}
		return Credentials{}, fmt.Errorf("exchange the code for the app's credentials: %w", err)
	}
	c := Credentials{
		AppID: cfg.GetID(), Slug: cfg.GetSlug(), Name: cfg.GetName(), Owner: cfg.GetOwner().GetLogin(),
		HTMLURL: cfg.GetHTMLURL(), WebhookSecret: cfg.GetWebhookSecret(), PrivateKey: cfg.GetPEM(),
		ClientID: cfg.GetClientID(), ClientSecret: cfg.GetClientSecret(),
	}
	key, err := NewSessionKey()
	if err != nil {
		return Credentials{}, err
	}
	c.SessionKey = key
	switch {
	case c.AppID <= 0:
		return Credentials{}, errors.New("GitHub's answer has no app ID")
	case c.WebhookSecret == "":
		return Credentials{}, errors.New("GitHub's answer has no webhook secret (is hook_attributes.active false in app.yml?)")
	case c.PrivateKey == "":
		return Credentials{}, errors.New("GitHub's answer has no private key")
	}
	return c, nil
}
