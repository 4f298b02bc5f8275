// Package ghemu is an in-process GitHub emulator for end-to-end tests and
// the demo: a real HTTP server for the REST subset mentorbot uses, with
// app authentication, state, call recording, fault injection and webhooks.
// It is routed like GitHub Enterprise Server: REST under /api/v3/, GraphQL
// at /api/graphql and web pages at the root, so the app is configured with
// v3_api_url = URL+"/api/v3/", v4_api_url = URL+"/api/graphql", web_url = URL.
//
// Layout: state.go and records.go hold the state (one mutex, Emulator.mu);
// seed*.go and inspect.go are the Go API for tests; mutate*.go change state
// and emit webhooks (events.go); rest_*.go are the REST handlers, listed in
// routes.go and run by api.go (auth.go, faults.go, ratelimit.go, record.go
// around them); webhooks.go, hookqueue.go and deliveries.go send and log
// webhooks; manifest.go is the app manifest flow; graphql*.go is GraphQL.
package ghemu

import (
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"encoding/pem"
	"errors"
	"fmt"
	"net"
	"net/http"
	"strings"
	"sync"
	"time"
)

// Defaults for Options fields left zero.
const (
	DefaultTokenTTL        = time.Hour
	DefaultRateLimit       = 5000
	DefaultSearchRateLimit = 30
	defaultAppSlug         = "mentorbot"
	defaultAppID           = 1
)

// Options configures an Emulator.
type Options struct {
	AppID   int64
	AppSlug string
	// PrivateKeyPEM is the app's RSA key; a 2048-bit key is generated when nil.
	PrivateKeyPEM []byte
	// TokenTTL is the lifetime of installation tokens (1h when zero).
	TokenTTL time.Duration
	// Now is the emulator's clock (time.Now when nil). It drives timestamps,
	// JWT and token validation and rate-limit windows.
	Now func() time.Time
	// CredentialsNow is the clock credentials are checked against: JWTs,
	// installation and user tokens and their expiry, OAuth codes (Now when
	// nil). It differs from Now only when the app's JWT signer cannot share
	// Now's clock: ghinstallation signs with the wall clock, so a demo that
	// plays days of simulated time keeps credentials on time.Now.
	CredentialsNow func() time.Time
	// EmitWebhooks makes seeding actions and the app's own REST writes
	// send the webhooks GitHub would send.
	EmitWebhooks bool
	// RateLimit is the core budget per installation and hour (5000 when zero).
	RateLimit int
	// SearchRateLimit is the search budget per installation and minute (30 when zero).
	SearchRateLimit int
	// ContentPerMinute and ContentPerHour are GitHub's secondary limits on
	// content-creating requests (REST POST, PATCH, PUT, DELETE and GraphQL
	// mutations) per installation: 80 and 500 when zero, none when
	// negative. A request over either gets GitHub's 403 with Retry-After.
	ContentPerMinute, ContentPerHour int
}

// Emulator is the GitHub emulator. It implements http.Handler.
type Emulator struct {
	opts    Options
	key     *rsa.PrivateKey
	keyPEM  []byte
	appName string

	mu      sync.Mutex // guards st, base and baseSet
	st      *state
	base    string
	baseSet bool
	hooks   *hookQueue

	rec     recorder
	faults  faultSet
	limits  rateLimiter
	content *contentLimiter

	srvMu sync.Mutex
	srv   *http.Server
}

// New returns an emulator with empty state.
func New(opts Options) (*Emulator, error) {
	if opts.AppID == 0 {
		opts.AppID = defaultAppID
	}
	if opts.AppSlug == "" {
		opts.AppSlug = defaultAppSlug
	}
	if opts.TokenTTL == 0 {
		opts.TokenTTL = DefaultTokenTTL
	}
	if opts.Now == nil {
		opts.Now = time.Now
	}
	if opts.CredentialsNow == nil {
		opts.CredentialsNow = opts.Now
	}
	if opts.RateLimit == 0 {
		opts.RateLimit = DefaultRateLimit
	}
	if opts.SearchRateLimit == 0 {
		opts.SearchRateLimit = DefaultSearchRateLimit
	}
	if opts.ContentPerMinute == 0 {
		opts.ContentPerMinute = DefaultContentPerMinute
	}
	if opts.ContentPerHour == 0 {
		opts.ContentPerHour = DefaultContentPerHour
	}
	key, keyPEM, err := loadOrGenerateKey(opts.PrivateKeyPEM)
	if err != nil {
		return nil, err
	}
	e := &Emulator{opts: opts, key: key, keyPEM: keyPEM, appName: opts.AppSlug, base: "http://localhost"}
	e.st = newState()
	e.st.bot = e.st.ensureAccount(opts.AppSlug+"[bot]", typeBot, opts.Now())
	e.hooks = newHookQueue(e)
	e.limits = newRateLimiter(opts)
	e.content = newContentLimiter(opts)
	return e, nil
}

func loadOrGenerateKey(p []byte) (*rsa.PrivateKey, []byte, error) {
	if p == nil {
		key, err := rsa.GenerateKey(rand.Reader, 2048)
		if err != nil {
			return nil, nil, fmt.Errorf("generate app key: %w", err)
		}
		der := x509.MarshalPKCS1PrivateKey(key)
		return key, pem.EncodeToMemory(&pem.Block{Type: "RSA PRIVATE KEY", Bytes: der}), nil
	}
	block, _ := pem.Decode(p)
	if block == nil {
		return nil, nil, errors.New("app private key: no PEM block")
	}
	if key, err := x509.ParsePKCS1PrivateKey(block.Bytes); err == nil {
		return key, p, nil
	}
	k, err := x509.ParsePKCS8PrivateKey(block.Bytes)
	if err != nil {
		return nil, nil, fmt.Errorf("app private key: %w", err)
	}
	key, ok := k.(*rsa.PrivateKey)
	if !ok {
		return nil, nil, errors.New("app private key: not an RSA key")
	}
	return key, p, nil
}

// PrivateKeyPEM returns the app's private key, as the app is configured with it.
func (e *Emulator) PrivateKeyPEM() []byte { return append([]byte(nil), e.keyPEM...) }

// AppID returns the app's ID.
func (e *Emulator) AppID() int64 { return e.opts.AppID }

// BotLogin returns the login of the app's bot user, "{slug}[bot]".
func (e *Emulator) BotLogin() string { return e.opts.AppSlug + "[bot]" }

// SetBaseURL sets the URL the emulator is served at (no trailing slash);
// html_url and url fields are built from it. Until it is called, the first
// request's host is used.
func (e *Emulator) SetBaseURL(u string) {
	e.mu.Lock()
	e.base = strings.TrimRight(u, "/")
	e.baseSet = true
	e.mu.Unlock()
}

// URL returns the base URL the emulator believes it is served at.
func (e *Emulator) URL() string {
	e.mu.Lock()
	defer e.mu.Unlock()
	return e.base
}

func (e *Emulator) now() time.Time { return e.opts.Now().UTC() }

// credNow is the clock of credentials (see Options.CredentialsNow).
func (e *Emulator) credNow() time.Time { return e.opts.CredentialsNow().UTC() }

// Start serves the emulator on addr (e.g. "127.0.0.1:0") and returns its URL.
func (e *Emulator) Start(addr string) (string, error) {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return "", fmt.Errorf("listen on %s: %w", addr, err)
	}
	u := "http://" + ln.Addr().String()
	e.SetBaseURL(u)
	srv := &http.Server{Handler: e, ReadHeaderTimeout: 10 * time.Second}
	e.srvMu.Lock()
	e.srv = srv
	e.srvMu.Unlock()
	go func() { _ = srv.Serve(ln) }()
	return u, nil
}

// Close stops the server started by Start (if any) and the webhook sender.
// Webhooks still queued are dropped.
func (e *Emulator) Close() error {
	e.hooks.close()
	e.srvMu.Lock()
	srv := e.srv
	e.srv = nil
	e.srvMu.Unlock()
	if srv == nil {
		return nil
	}
	if err := srv.Close(); err != nil {
		return fmt.Errorf("close emulator server: %w", err)
	}
	return nil
}

// ServeHTTP routes a request: REST under /api/v3, GraphQL at /api/graphql,
// web pages elsewhere.
func (e *Emulator) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	e.learnBase(r)
	p := r.URL.EscapedPath()
	switch {
	case p == "/api/graphql":
		e.serveAPI(w, r, kindGraphQL, p)
	case strings.HasPrefix(p, "/api/v3/") || p == "/api/v3":
		e.serveAPI(w, r, kindREST, strings.TrimPrefix(p, "/api/v3"))
	default:
		e.serveWeb(w, r)
	}
}

func (e *Emulator) learnBase(r *http.Request) {
	e.mu.Lock()
	defer e.mu.Unlock()
	if e.baseSet || r.Host == "" {
		return
	}
	scheme := "http"
	if r.TLS != nil {
		scheme = "https"
	}
	e.base = scheme + "://" + r.Host
	e.baseSet = true
}
