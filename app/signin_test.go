package app

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/mentorbot/mentorbot/app/ghemu"
	"github.com/mentorbot/mentorbot/app/internal/browsertest"
	"github.com/mentorbot/mentorbot/app/program"
	"github.com/mentorbot/mentorbot/app/store"
)

// signinWorld is the service wired to the emulator for "Sign in with
// GitHub": octo-org installed the app on its public docs and private
// billing repositories; billing-reader is a collaborator on billing,
// outsider on nothing.
type signinWorld struct {
	emu *ghemu.Emulator
	app *running
}

func newSigninWorld(t *testing.T) *signinWorld {
	t.Helper()
	emu, err := ghemu.New(ghemu.Options{AppID: 1, AppSlug: "mentorbot"})
	if err != nil {
		t.Fatal(err)
	}
	srv := startEmulator(t, emu)
	emu.AddOrg("octo-org")
	emu.AddRepo("octo-org", "docs", ghemu.RepoOptions{})
	emu.AddRepo("octo-org", "billing", ghemu.RepoOptions{Private: true})
	emu.AddUser("billing-reader")
	emu.AddUser("outsider")
	emu.AddCollaborator("octo-org", "billing", "billing-reader", "read")
	emu.AddInstallation(installationID, "octo-org")

	cfg := testConfig(t, srv)
	cfg.Github.App.IntegrationID = emu.AppID()
	cfg.Github.App.PrivateKey = string(emu.PrivateKeyPEM())
	cfg.Dashboard.OAuthClientID, cfg.Dashboard.OAuthClientSecret = emu.OAuthClient()
	cfg.Dashboard.SessionKey = "signin-test-session-key-0123456789abcdef"
	r := start(t, cfg)
	seedAccess(t, r.app.Store())
	return &signinWorld{emu: emu, app: r}
}

func startEmulator(t *testing.T, emu *ghemu.Emulator) string {
	t.Helper()
	u, err := emu.Start("127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { emu.Close() })
	return strings.TrimSuffix(u, "/")
}

var hiddenInput = regexp.MustCompile(`<input type="hidden" name="([a-z_]+)" value="([^"]*)">`)

// TestSignInFlow signs in over plain HTTP with a cookie jar, as a browser
// would, and logs out.
func TestSignInFlow(t *testing.T) {
	w := newSigninWorld(t)
	for _, c := range []struct {
		login  string
		shown  []accessRepo
		hidden []accessRepo
	}{
		{"billing-reader", []accessRepo{publicRepo, privateRepo}, []accessRepo{unknownRepo}},
		{"outsider", []accessRepo{publicRepo}, []accessRepo{privateRepo, unknownRepo}},
	} {
		t.Run(c.login, func(t *testing.T) {
			jar, _ := cookiejar.New(nil)
			client := &http.Client{Jar: jar}
			read := func(res *http.Response, err error) (*http.Response, string) {
				t.Helper()
				if err != nil {
					t.Fatal(err)
				}
				defer res.Body.Close()
				b, _ := io.ReadAll(res.Body)
				return res, string(b)
			}
			_, page := read(client.Get(w.app.url + "/"))
			if !strings.Contains(page, `id="signin"`) {
				t.Fatal("the anonymous page offers no sign-in")
			}
			checkPage(t, page, []accessRepo{publicRepo}, []accessRepo{privateRepo, unknownRepo})

			before := w.app.app.signin.calls.Load()
			page = signInOverHTTP(t, client, w.app.url, c.login)
			t.Logf("GitHub calls for one sign-in as %s: %d", c.login, w.app.app.signin.calls.Load()-before)
			checkPage(t, page, c.shown, c.hidden)
			for _, ck := range jar.Cookies(mustURL(t, w.app.url)) {
				if strings.Contains(ck.Value, "ghu_") {
					t.Errorf("cookie %s carries a user token", ck.Name)
				}
			}

			res, page := read(client.PostForm(w.app.url+"/logout", nil))
			if res.StatusCode != http.StatusOK || strings.Contains(page, "Signed in as") {
				t.Fatalf("after logging out: %d", res.StatusCode)
			}
			checkPage(t, page, []accessRepo{publicRepo}, []accessRepo{privateRepo, unknownRepo})
		})
	}
}

// signInOverHTTP follows "Sign in with GitHub" with a cookie jar as a
// browser would, authorizes as login on the emulator's page and returns
// the dashboard it lands on.
func signInOverHTTP(t *testing.T, client *http.Client, base, login string) string {
	t.Helper()
	read := func(res *http.Response, err error) (*http.Response, string) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
		defer res.Body.Close()
		b, _ := io.ReadAll(res.Body)
		return res, string(b)
	}
	res, page := read(client.Get(base + "/login"))
	if !strings.Contains(res.Request.URL.Path, "/login/oauth/authorize") || res.Request.URL.Query().Get("code_challenge_method") != "S256" {
		t.Fatalf("GET /login led to %s", res.Request.URL)
	}
	form := url.Values{"login": {login}}
	for _, m := range hiddenInput.FindAllStringSubmatch(page, -1) {
		form.Set(m[1], htmlUnescape(m[2]))
	}
	res, page = read(client.PostForm(res.Request.URL.Scheme+"://"+res.Request.URL.Host+"/login/oauth/authorize", form))
	if res.StatusCode != http.StatusOK || !strings.Contains(page, "Signed in as <strong>"+login+"</strong>") {
		t.Fatalf("after authorizing: %d at %s\n%s", res.StatusCode, res.Request.URL, page)
	}
	return page
}

// TestSignInWithManyPrivateRepositories: a person who can read 500
// private repositories signs in and sees every one (a cookie could not
// hold their names; the session in the store does), while the cookie
// stays a small signed ID.
func TestSignInWithManyPrivateRepositories(t *testing.T) {
	const n = 500
	emu, err := ghemu.New(ghemu.Options{AppID: 1, AppSlug: "mentorbot"})
	if err != nil {
		t.Fatal(err)
	}
	srv := startEmulator(t, emu)
	emu.AddOrg("big-org")
	emu.AddUser("many-reader")
	emu.AddUser("outsider")
	repos := make([]string, n)
	for i := range repos {
		name := fmt.Sprintf("private-%03d", i)
		repos[i] = "big-org/" + name
		emu.AddRepo("big-org", name, ghemu.RepoOptions{Private: true})
		emu.AddCollaborator("big-org", name, "many-reader", "read")
	}
	emu.AddInstallation(installationID, "big-org")
	cfg := testConfig(t, srv)
	cfg.Github.App.IntegrationID = emu.AppID()
	cfg.Github.App.PrivateKey = string(emu.PrivateKeyPEM())
	cfg.Dashboard.OAuthClientID, cfg.Dashboard.OAuthClientSecret = emu.OAuthClient()
	cfg.Dashboard.SessionKey = "signin-test-session-key-0123456789abcdef"
	r := start(t, cfg)
	ctx := context.Background()
	for i, repo := range repos {
		c := store.Contribution{Repo: repo, Number: 1, Owner: "big-org", Kind: program.KindPullRequest, Login: fmt.Sprintf("newcomer-%03d", i), FirstTimer: true, OpenedAt: time.Now().Add(-time.Hour)}
		if _, _, err := r.app.Store().RecordContribution(ctx, c); err != nil {
			t.Fatal(err)
		}
	}
	shows := func(page string) int {
		seen := 0
		for _, repo := range repos {
			if strings.Contains(page, ">"+repo+"<") {
				seen++
			}
		}
		return seen
	}

	jar, _ := cookiejar.New(nil)
	client := &http.Client{Jar: jar}
	page := signInOverHTTP(t, client, r.url, "many-reader")
	if got := shows(page); got != n {
		t.Errorf("signed in, the dashboard shows %d of the %d private repositories the person can read", got, n)
	}
	for _, ck := range jar.Cookies(mustURL(t, r.url)) {
		if ck.Name == sessionCookie && len(ck.Value) > 200 {
			t.Errorf("the session cookie is %d bytes; it should carry only a signed ID", len(ck.Value))
		}
	}
	if _, page := getWith(t, r.url+"/"); shows(page) != 0 {
		t.Error("an anonymous visitor sees private repositories")
	}
	other, _ := cookiejar.New(nil)
	if got := shows(signInOverHTTP(t, &http.Client{Jar: other}, r.url, "outsider")); got != 0 {
		t.Errorf("an outsider sees %d private repositories", got)
	}
}

func TestSignInRefusesAForeignState(t *testing.T) {
	w := newSigninWorld(t)
	noFollow := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	res, err := noFollow.Get(w.app.url + "/login/callback?code=x&state=y")
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != http.StatusBadRequest {
		t.Errorf("a callback without the sign-in cookie: %d, want 400", res.StatusCode)
	}
	res, err = noFollow.Get(w.app.url + "/login")
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	var flow *http.Cookie
	for _, c := range res.Cookies() {
		if c.Name == flowCookie {
			flow = c
		}
	}
	if flow == nil || !flow.HttpOnly || flow.SameSite != http.SameSiteLaxMode {
		t.Fatalf("sign-in cookie %+v", flow)
	}
	req, _ := http.NewRequest(http.MethodGet, w.app.url+"/login/callback?code=x&state=forged", nil)
	req.AddCookie(flow)
	res, err = noFollow.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != http.StatusBadRequest {
		t.Errorf("a callback with another state: %d, want 400", res.StatusCode)
	}
}

func htmlUnescape(s string) string {
	return strings.NewReplacer("&amp;", "&", "&lt;", "<", "&gt;", ">", "&#34;", `"`, "&#39;", "'", "&#43;", "+", "&#61;", "=").Replace(s)
}

func mustURL(t *testing.T, s string) *url.URL {
	u, err := url.Parse(s)
	if err != nil {
		t.Fatal(err)
	}
	return u
}

// TestSignInInBrowser clicks "Sign in", authorizes on the emulator's
// page, lands on the dashboard with the private repository, logs out and
// sees it gone.
func TestSignInInBrowser(t *testing.T) {
	bctx, _ := browsertest.Start(t)
	w := newSigninWorld(t)
	w.emu.SetSignInUser("billing-reader")

	html := func() string {
		t.Helper()
		s, err := chromedp.Run(bctx, chromedp.OuterHTML(chromedp.CSS("html")))
		if err != nil {
			t.Fatal(err)
		}
		return s
	}
	if err := chromedp.Do(bctx, chromedp.Navigate(w.app.url+"/"), chromedp.WaitVisible(chromedp.CSS("#signin"))); err != nil {
		t.Fatalf("load the dashboard: %v", err)
	}
	checkPage(t, html(), []accessRepo{publicRepo}, []accessRepo{privateRepo, unknownRepo})

	before := w.app.app.signin.calls.Load()
	if err := chromedp.Do(bctx,
		chromedp.Click(chromedp.CSS("#signin")),
		chromedp.WaitVisible(chromedp.CSS("#authorize")),
		chromedp.Click(chromedp.CSS("#authorize")),
		chromedp.WaitVisible(chromedp.CSS("#logout")),
	); err != nil {
		t.Fatalf("sign in: %v", err)
	}
	t.Logf("GitHub calls for one sign-in in the browser: %d", w.app.app.signin.calls.Load()-before)
	page := html()
	if !strings.Contains(page, "billing-reader") {
		t.Error("the page does not say who is signed in")
	}
	checkPage(t, page, []accessRepo{publicRepo, privateRepo}, []accessRepo{unknownRepo})

	if err := chromedp.Do(bctx, chromedp.Click(chromedp.CSS("#logout")), chromedp.WaitVisible(chromedp.CSS("#signin"))); err != nil {
		t.Fatalf("log out: %v", err)
	}
	checkPage(t, html(), []accessRepo{publicRepo}, []accessRepo{privateRepo, unknownRepo})
}
