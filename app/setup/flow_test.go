package setup

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"html"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/mentorbot/mentorbot"
	"github.com/mentorbot/mentorbot/app/ghemu"
)

// browser plays the user's browser: it does not follow redirects by
// itself, so each step can be checked.
type browser struct {
	t      *testing.T
	client *http.Client
}

func newBrowser(t *testing.T) *browser {
	return &browser{t: t, client: &http.Client{Timeout: 10 * time.Second,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}}
}

func (b *browser) get(u string) (int, string, http.Header) {
	b.t.Helper()
	res, err := b.client.Get(u)
	if err != nil {
		b.t.Fatal(err)
	}
	defer res.Body.Close()
	body, _ := io.ReadAll(res.Body)
	return res.StatusCode, string(body), res.Header
}

var (
	formAction    = regexp.MustCompile(`<form action="([^"]*)" method="post">`)
	manifestInput = regexp.MustCompile(`name="manifest" value="([^"]*)"`)
)

// submit loads the start page and presses its button: it posts the form to
// GitHub and returns where GitHub redirects to.
func (b *browser) submit(start string) *url.URL {
	b.t.Helper()
	status, page, _ := b.get(start)
	action, manifest := formAction.FindStringSubmatch(page), manifestInput.FindStringSubmatch(page)
	if status != 200 || action == nil || manifest == nil {
		b.t.Fatalf("start page %d:\n%s", status, page)
	}
	res, err := b.client.PostForm(html.UnescapeString(action[1]), url.Values{"manifest": {html.UnescapeString(manifest[1])}})
	if err != nil {
		b.t.Fatal(err)
	}
	res.Body.Close()
	loc, err := url.Parse(res.Header.Get("Location"))
	if res.StatusCode != http.StatusFound || err != nil {
		b.t.Fatalf("GitHub answered %d, Location %q", res.StatusCode, res.Header.Get("Location"))
	}
	return loc
}

type githubFixture struct {
	emu  *ghemu.Emulator
	url  string
	hook *httptest.Server
	mu   sync.Mutex
	sigs []string // X-Hub-Signature-256 of the webhooks the hook got
	body []byte
}

func newGitHub(t *testing.T) *githubFixture {
	emu, err := ghemu.New(ghemu.Options{AppID: 321, AppSlug: "mentorbot"})
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(emu)
	t.Cleanup(srv.Close)
	t.Cleanup(func() { emu.Close() })
	emu.SetBaseURL(srv.URL)
	emu.AddOrg("octo-org")
	g := &githubFixture{emu: emu, url: srv.URL}
	g.hook = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		g.mu.Lock()
		defer g.mu.Unlock()
		if r.URL.Path == "/bot/api/github/hook" {
			g.sigs = append(g.sigs, r.Header.Get("X-Hub-Signature-256"))
			g.body = body
		}
	}))
	t.Cleanup(g.hook.Close)
	return g
}

func (g *githubFixture) options(save func(Credentials) error) Options {
	return Options{
		Manifest: mentorbot.Manifest, WebURL: g.url, APIURL: g.url + "/api/v3/",
		PublicURL: g.hook.URL + "/bot/", UserAgent: "mentorbot-test", Save: save,
	}
}

func TestFlowRegistersTheApp(t *testing.T) {
	for _, org := range []string{"", "octo-org"} {
		t.Run("org="+org, func(t *testing.T) {
			g := newGitHub(t)
			var saved []Credentials
			opts := g.options(func(c Credentials) error { saved = append(saved, c); return nil })
			opts.Org = org
			f, err := Start("127.0.0.1:0", opts)
			if err != nil {
				t.Fatal(err)
			}
			b := newBrowser(t)
			back := b.submit(f.URL())
			if back.Path != CallbackPath || !strings.HasPrefix(f.URL(), back.Scheme+"://"+back.Host) {
				t.Fatalf("GitHub sends the browser to %s, not to the local callback", back)
			}
			status, page, _ := b.get(back.String())
			if status != 200 || !strings.Contains(page, "is registered") || !strings.Contains(page, "/apps/mentorbot/installations/new") {
				t.Fatalf("callback page %d:\n%s", status, page)
			}
			c, err := f.Wait(context.Background())
			if err != nil {
				t.Fatal(err)
			}
			if len(saved) != 1 || saved[0] != c {
				t.Fatalf("saved %d times", len(saved))
			}
			if c.AppID != 321 || c.PrivateKey != string(g.emu.PrivateKeyPEM()) || c.WebhookSecret == "" || c.Name != "mentorbot" {
				t.Errorf("credentials: ID %d, name %q, key matches %v, secret set %v", c.AppID, c.Name, c.PrivateKey == string(g.emu.PrivateKeyPEM()), c.WebhookSecret != "")
			}
			if id, secret := g.emu.OAuthClient(); c.ClientID != id || c.ClientSecret != secret || len(c.SessionKey) < 32 {
				t.Errorf("sign-in credentials: client %q (emulator %q), secret matches %v, session key of %d characters", c.ClientID, id, c.ClientSecret == secret, len(c.SessionKey))
			}
			if strings.Contains(page, c.WebhookSecret) || strings.Contains(page, "PRIVATE KEY") {
				t.Error("the page shows a secret")
			}
			var posted []string
			for _, call := range g.emu.Calls() {
				posted = append(posted, call.Method+" "+call.Path)
			}
			wantPage := "POST /settings/apps/new"
			if org != "" {
				wantPage = "POST /organizations/octo-org/settings/apps/new"
			}
			if !strings.Contains(strings.Join(posted, "\n"), wantPage) {
				t.Errorf("the form went to %v, want %s", posted, wantPage)
			}

			// GitHub now sends webhooks to the public URL, signed with the new secret.
			if _, err := g.emu.Deliver("ping", map[string]any{"zen": "Keep it logically awesome."}); err != nil {
				t.Fatal(err)
			}
			g.mu.Lock()
			defer g.mu.Unlock()
			mac := hmac.New(sha256.New, []byte(c.WebhookSecret))
			mac.Write(g.body)
			if len(g.sigs) != 1 || g.sigs[0] != "sha256="+hex.EncodeToString(mac.Sum(nil)) {
				t.Errorf("webhooks at the hook URL: %v", g.sigs)
			}
		})
	}
}

func TestFlowRejectsForeignAnswers(t *testing.T) {
	g := newGitHub(t)
	saves := 0
	f, err := Start("127.0.0.1:0", g.options(func(Credentials) error { saves++; return nil }))
	if err != nil {
		t.Fatal(err)
	}
	b := newBrowser(t)
	back := b.submit(f.URL())
	q := back.Query()
	cases := []struct {
		name   string
		query  url.Values
		status int
		text   string
	}{
		{"wrong state", url.Values{"code": {q.Get("code")}, "state": {"forged"}}, 400, "state does not match"},
		{"no state", url.Values{"code": {q.Get("code")}}, 400, "state does not match"},
		{"no code", url.Values{"state": {q.Get("state")}}, 400, "no code"},
		{"unknown code", url.Values{"code": {"0000"}, "state": {q.Get("state")}}, 502, "did not accept the code"},
	}
	for _, c := range cases {
		status, page, _ := b.get(f.URL() + strings.TrimPrefix(CallbackPath, "/") + "?" + c.query.Encode())
		if status != c.status || !strings.Contains(page, c.text) {
			t.Errorf("%s: %d\n%s", c.name, status, page)
		}
	}
	if saves != 0 {
		t.Fatal("saved credentials from a rejected answer")
	}
	// The real answer still works, and only once.
	if status, _, _ := b.get(back.String()); status != 200 {
		t.Fatalf("real answer: %d", status)
	}
	if status, page, _ := b.get(back.String()); status != 200 || !strings.Contains(page, "is registered") {
		t.Fatalf("reloaded callback: %d\n%s", status, page)
	}
	if _, err := f.Wait(context.Background()); err != nil || saves != 1 {
		t.Fatalf("wait: %v, %d saves", err, saves)
	}
}

func TestFlowReportsAFailedSave(t *testing.T) {
	g := newGitHub(t)
	f, err := Start("127.0.0.1:0", g.options(func(Credentials) error { return errors.New("disk full") }))
	if err != nil {
		t.Fatal(err)
	}
	b := newBrowser(t)
	status, page, _ := b.get(b.submit(f.URL()).String())
	if status != 500 || !strings.Contains(page, "disk full") {
		t.Fatalf("page %d:\n%s", status, page)
	}
	_, err = f.Wait(context.Background())
	if err == nil || !strings.Contains(err.Error(), "could not be saved") || !strings.Contains(err.Error(), "/apps/mentorbot") {
		t.Fatalf("wait: %v", err)
	}
}

func TestFlowStopsWithTheContext(t *testing.T) {
	g := newGitHub(t)
	f, err := Start("127.0.0.1:0", g.options(func(Credentials) error { return nil }))
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := f.Wait(ctx); !errors.Is(err, context.Canceled) {
		t.Fatalf("wait: %v", err)
	}
	if _, err := http.Get(f.URL()); err == nil {
		t.Fatal("the local page still answers")
	}
}

func TestStartChecksOptions(t *testing.T) {
	g := newGitHub(t)
	cases := []struct {
		name string
		edit func(*Options)
		want string
	}{
		{"no public URL", func(o *Options) { o.PublicURL = "" }, "public URL"},
		{"bad API URL", func(o *Options) { o.APIURL = "api.example.com" }, "API URL"},
		{"no save", func(o *Options) { o.Save = nil }, "Save"},
		{"bad manifest", func(o *Options) { o.Manifest = []byte("name: x\n") }, "url is missing"},
		{"bad address", func(o *Options) {}, "listen"},
	}
	for _, c := range cases {
		opts := g.options(func(Credentials) error { return nil })
		c.edit(&opts)
		addr := "127.0.0.1:0"
		if c.name == "bad address" {
			addr = "127.0.0.1:99999"
		}
		if _, err := Start(addr, opts); err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: error %v, want %q", c.name, err, c.want)
		}
	}
}
