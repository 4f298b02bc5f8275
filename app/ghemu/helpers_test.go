package ghemu

import (
	"bytes"
	"context"
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"encoding/json"
	"encoding/pem"
	"io"
	"net/http"
	"net/http/httptest"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/bradleyfalzon/ghinstallation/v2"
	"github.com/google/go-github/v60/github"
)

// Test world: org "acme" with member "maria", repos acme/widgets (installed)
// and acme/secret (not installed), collaborator "carol", outsiders.
const (
	testAppID  = 42
	testInstID = 7
	testOrg    = "acme"
	testRepo   = "widgets"
)

var (
	keyOnce sync.Once
	keyPEM  []byte
)

// testKey is one RSA key for the whole package: generating one per test is slow.
func testKey(t testing.TB) []byte {
	keyOnce.Do(func() {
		k, err := rsa.GenerateKey(rand.Reader, 2048)
		if err != nil {
			panic(err)
		}
		keyPEM = pem.EncodeToMemory(&pem.Block{Type: "RSA PRIVATE KEY", Bytes: x509.MarshalPKCS1PrivateKey(k)})
	})
	return keyPEM
}

// clock is a settable clock for Options.Now.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *clock) Advance(d time.Duration) {
	c.mu.Lock()
	c.t = c.t.Add(d)
	c.mu.Unlock()
}

type fixture struct {
	emu *Emulator
	srv *httptest.Server
	app *github.Client // app JWT (ghinstallation.AppsTransport)
	gh  *github.Client // installation token (ghinstallation.Transport)
	tr  *ghinstallation.Transport
}

func newFixture(t testing.TB, opts Options) *fixture {
	t.Helper()
	opts.AppID = testAppID
	opts.PrivateKeyPEM = testKey(t)
	emu, err := New(opts)
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(emu)
	t.Cleanup(func() {
		srv.Close()
		_ = emu.Close()
	})
	emu.SetBaseURL(srv.URL)
	emu.AddOrg(testOrg)
	emu.AddOrgMember(testOrg, "maria")
	emu.AddRepo(testOrg, testRepo, RepoOptions{Description: "widgets"})
	emu.AddRepo(testOrg, "secret", RepoOptions{Private: true})
	emu.AddCollaborator(testOrg, testRepo, "carol", "write")
	emu.AddUser("alice")
	emu.AddUser("bob")
	emu.AddInstallation(testInstID, testOrg, testRepo)

	f := &fixture{emu: emu, srv: srv}
	apiURL := srv.URL + "/api/v3"
	atr, err := ghinstallation.NewAppsTransport(http.DefaultTransport, testAppID, testKey(t))
	if err != nil {
		t.Fatal(err)
	}
	atr.BaseURL = apiURL
	f.app = f.client(t, atr)
	f.tr, err = ghinstallation.New(http.DefaultTransport, testAppID, testInstID, testKey(t))
	if err != nil {
		t.Fatal(err)
	}
	f.tr.BaseURL = apiURL
	f.gh = f.client(t, f.tr)
	return f
}

func (f *fixture) client(t testing.TB, rt http.RoundTripper) *github.Client {
	t.Helper()
	c, err := github.NewClient(&http.Client{Transport: rt}).WithEnterpriseURLs(f.srv.URL+"/api/v3/", f.srv.URL+"/api/uploads/")
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// token returns a fresh installation token for raw requests.
func (f *fixture) token(t *testing.T) string {
	t.Helper()
	tok, err := f.tr.Token(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return tok
}

// do sends a raw request to the REST API with an Authorization header.
func (f *fixture) do(t *testing.T, method, path, auth string, body any, hdr ...string) (*http.Response, []byte) {
	t.Helper()
	var rd io.Reader
	if body != nil {
		b, err := json.Marshal(body)
		if err != nil {
			t.Fatal(err)
		}
		rd = bytes.NewReader(b)
	}
	req, err := http.NewRequest(method, f.srv.URL+"/api/v3"+path, rd)
	if err != nil {
		t.Fatal(err)
	}
	if auth != "" {
		req.Header.Set("Authorization", auth)
	}
	for i := 0; i+1 < len(hdr); i += 2 {
		req.Header.Set(hdr[i], hdr[i+1])
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp, b
}

// message decodes a GitHub error body's message.
func message(t *testing.T, b []byte) string {
	t.Helper()
	var e struct {
		Message string `json:"message"`
	}
	if err := json.Unmarshal(b, &e); err != nil {
		t.Fatalf("error body is not JSON: %q", b)
	}
	return e.Message
}

func statusOf(err error) int {
	if e, ok := err.(*github.ErrorResponse); ok {
		return e.Response.StatusCode
	}
	return 0
}

var ctx = context.Background()

// hookSink is a webhook target that keeps what it receives.
type hookSink struct {
	mu     sync.Mutex
	status int
	got    []receivedHook
	srv    *httptest.Server
}

type receivedHook struct {
	header  http.Header
	body    []byte
	event   string
	payload map[string]any
}

func newHookSink(t testing.TB) *hookSink {
	s := &hookSink{status: http.StatusOK}
	s.srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		var p map[string]any
		_ = json.Unmarshal(b, &p)
		s.mu.Lock()
		s.got = append(s.got, receivedHook{header: r.Header.Clone(), body: b, event: r.Header.Get("X-GitHub-Event"), payload: p})
		status := s.status
		s.mu.Unlock()
		w.WriteHeader(status)
		_, _ = w.Write([]byte(`{"ok":true}`))
	}))
	t.Cleanup(s.srv.Close)
	return s
}

func (s *hookSink) hooks() []receivedHook {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]receivedHook(nil), s.got...)
}

func (s *hookSink) setStatus(code int) {
	s.mu.Lock()
	s.status = code
	s.mu.Unlock()
}

// events lists "event.action" for each hook received.
func (s *hookSink) events() []string {
	var out []string
	for _, h := range s.hooks() {
		a, _ := h.payload["action"].(string)
		out = append(out, h.event+"."+a)
	}
	return out
}

func decodeList(t *testing.T, b []byte) []map[string]any {
	t.Helper()
	var out []map[string]any
	if err := json.Unmarshal(b, &out); err != nil {
		t.Fatalf("not a JSON list: %s", b)
	}
	return out
}

func itoa(n int) string { return strconv.Itoa(n) }

func itoa64(n int64) string { return strconv.FormatInt(n, 10) }
