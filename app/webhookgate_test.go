package app

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/rs/zerolog"
)

func TestLargeSignedBodyIsStoredWhole(t *testing.T) {
	r := start(t, testConfig(t, ""))
	body := editJSON(t, readPayload(t, "webhooks/ping/payload.json"), func(m map[string]any) {
		m["padding"] = strings.Repeat("x", 3<<20) // past the in-memory part: spooled to a file
	})
	id := newDeliveryID()
	if res := post(t, r.url, "ping", id, body); res.StatusCode != http.StatusOK {
		t.Fatalf("status %d", res.StatusCode)
	}
	d, err := r.app.Store().GetDelivery(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(d.Payload, body) {
		t.Fatalf("stored %d bytes, sent %d", len(d.Payload), len(body))
	}
}

func TestJSONWithCharsetIsAccepted(t *testing.T) {
	r := start(t, testConfig(t, ""))
	body := readPayload(t, "webhooks/ping/payload.json")
	req, _ := http.NewRequest(http.MethodPost, r.url+"/api/github/hook", bytes.NewReader(body))
	req.Header.Set("Content-Type", "application/json; charset=utf-8")
	req.Header.Set("X-GitHub-Event", "ping")
	req.Header.Set("X-GitHub-Delivery", newDeliveryID())
	req.Header.Set("X-Hub-Signature-256", sign(body, testSecret))
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != http.StatusOK {
		t.Fatalf("status %d", res.StatusCode)
	}
}

// gateRequest is a signed request straight to a gate; chunked hides the length.
func gateRequest(body []byte, chunked bool) *http.Request {
	var rd io.Reader = bytes.NewReader(body)
	if chunked {
		rd = io.MultiReader(rd)
	}
	req := httptest.NewRequest(http.MethodPost, "/api/github/hook", rd)
	if chunked {
		req.ContentLength = -1
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("X-Hub-Signature-256", sign(body, testSecret))
	return req
}

func TestGateBoundsLargeBodies(t *testing.T) {
	var got []byte
	next := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		got, _ = io.ReadAll(r.Body)
	})
	small := []byte(`{"zen":"small"}`)
	large := []byte(`{"zen":"` + strings.Repeat("z", 1<<20) + `"}`)
	for _, c := range []struct {
		name    string
		tempDir string
	}{
		{"temporary file", ""},
		{"no temporary file", filepath.Join(t.TempDir(), "missing")},
	} {
		t.Run(c.name, func(t *testing.T) {
			g := newWebhookGate(testSecret, next, nil, nil)
			g.wait = 20 * time.Millisecond
			g.tempDir = c.tempDir
			for range largeBodySlots {
				g.slots <- struct{}{} // every slot taken
			}
			for _, chunked := range []bool{false, true} {
				w := httptest.NewRecorder()
				g.ServeHTTP(w, gateRequest(large, chunked))
				if w.Code != http.StatusServiceUnavailable || w.Header().Get("Retry-After") == "" {
					t.Fatalf("chunked %v: large body with every slot taken: %d, Retry-After %q", chunked, w.Code, w.Header().Get("Retry-After"))
				}
			}
			got = nil
			w := httptest.NewRecorder()
			g.ServeHTTP(w, gateRequest(small, true))
			if w.Code != http.StatusOK || !bytes.Equal(got, small) {
				t.Fatalf("small body while slots are taken: %d, passed on %q", w.Code, got)
			}
			for range largeBodySlots {
				<-g.slots
			}
			for _, chunked := range []bool{false, true} {
				got = nil
				w := httptest.NewRecorder()
				g.ServeHTTP(w, gateRequest(large, chunked))
				if w.Code != http.StatusOK || !bytes.Equal(got, large) {
					t.Fatalf("chunked %v: %d, passed on %d of %d bytes", chunked, w.Code, len(got), len(large))
				}
			}
			if len(g.slots) != 0 {
				t.Fatalf("%d slots still held", len(g.slots))
			}
		})
	}
}

// A delivery signed with another secret is refused, and the log says what
// to fix (the two places the secret is set) without showing it.
func TestWrongSecretLogsTheFix(t *testing.T) {
	const secret = "the-configured-secret"
	var logs bytes.Buffer
	next := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { t.Error("a forged delivery got through") })
	gate := newWebhookGate(secret, next, nil, nil)
	body := []byte(`{"zen":"hello"}`)
	req := httptest.NewRequest(http.MethodPost, "/api/github/hook", bytes.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("X-Hub-Signature-256", "sha256="+strings.Repeat("ab", 32))
	req = req.WithContext(zerolog.New(&logs).WithContext(req.Context()))
	rec := httptest.NewRecorder()
	gate.ServeHTTP(rec, req)
	if rec.Code != http.StatusUnauthorized {
		t.Fatalf("status %d, want 401", rec.Code)
	}
	for _, want := range []string{signatureMismatch, "GITHUB_APP_WEBHOOK_SECRET", "Webhook secret"} {
		if !strings.Contains(logs.String(), want) {
			t.Errorf("log lacks %q: %s", want, logs.String())
		}
	}
	if strings.Contains(logs.String(), secret) {
		t.Errorf("the log shows the secret: %s", logs.String())
	}
}
