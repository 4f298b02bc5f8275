package app

import (
	"bytes"
	"context"
	"crypto/hmac"
	"crypto/rand"
	"crypto/rsa"
	"crypto/sha256"
	"crypto/x509"
	"encoding/hex"
	"encoding/json"
	"encoding/pem"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/rs/zerolog"

	"github.com/mentorbot/mentorbot/app/store"
)

const testSecret = "it's a secret to everybody"

var testKeyPEM = func() string {
	k, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		panic(err)
	}
	return string(pem.EncodeToMemory(&pem.Block{Type: "RSA PRIVATE KEY", Bytes: x509.MarshalPKCS1PrivateKey(k)}))
}()

// testConfig is a complete configuration on a fresh SQLite file, listening
// on a free loopback port.
func testConfig(t testing.TB, githubURL string) *Config {
	cfg := &Config{Workers: DefaultWorkers}
	cfg.Server.Address = "127.0.0.1"
	cfg.Github.App.IntegrationID = 1
	cfg.Github.App.WebhookSecret = testSecret
	cfg.Github.App.PrivateKey = testKeyPEM
	if githubURL != "" {
		cfg.Github.WebURL = githubURL
		cfg.Github.V3APIURL = githubURL + "/api/v3/"
		cfg.Github.V4APIURL = githubURL + "/api/graphql"
	}
	cfg.Database.URL = "sqlite://" + filepath.Join(t.TempDir(), "mentorbot.db")
	cfg.Limits.WriteInterval = time.Millisecond // GitHub wants a second; the emulator does not
	cfg.Queue.RetryBase = 20 * time.Millisecond
	cfg.defaults()
	cfg.Server.Port = 0
	return cfg
}

type running struct {
	app  *App
	url  string
	stop func()
}

func testLogger(t testing.TB) zerolog.Logger {
	if testing.Verbose() {
		return zerolog.New(zerolog.NewTestWriter(t)).Level(zerolog.DebugLevel)
	}
	return zerolog.Nop()
}

// start runs the service on a real listener until the test ends.
func start(t testing.TB, cfg *Config, opts ...Option) *running {
	t.Helper()
	a, err := New(context.Background(), cfg, testLogger(t), opts...)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	addr := make(chan string, 1)
	done := make(chan error, 1)
	go func() { done <- a.Run(ctx, func(s string) { addr <- s }) }()
	var stopped atomic.Bool
	r := &running{app: a, url: "http://" + <-addr}
	r.stop = func() {
		if stopped.CompareAndSwap(false, true) {
			cancel()
			if err := <-done; err != nil {
				t.Errorf("run: %v", err)
			}
		}
	}
	t.Cleanup(r.stop)
	return r
}

func sign(body []byte, secret string) string {
	mac := hmac.New(sha256.New, []byte(secret))
	mac.Write(body)
	return "sha256=" + hex.EncodeToString(mac.Sum(nil))
}

var deliverySeq atomic.Int64

func newDeliveryID() string {
	return fmt.Sprintf("00000000-0000-4000-8000-%012d", deliverySeq.Add(1))
}

// post sends a webhook the way GitHub does.
func post(t testing.TB, baseURL, event, id string, body []byte) *http.Response {
	t.Helper()
	req, _ := http.NewRequest(http.MethodPost, baseURL+"/api/github/hook", bytes.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("X-GitHub-Event", event)
	req.Header.Set("X-GitHub-Delivery", id)
	req.Header.Set("X-Hub-Signature-256", sign(body, testSecret))
	req.Header.Set("User-Agent", "GitHub-Hookshot/test")
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	io.Copy(io.Discard, res.Body)
	res.Body.Close()
	return res
}

func readPayload(t testing.TB, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "testdata", path))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func payloadFiles(t testing.TB, event string) []string {
	t.Helper()
	matches, err := filepath.Glob(filepath.Join("..", "testdata", "webhooks", event, "*.json"))
	if err != nil || len(matches) == 0 {
		t.Fatalf("no payloads for %s", event)
	}
	for i, m := range matches {
		matches[i] = strings.TrimPrefix(m, filepath.Join("..", "testdata")+string(filepath.Separator))
	}
	return matches
}

// waitState waits until the delivery reaches the state.
func waitState(t testing.TB, db *store.DB, id, state string) store.Delivery {
	t.Helper()
	deadline := time.Now().Add(15 * time.Second)
	for {
		d, err := db.GetDelivery(context.Background(), id)
		if err == nil && d.State == state {
			return d
		}
		if time.Now().After(deadline) {
			t.Fatalf("delivery %s: state %q, want %q (err %v, last error %q)", id, d.State, state, err, d.LastError)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// editJSON makes our own variant of a real payload.
func editJSON(t testing.TB, body []byte, edit func(map[string]any)) []byte {
	t.Helper()
	var m map[string]any
	if err := json.Unmarshal(body, &m); err != nil {
		t.Fatal(err)
	}
	edit(m)
	out, err := json.Marshal(m)
	if err != nil {
		t.Fatal(err)
	}
	return out
}
