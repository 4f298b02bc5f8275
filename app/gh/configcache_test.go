package gh

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/bradleyfalzon/ghinstallation/v2"
	"github.com/google/go-github/v60/github"
	"github.com/gregjones/httpcache"

	"github.com/mentorbot/mentorbot/app/ghemu"
)

const (
	ownConfig   = "version: 1\nmentors:\n  - login: own\n"
	ownerConfig = "version: 1\nmentors:\n  - login: owner-wide\n"
)

// configFixture is a repository that inherits the owner's default and one
// with a file of its own, read through Installations on a clock the test
// moves.
type configFixture struct {
	emu    *ghemu.Emulator
	client *github.Client
	in     *Installations
	now    time.Time
	mu     sync.Mutex
}

func newConfigFixture(t *testing.T) *configFixture {
	t.Helper()
	emu, err := ghemu.New(ghemu.Options{AppID: 1, AppSlug: "mentorbot"})
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(emu)
	t.Cleanup(srv.Close)
	emu.SetBaseURL(srv.URL)
	emu.AddOrg(testOrg)
	emu.AddRepo(testOrg, testRepo, ghemu.RepoOptions{})
	emu.AddRepo(testOrg, "quiet", ghemu.RepoOptions{})
	emu.AddInstallation(testInst, testOrg)
	tr, err := ghinstallation.New(http.DefaultTransport, 1, testInst, emu.PrivateKeyPEM())
	if err != nil {
		t.Fatal(err)
	}
	tr.BaseURL = srv.URL + "/api/v3"
	// The app's HTTP cache, always revalidating: a file read again is a
	// conditional request.
	cached := httpcache.NewTransport(httpcache.NewMemoryCache())
	cached.Transport = revalidate{tr}
	client, err := github.NewClient(&http.Client{Transport: cached}).WithEnterpriseURLs(srv.URL+"/api/v3/", srv.URL+"/api/uploads/")
	if err != nil {
		t.Fatal(err)
	}
	f := &configFixture{emu: emu, client: client, now: time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)}
	f.emu.AddRepo(testOrg, ".github", ghemu.RepoOptions{})
	f.emu.PutFile(testOrg, ".github", "mentorship.yml", []byte(ownerConfig))
	f.emu.PutFile(testOrg, testRepo, ".github/mentorship.yml", []byte(ownConfig))
	f.in = &Installations{configs: newConfigCache(func() time.Time { f.mu.Lock(); defer f.mu.Unlock(); return f.now })}
	return f
}

func (f *configFixture) advance(d time.Duration) { f.mu.Lock(); f.now = f.now.Add(d); f.mu.Unlock() }

// mentor loads the repository's configuration and returns its first mentor.
func (f *configFixture) mentor(t *testing.T, repo string) string {
	t.Helper()
	cfg, err := f.in.LoadConfig(context.Background(), f.client, testOrg, repo)
	if err != nil {
		t.Fatalf("%s: %v", repo, err)
	}
	return cfg.Mentors[0].Login
}

// reads counts the contents requests since the last reset.
func (f *configFixture) reads() int {
	n := 0
	for _, c := range f.emu.Calls() {
		if strings.Contains(c.Path, "/contents/") {
			n++
		}
	}
	f.emu.ResetCalls()
	return n
}

func TestConfigCacheReadsEachLevelOncePerTTL(t *testing.T) {
	f := newConfigFixture(t)
	if got := f.mentor(t, "quiet"); got != "owner-wide" {
		t.Fatalf("quiet inherits %q", got)
	}
	if got := f.mentor(t, testRepo); got != "own" {
		t.Fatalf("community has %q", got)
	}
	if n := f.reads(); n != 3 { // quiet's 404, the owner's file, community's file
		t.Fatalf("%d reads on first use, want 3", n)
	}
	for range 4 {
		f.advance(time.Minute)
		f.mentor(t, "quiet")
		f.mentor(t, testRepo)
	}
	if n := f.reads(); n != 0 {
		t.Fatalf("%d reads within ConfigTTL, want 0", n)
	}
	f.advance(ConfigTTL)
	f.mentor(t, "quiet")
	f.mentor(t, testRepo)
	calls := f.emu.Calls()
	if n := f.reads(); n != 2 { // the two files; quiet's absence is kept longer
		t.Fatalf("%d reads after ConfigTTL, want 2", n)
	}
	for _, c := range calls {
		if strings.HasSuffix(c.Path, "/contents/.github/mentorship.yml") && strings.Contains(c.Path, "/quiet/") {
			t.Errorf("quiet's absence was asked again after ConfigTTL (a 404 the rate limit counts): %+v", c)
		}
		if strings.HasSuffix(c.Path, "/.github/contents/mentorship.yml") && !c.Conditional {
			t.Errorf("the owner's file was read again unconditionally: %+v", c)
		}
	}
	f.advance(ConfigAbsentTTL)
	f.mentor(t, "quiet")
	if n := f.reads(); n != 2 { // quiet's 404, the owner's 304
		t.Fatalf("%d reads after ConfigAbsentTTL, want 2", n)
	}
}

func TestConfigCacheForgetsPushedFiles(t *testing.T) {
	f := newConfigFixture(t)
	f.mentor(t, "quiet")
	f.mentor(t, testRepo)

	f.emu.PutFile(testOrg, ".github", "mentorship.yml", []byte(strings.Replace(ownerConfig, "owner-wide", "changed", 1)))
	if got := f.mentor(t, "quiet"); got != "owner-wide" {
		t.Fatalf("before the push is seen: %q", got)
	}
	f.in.ForgetConfig(testOrg, ".github")
	if got := f.mentor(t, "quiet"); got != "changed" {
		t.Fatalf("after a push to the owner's .github: %q", got)
	}

	f.emu.PutFile(testOrg, "quiet", ".github/mentorship.yml", []byte(ownConfig))
	f.in.ForgetConfig(testOrg, "quiet")
	if got := f.mentor(t, "quiet"); got != "own" {
		t.Fatalf("after a push of its own file: %q", got)
	}
}

func TestConfigCacheKeepsNoFailedRead(t *testing.T) {
	f := newConfigFixture(t)
	f.in.ForgetConfig(testOrg, "")
	f.emu.PutFile(testOrg, "quiet", ".github/mentorship.yml", []byte("version: 1\nnonsense: [\n"))
	_, err := f.in.LoadConfig(context.Background(), f.client, testOrg, "quiet")
	var invalid *InvalidConfigError
	if !errors.As(err, &invalid) {
		t.Fatalf("invalid file: %v", err)
	}
	if _, err := f.in.LoadConfig(context.Background(), f.client, testOrg, "missing"); err != nil && !errors.Is(err, ErrNoConfig) {
		t.Fatalf("missing repository: %v", err)
	}
}

// revalidate makes every response stale at once, so the HTTP cache
// revalidates it, as the app's client creator does.
type revalidate struct{ next http.RoundTripper }

func (r revalidate) RoundTrip(req *http.Request) (*http.Response, error) {
	res, err := r.next.RoundTrip(req)
	if res != nil {
		res.Header.Set("Cache-Control", "private, max-age=0")
	}
	return res, err
}
