package ghemu

import (
	"crypto/rand"
	"crypto/rsa"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/golang-jwt/jwt/v4"
	"github.com/google/go-github/v60/github"
)

func TestAppJWT(t *testing.T) {
	clk := &clock{t: time.Now().Truncate(time.Second)}
	f := newFixture(t, Options{Now: clk.Now})
	now := clk.Now()
	sign := func(iat, exp time.Time) string {
		s, err := f.emu.SignJWT(iat, exp)
		if err != nil {
			t.Fatal(err)
		}
		return s
	}
	claims := func(iss string) jwt.RegisteredClaims {
		return jwt.RegisteredClaims{Issuer: iss, IssuedAt: jwt.NewNumericDate(now.Add(-30 * time.Second)),
			ExpiresAt: jwt.NewNumericDate(now.Add(2 * time.Minute))}
	}
	otherKey, err := rsa.GenerateKey(rand.Reader, 1024)
	if err != nil {
		t.Fatal(err)
	}
	foreign, _ := jwt.NewWithClaims(jwt.SigningMethodRS256, claims("42")).SignedString(otherKey)
	hs256, _ := jwt.NewWithClaims(jwt.SigningMethodHS256, claims("42")).SignedString([]byte("secret"))
	none, _ := jwt.NewWithClaims(jwt.SigningMethodNone, claims("42")).SignedString(jwt.UnsafeAllowNoneSignatureType)
	f.emu.mu.Lock()
	wrongIss, _ := jwt.NewWithClaims(jwt.SigningMethodRS256, claims("99")).SignedString(f.emu.key)
	f.emu.mu.Unlock()

	cases := []struct {
		name   string
		auth   string
		status int
		msg    string
	}{
		{"valid", "Bearer " + sign(now.Add(-30*time.Second), now.Add(2*time.Minute)), 200, ""},
		{"iat within skew", "Bearer " + sign(now.Add(50*time.Second), now.Add(3*time.Minute)), 200, ""},
		{"expired", "Bearer " + sign(now.Add(-20*time.Minute), now.Add(-10*time.Minute)), 401, "'Expiration time' claim ('exp') must be"},
		{"iat in the future", "Bearer " + sign(now.Add(5*time.Minute), now.Add(7*time.Minute)), 401, "'Issued at' claim ('iat')"},
		{"exp too far after iat", "Bearer " + sign(now, now.Add(11*time.Minute)), 401, "too far in the future"},
		{"bad signature", "Bearer " + foreign, 401, "could not be decoded"},
		{"wrong alg HS256", "Bearer " + hs256, 401, "could not be decoded"},
		{"alg none", "Bearer " + none, 401, "could not be decoded"},
		{"wrong issuer", "Bearer " + wrongIss, 401, "could not be decoded"},
		{"no credentials", "", 401, "Requires authentication"},
		{"installation token", "token " + f.token(t), 401, "could not be decoded"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			resp, body := f.do(t, "GET", "/app", tc.auth, nil)
			if resp.StatusCode != tc.status {
				t.Fatalf("status %d, want %d: %s", resp.StatusCode, tc.status, body)
			}
			if tc.msg != "" && !strings.Contains(message(t, body), tc.msg) {
				t.Errorf("message %q, want it to contain %q", message(t, body), tc.msg)
			}
			if resp.Header.Get("Content-Type") != "application/json; charset=utf-8" {
				t.Errorf("content type %q", resp.Header.Get("Content-Type"))
			}
		})
	}
	calls := f.emu.Calls()
	if last := calls[len(calls)-1]; last.Auth != AuthToken || last.Status != 401 || last.Path != "/app" {
		t.Errorf("last call recorded as %+v", last)
	}
}

func TestAppEndpointsWithGhinstallation(t *testing.T) {
	f := newFixture(t, Options{AppSlug: "helper"})
	app, _, err := f.app.Apps.Get(ctx, "")
	if err != nil {
		t.Fatal(err)
	}
	if app.GetID() != testAppID || app.GetSlug() != "helper" {
		t.Errorf("app %d %q", app.GetID(), app.GetSlug())
	}
	insts, _, err := f.app.Apps.ListInstallations(ctx, nil)
	if err != nil || len(insts) != 1 || insts[0].GetID() != testInstID || insts[0].GetAccount().GetLogin() != testOrg {
		t.Fatalf("installations %v, %v", insts, err)
	}
	for _, get := range []func() (*github.Installation, *github.Response, error){
		func() (*github.Installation, *github.Response, error) {
			return f.app.Apps.GetInstallation(ctx, testInstID)
		},
		func() (*github.Installation, *github.Response, error) {
			return f.app.Apps.FindRepositoryInstallation(ctx, testOrg, testRepo)
		},
		func() (*github.Installation, *github.Response, error) {
			return f.app.Apps.FindOrganizationInstallation(ctx, testOrg)
		},
		func() (*github.Installation, *github.Response, error) {
			return f.app.Apps.FindUserInstallation(ctx, testOrg)
		},
	} {
		in, _, err := get()
		if err != nil || in.GetID() != testInstID || in.GetRepositorySelection() != "selected" {
			t.Errorf("installation %v, %v", in, err)
		}
	}
	if _, _, err := f.app.Apps.FindRepositoryInstallation(ctx, testOrg, "secret"); statusOf(err) != 404 {
		t.Errorf("uninstalled repository: %v", err)
	}
	if _, _, err := f.app.Apps.FindOrganizationInstallation(ctx, "alice"); statusOf(err) != 404 {
		t.Errorf("a user is no organization: %v", err)
	}
	tok, resp, err := f.app.Apps.CreateInstallationToken(ctx, testInstID, nil)
	if err != nil || resp.StatusCode != 201 || !strings.HasPrefix(tok.GetToken(), "ghs_") || len(tok.GetToken()) != 40 {
		t.Fatalf("token %v, %v", tok, err)
	}
	if d := time.Until(tok.GetExpiresAt().Time); d < 59*time.Minute || d > time.Hour {
		t.Errorf("token expires in %v", d)
	}
}

func TestInstallationTokenScope(t *testing.T) {
	clk := &clock{t: time.Now()}
	f := newFixture(t, Options{Now: clk.Now})
	tok := f.token(t)
	cases := []struct {
		path, auth string
		status     int
	}{
		{"/repos/acme/widgets", "token " + tok, 200},
		{"/repos/acme/widgets", "Bearer " + tok, 200},
		{"/repos/acme/secret", "token " + tok, 404},
		{"/repos/acme/secret/issues", "token " + tok, 404},
		{"/repos/nobody/nothing", "token " + tok, 404},
		{"/repos/acme/widgets", "token ghs_notatoken", 401},
		{"/repos/acme/widgets", "", 401},
	}
	for _, tc := range cases {
		resp, body := f.do(t, "GET", tc.path, tc.auth, nil)
		if resp.StatusCode != tc.status {
			t.Errorf("%s with %q: %d, want %d: %s", tc.path, tc.auth, resp.StatusCode, tc.status, body)
		}
	}
	jwtStr, _ := f.emu.SignJWT(clk.Now().Add(-time.Second), clk.Now().Add(time.Minute))
	if resp, _ := f.do(t, "GET", "/repos/acme/widgets", "Bearer "+jwtStr, nil); resp.StatusCode != 401 {
		t.Errorf("JWT on a repository route: %d", resp.StatusCode)
	}
	clk.Advance(61 * time.Minute)
	resp, body := f.do(t, "GET", "/repos/acme/widgets", "token "+tok, nil)
	if resp.StatusCode != 401 || message(t, body) != "Bad credentials" {
		t.Errorf("expired token: %d %s", resp.StatusCode, body)
	}
}

func TestTokenRestrictedToRepositories(t *testing.T) {
	f := newFixture(t, Options{})
	f.emu.AddRepo("bob", "a", RepoOptions{})
	f.emu.AddRepo("bob", "b", RepoOptions{})
	f.emu.AddInstallation(8, "bob")
	tok, _, err := f.app.Apps.CreateInstallationToken(ctx, 8, &github.InstallationTokenOptions{Repositories: []string{"a"}})
	if err != nil {
		t.Fatal(err)
	}
	if len(tok.Repositories) != 1 || tok.Repositories[0].GetFullName() != "bob/a" {
		t.Errorf("token repositories %v", tok.Repositories)
	}
	c := f.client(t, &bearer{tok.GetToken()})
	if _, _, err := c.Repositories.Get(ctx, "bob", "a"); err != nil {
		t.Error(err)
	}
	if _, _, err := c.Repositories.Get(ctx, "bob", "b"); statusOf(err) != 404 {
		t.Errorf("repository outside the token: %v", err)
	}
	repos, _, err := c.Apps.ListRepos(ctx, nil)
	if err != nil || repos.GetTotalCount() != 1 {
		t.Errorf("installation repositories %v, %v", repos, err)
	}
	_, _, err = f.app.Apps.CreateInstallationToken(ctx, 8, &github.InstallationTokenOptions{Repositories: []string{"zzz"}})
	if statusOf(err) != 422 {
		t.Errorf("unknown repository: %v", err)
	}
	full, _, err := f.app.Apps.CreateInstallationToken(ctx, 8, nil)
	if err != nil {
		t.Fatal(err)
	}
	all, _, err := f.client(t, &bearer{full.GetToken()}).Apps.ListRepos(ctx, nil)
	if err != nil || all.GetTotalCount() != 2 {
		t.Errorf("all repositories %v, %v", all, err)
	}
}

// bearer adds a fixed installation token.
type bearer struct{ token string }

func (b *bearer) RoundTrip(r *http.Request) (*http.Response, error) {
	r = r.Clone(r.Context())
	r.Header.Set("Authorization", "token "+b.token)
	return http.DefaultTransport.RoundTrip(r)
}
