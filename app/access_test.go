package app

import (
	"context"
	"database/sql"
	"encoding/base64"
	"fmt"
	"net/http"
	"net/url"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/mentorbot/mentorbot/app/program"
	"github.com/mentorbot/mentorbot/app/store"
)

// accessRepo is one repository of the access table's store, and every
// name the dashboard could show of it.
type accessRepo struct {
	repo, title, mentor, claimant string
	private                       *bool // nil: never seen in a payload
}

func (r accessRepo) names() []string { return []string{r.repo, r.title, r.mentor, r.claimant} }

var (
	yes, no     = true, false
	publicRepo  = accessRepo{"octo-org/docs", "Fix the docs typo", "docs-mentor", "docs-claimant", &no}
	privateRepo = accessRepo{"octo-org/billing", "Migrate billing to the ledger", "billing-mentor", "billing-claimant", &yes}
	unknownRepo = accessRepo{"acme/vault", "Rotate the vault keys", "vault-mentor", "vault-claimant", nil}
)

// seedAccess records a mentorship and a claimed starter task in each
// repository, and what the payloads said about their visibility.
func seedAccess(t *testing.T, db *store.DB) {
	t.Helper()
	seedRecords(t, db, true)
}

// seedRecords records a mentorship and a claimed starter task in each
// repository, and, with visibility, what payloads said about them (a
// store from before visibility was recorded has none).
func seedRecords(t *testing.T, db *store.DB, visibility bool) {
	t.Helper()
	ctx := context.Background()
	none := func(store.ClaimResult) []store.ClaimEffect { return nil }
	for i, r := range []accessRepo{publicRepo, privateRepo, unknownRepo} {
		owner, _, _ := strings.Cut(r.repo, "/")
		if r.private != nil && visibility {
			if err := db.RecordVisibility(ctx, []store.Visibility{{FullName: r.repo, Private: *r.private}}); err != nil {
				t.Fatal(err)
			}
		}
		c := store.Contribution{Repo: r.repo, Number: 1, Owner: owner, Kind: program.KindPullRequest, Login: r.claimant, FirstTimer: true, OpenedAt: time.Now().Add(-time.Hour)}
		if _, _, err := db.RecordContribution(ctx, c); err != nil {
			t.Fatal(err)
		}
		mentor := r.mentor
		if _, _, err := db.Assign(ctx, store.Mentorship{Repo: r.repo, Number: 1, Owner: owner, InstallationID: int64(i + 1), Kind: program.KindPullRequest, Mentee: r.claimant},
			func(map[string]store.MentorLoad, string) string { return mentor }); err != nil {
			t.Fatal(err)
		}
		task := store.StarterTask{Repo: r.repo, Number: 2, Owner: owner, InstallationID: int64(i + 1), Title: r.title,
			URL: "https://github.example/" + r.repo + "/issues/2", Labels: []string{"good first issue"}}
		if _, _, err := db.OpenStarterTask(ctx, task); err != nil {
			t.Fatal(err)
		}
		if _, err := db.Claim(ctx, store.ClaimRequest{Key: "access-" + r.repo, Task: task, Login: r.claimant, Max: 2}, none); err != nil {
			t.Fatal(err)
		}
	}
}

// storeURLs are the stores the access table runs on: SQLite always,
// PostgreSQL when MENTORBOT_TEST_POSTGRES_URL names one.
func storeURLs(t *testing.T) map[string]string {
	urls := map[string]string{"sqlite": ""}
	if base := os.Getenv("MENTORBOT_TEST_POSTGRES_URL"); base != "" {
		urls["postgres"] = freshPostgres(t, base)
	}
	return urls
}

func freshPostgres(t *testing.T, base string) string {
	admin, err := sql.Open("pgx", base)
	if err != nil {
		t.Fatal(err)
	}
	defer admin.Close()
	name := fmt.Sprintf("mentorbot_access_%d", time.Now().UnixNano())
	if _, err := admin.Exec("CREATE DATABASE " + name); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if a, err := sql.Open("pgx", base); err == nil {
			a.Exec("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)")
			a.Close()
		}
	})
	u, err := url.Parse(base)
	if err != nil {
		t.Fatal(err)
	}
	u.Path = "/" + name
	return u.String()
}

func getWith(t *testing.T, target string, cookies ...*http.Cookie) (int, string) {
	t.Helper()
	req, err := http.NewRequest(http.MethodGet, target, nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range cookies {
		req.AddCookie(c)
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	var b strings.Builder
	buf := make([]byte, 32<<10)
	for {
		n, err := res.Body.Read(buf)
		b.Write(buf[:n])
		if err != nil {
			break
		}
	}
	return res.StatusCode, b.String()
}

func checkPage(t *testing.T, page string, shown, hidden []accessRepo) {
	t.Helper()
	for _, r := range shown {
		for _, n := range r.names() {
			if !strings.Contains(page, n) {
				t.Errorf("the page lacks %q", n)
			}
		}
	}
	for _, r := range hidden {
		for _, n := range r.names() {
			if strings.Contains(page, n) {
				t.Errorf("the page shows %q", n)
			}
		}
	}
}

// accessCase is one row of the access table.
type accessCase struct {
	name   string
	access string // dashboard.access
	off    bool   // server.dashboard: false
	// cookies the visitor brings, made from the running service.
	cookies func(t *testing.T, r *running) []*http.Cookie
	code    int
	login   string // "Signed in as" this login; "" for none
	shown   []accessRepo
	hidden  []accessRepo
}

func runAccessTable(t *testing.T, cases []accessCase) {
	for dialect, dbURL := range storeURLs(t) {
		t.Run(dialect, func(t *testing.T) {
			for _, c := range cases {
				t.Run(c.name, func(t *testing.T) {
					cfg := testConfig(t, "")
					if dbURL != "" {
						cfg.Database.URL = dbURL
					}
					cfg.Dashboard.Access = c.access
					if c.off {
						cfg.Server.Dashboard = &no
					}
					accessSignIn(cfg)
					r := start(t, cfg)
					if dbURL == "" || c.name == cases[0].name {
						seedAccess(t, r.app.Store())
					}
					var cookies []*http.Cookie
					if c.cookies != nil {
						cookies = c.cookies(t, r)
					}
					for _, q := range []string{"/", "/?owner=octo-org", "/?owner=acme"} {
						code, page := getWith(t, r.url+q, cookies...)
						if q == "/" && code != c.code {
							t.Fatalf("GET %s = %d, want %d", q, code, c.code)
						}
						checkPage(t, page, nil, c.hidden)
						if q == "/" {
							checkPage(t, page, c.shown, nil)
							if signed := strings.Contains(page, "Signed in as <strong>"+c.login+"</strong>"); signed != (c.login != "") || (c.login == "" && strings.Contains(page, "Signed in as")) {
								t.Errorf("signed in as %q: %v", c.login, signed)
							}
						}
					}
				})
			}
		})
	}
}

func TestDashboardAccess(t *testing.T) {
	runAccessTable(t, []accessCase{
		{name: "anonymous", access: "", code: http.StatusOK,
			shown: []accessRepo{publicRepo}, hidden: []accessRepo{privateRepo, unknownRepo}},
		{name: "signed in with access to the private repository", cookies: sessionOf("billing-reader", time.Hour, "octo-org/billing"), code: http.StatusOK, login: "billing-reader",
			shown: []accessRepo{publicRepo, privateRepo}, hidden: []accessRepo{unknownRepo}},
		{name: "signed in without access", cookies: sessionOf("outsider", time.Hour), code: http.StatusOK, login: "outsider",
			shown: []accessRepo{publicRepo}, hidden: []accessRepo{privateRepo, unknownRepo}},
		{name: "expired session", cookies: sessionOf("billing-reader", -time.Minute, "octo-org/billing"), code: http.StatusOK,
			shown: []accessRepo{publicRepo}, hidden: []accessRepo{privateRepo, unknownRepo}},
		{name: "expired cookie", cookies: expiredCookie, code: http.StatusOK,
			shown: []accessRepo{publicRepo}, hidden: []accessRepo{privateRepo, unknownRepo}},
		{name: "unknown session ID", cookies: func(t *testing.T, r *running) []*http.Cookie {
			return []*http.Cookie{signedID(t, r, "no-such-session", time.Hour)}
		}, code: http.StatusOK, shown: []accessRepo{publicRepo}, hidden: []accessRepo{privateRepo, unknownRepo}},
		{name: "logged out", cookies: loggedOut, code: http.StatusOK,
			shown: []accessRepo{publicRepo}, hidden: []accessRepo{privateRepo, unknownRepo}},
		{name: "tampered cookie", cookies: tampered, code: http.StatusOK,
			shown: []accessRepo{publicRepo}, hidden: []accessRepo{privateRepo, unknownRepo}},
		{name: "public", access: AccessPublic, code: http.StatusOK,
			shown: []accessRepo{publicRepo, privateRepo, unknownRepo}},
		{name: "off", access: AccessOff, code: http.StatusNotFound,
			hidden: []accessRepo{publicRepo, privateRepo, unknownRepo}},
		{name: "server.dashboard false", off: true, code: http.StatusNotFound,
			hidden: []accessRepo{publicRepo, privateRepo, unknownRepo}},
	})
}

// accessSignIn configures "Sign in with GitHub" for the access table.
func accessSignIn(cfg *Config) {
	cfg.Dashboard.OAuthClientID = "Iv1.access-table"
	cfg.Dashboard.OAuthClientSecret = "access-table-client-secret"
	cfg.Dashboard.SessionKey = "access-table-session-key-0123456789abcdef"
}

// sessionOf starts a session as the running service would: stored,
// lasting exp, with its signed ID in the cookie.
func sessionOf(login string, exp time.Duration, repos ...string) func(*testing.T, *running) []*http.Cookie {
	return func(t *testing.T, r *running) []*http.Cookie {
		id := storeSession(t, r, login, exp, repos...)
		return []*http.Cookie{signedID(t, r, id, time.Hour)}
	}
}

// storeSession stores a session lasting exp and returns its ID.
func storeSession(t *testing.T, r *running, login string, exp time.Duration, repos ...string) string {
	t.Helper()
	if r.app.signin == nil {
		t.Fatal("sign-in is not configured")
	}
	id, err := randomString(sessionIDBytes)
	if err != nil {
		t.Fatal(err)
	}
	if err := r.app.Store().CreateSession(context.Background(), id, store.Session{Login: login, Repos: repos, Expires: time.Now().Add(exp)}); err != nil {
		t.Fatal(err)
	}
	return id
}

// signedID is the session cookie for an ID, signed as the service signs
// it, valid for exp.
func signedID(t *testing.T, r *running, id string, exp time.Duration) *http.Cookie {
	t.Helper()
	v, err := r.app.signin.signer.encode(sessionCookie, id, time.Now().Add(exp))
	if err != nil {
		t.Fatal(err)
	}
	return &http.Cookie{Name: sessionCookie, Value: v}
}

// expiredCookie is a live session whose cookie's signed expiry passed.
func expiredCookie(t *testing.T, r *running) []*http.Cookie {
	id := storeSession(t, r, "billing-reader", time.Hour, "octo-org/billing")
	return []*http.Cookie{signedID(t, r, id, -time.Minute)}
}

// tampered is a valid cookie of an outsider's session whose payload was
// edited to carry the ID of a session that can read billing: the
// signature no longer matches, so knowing another session's ID is no good.
func tampered(t *testing.T, r *running) []*http.Cookie {
	mine := storeSession(t, r, "mallory", time.Hour)
	theirs := storeSession(t, r, "billing-reader", time.Hour, "octo-org/billing")
	c := signedID(t, r, mine, time.Hour)
	payload, sig, _ := strings.Cut(c.Value, ".")
	raw, err := base64.RawURLEncoding.DecodeString(payload)
	if err != nil {
		t.Fatal(err)
	}
	edited := strings.Replace(string(raw), mine, theirs, 1)
	if edited == string(raw) {
		t.Fatal("the cookie does not carry the session ID")
	}
	return []*http.Cookie{{Name: sessionCookie, Value: base64.RawURLEncoding.EncodeToString([]byte(edited)) + "." + sig}}
}

// loggedOut is the cookie of a session that logged out: the browser
// forgot it, a copy did not.
func loggedOut(t *testing.T, r *running) []*http.Cookie {
	cookies := sessionOf("billing-reader", time.Hour, "octo-org/billing")(t, r)
	if code, page := getWith(t, r.url+"/", cookies...); code != http.StatusOK || !strings.Contains(page, privateRepo.title) {
		t.Fatalf("before logging out the session does not show billing (%d)", code)
	}
	req, err := http.NewRequest(http.MethodPost, r.url+"/logout", nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range cookies {
		req.AddCookie(c)
	}
	noFollow := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	res, err := noFollow.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("POST /logout: %d", res.StatusCode)
	}
	return cookies
}

func TestVisibilitiesFromPayloads(t *testing.T) {
	got := visibilities([]byte(`{"repository":{"full_name":"o/a","private":true},
		"repositories_added":[{"full_name":"o/b","private":false},{"full_name":"o/c"}],
		"repositories":[{"full_name":"o/d","private":false}]}`))
	want := []store.Visibility{{FullName: "o/a", Private: true}, {FullName: "o/b"}, {FullName: "o/d"}}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("visibilities = %v, want %v (o/c says nothing, so it stays private)", got, want)
	}
	if got := visibilities([]byte(`not json`)); got != nil {
		t.Errorf("visibilities of junk = %v", got)
	}
}

func TestDashboardAccessSetting(t *testing.T) {
	file := t.TempDir() + "/mentorbot.yml"
	for _, c := range []struct {
		name, yaml string
		env        map[string]string
		access     string
		enabled    bool
		key        string // the setting an error names
	}{
		{name: "default", access: AccessSignin, enabled: true},
		{name: "public in the file", yaml: "dashboard:\n  access: public\n", access: AccessPublic, enabled: true},
		{name: "environment wins", yaml: "dashboard:\n  access: public\n", env: map[string]string{"MENTORBOT_DASHBOARD_ACCESS": "off"}, access: AccessOff},
		{name: "older server.dashboard false", yaml: "server:\n  dashboard: false\n", access: AccessSignin},
		{name: "unknown mode", env: map[string]string{"MENTORBOT_DASHBOARD_ACCESS": "friends"}, key: "dashboard.access (MENTORBOT_DASHBOARD_ACCESS)"},
		{name: "short session key", yaml: "dashboard:\n  session_key: short\n", key: "dashboard.session_key (MENTORBOT_SESSION_KEY)"},
		{name: "go-githubapp's oauth block as a fallback", yaml: "github:\n  oauth:\n    client_id: Iv1.x\n    client_secret: y\n", access: AccessSignin, enabled: true},
	} {
		t.Run(c.name, func(t *testing.T) {
			if err := os.WriteFile(file, []byte(c.yaml), 0o600); err != nil {
				t.Fatal(err)
			}
			for k, v := range c.env {
				t.Setenv(k, v)
			}
			cfg, err := LoadConfig(file, false)
			if c.key != "" {
				if err == nil || !strings.Contains(err.Error(), c.key) {
					t.Fatalf("want an error naming %s, got %v", c.key, err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if cfg.Dashboard.Access != c.access || cfg.DashboardEnabled() != c.enabled {
				t.Errorf("access %q, enabled %v; want %q, %v", cfg.Dashboard.Access, cfg.DashboardEnabled(), c.access, c.enabled)
			}
			if strings.Contains(c.yaml, "oauth") && cfg.Dashboard.OAuthClientID != "Iv1.x" {
				t.Errorf("client ID %q, want github.oauth's", cfg.Dashboard.OAuthClientID)
			}
		})
	}
}
