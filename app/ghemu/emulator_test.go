package ghemu

import (
	"crypto/x509"
	"encoding/json"
	"encoding/pem"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"
)

func TestNewKeys(t *testing.T) {
	e, err := New(Options{})
	if err != nil {
		t.Fatal(err)
	}
	block, _ := pem.Decode(e.PrivateKeyPEM())
	if block == nil || block.Type != "RSA PRIVATE KEY" {
		t.Fatal("generated key is not a PEM RSA key")
	}
	if _, err := x509.ParsePKCS1PrivateKey(block.Bytes); err != nil {
		t.Fatal(err)
	}
	if e.AppID() != 1 || e.BotLogin() != "mentorbot[bot]" {
		t.Errorf("defaults %d %q", e.AppID(), e.BotLogin())
	}
	k, _ := pem.Decode(testKey(t))
	key, _ := x509.ParsePKCS1PrivateKey(k.Bytes)
	der, err := x509.MarshalPKCS8PrivateKey(key)
	if err != nil {
		t.Fatal(err)
	}
	pkcs8 := pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: der})
	if _, err := New(Options{PrivateKeyPEM: pkcs8}); err != nil {
		t.Errorf("PKCS#8 key: %v", err)
	}
	if _, err := New(Options{PrivateKeyPEM: []byte("not a key")}); err == nil {
		t.Error("garbage key accepted")
	}
}

func TestStartAndClose(t *testing.T) {
	e, err := New(Options{PrivateKeyPEM: testKey(t)})
	if err != nil {
		t.Fatal(err)
	}
	url, err := e.Start("127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	if e.URL() != url {
		t.Errorf("base URL %q, served at %q", e.URL(), url)
	}
	resp, err := http.Get(url + "/api/v3/rate_limit")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 200 || resp.Header.Get("X-RateLimit-Limit") != "60" {
		t.Errorf("anonymous rate_limit: %d %s", resp.StatusCode, resp.Header.Get("X-RateLimit-Limit"))
	}
	if got := e.Calls(); len(got) != 1 || got[0].Auth != AuthNone || got[0].Path != "/rate_limit" {
		t.Errorf("calls %+v", got)
	}
	e.ResetCalls()
	if len(e.Calls()) != 0 {
		t.Error("ResetCalls kept calls")
	}
	if err := e.Close(); err != nil {
		t.Fatal(err)
	}
	if _, err := http.Get(url + "/api/v3/rate_limit"); err == nil {
		t.Error("server still answers after Close")
	}
}

// Example shows the emulator serving go-github through an installation
// token, and the bot's comment landing in its state.
func Example() {
	emu, _ := New(Options{AppID: 42, AppSlug: "mentorbot"})
	srv := httptest.NewServer(emu)
	defer srv.Close()
	defer emu.Close()
	emu.AddOrg("acme")
	emu.AddRepo("acme", "widgets", RepoOptions{})
	emu.AddInstallation(7, "acme")
	n := emu.OpenIssue("acme", "widgets", "alice", IssueOptions{Title: "Typo"})

	// An app gets a token with its JWT (ghinstallation does this) and
	// then calls the REST API under /api/v3.
	jwtStr, _ := emu.SignJWT(time.Now().Add(-30*time.Second), time.Now().Add(2*time.Minute))
	req, _ := http.NewRequest("POST", srv.URL+"/api/v3/app/installations/7/access_tokens", nil)
	req.Header.Set("Authorization", "Bearer "+jwtStr)
	resp, _ := http.DefaultClient.Do(req)
	var tok struct{ Token string }
	_ = json.NewDecoder(resp.Body).Decode(&tok)
	resp.Body.Close()

	req, _ = http.NewRequest("POST", fmt.Sprintf("%s/api/v3/repos/acme/widgets/issues/%d/comments", srv.URL, n),
		strings.NewReader(`{"body":"Welcome!"}`))
	req.Header.Set("Authorization", "token "+tok.Token)
	resp, _ = http.DefaultClient.Do(req)
	resp.Body.Close()

	c := emu.Comments("acme", "widgets", n)[0]
	fmt.Println(resp.StatusCode, c.Author, c.Body)
	// Output: 201 mentorbot[bot] Welcome!
}
