package app

import (
	"bytes"
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/mentorbot/mentorbot/app/store"
)

// FuzzWebhookIntake throws arbitrary bodies and headers at the intake and
// checks the contract: only a correctly signed JSON object for a handled
// event sent as application/json is stored (200), everything else is refused or ignored, and nothing
// panics.
func FuzzWebhookIntake(f *testing.F) {
	cfg := testConfig(f, "")
	cfg.Workers = 0 // intake only: the property is about what gets stored
	a, err := New(context.Background(), cfg, testLogger(f))
	if err != nil {
		f.Fatal(err)
	}
	f.Cleanup(a.Close)
	h := a.Handler()

	f.Add([]byte(`{"zen":"Design for failure.","hook_id":1}`), "ping", "id-1", true, "application/json")
	f.Add([]byte(`{"action":"opened"`), "pull_request", "id-2", true, "application/json")
	f.Add([]byte(`payload=%7B%7D`), "issues", "id-3", true, "application/x-www-form-urlencoded")
	f.Add([]byte(`{}`), "star", "id-4", false, "application/json")
	f.Add([]byte(` {"a":[1,2,{"b":null}]} `), "installation", "", true, "application/json")

	f.Fuzz(func(t *testing.T, body []byte, event, id string, signed bool, contentType string) {
		req := httptest.NewRequest(http.MethodPost, "/api/github/hook", bytes.NewReader(body))
		req.Header.Set("Content-Type", contentType)
		req.Header.Set("X-GitHub-Event", event)
		req.Header.Set("X-GitHub-Delivery", id)
		sig := "sha256=" + "00"
		if signed {
			sig = sign(body, testSecret)
		}
		req.Header.Set("X-Hub-Signature-256", sig)
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)

		switch rec.Code {
		case http.StatusOK, http.StatusAccepted, http.StatusBadRequest, http.StatusUnauthorized, http.StatusRequestEntityTooLarge, http.StatusUnsupportedMediaType:
		default:
			t.Fatalf("status %d", rec.Code)
		}
		if !isJSON(contentType) && rec.Code != http.StatusUnsupportedMediaType {
			t.Fatalf("content type %q answered %d, want 415", contentType, rec.Code)
		}
		if !signed && rec.Code < 400 {
			t.Fatalf("unsigned request answered %d", rec.Code)
		}
		if id == "" {
			return
		}
		_, err := a.Store().GetDelivery(context.Background(), id)
		stored := err == nil
		if !stored && !errors.Is(err, store.ErrNotFound) {
			t.Fatal(err)
		}
		if rec.Code == http.StatusOK && !stored {
			t.Fatalf("200 but delivery %q not stored", id)
		}
		if rec.Code != http.StatusOK && stored && rec.Code != http.StatusAccepted {
			// A refused request must not have stored anything, unless the same
			// ID was stored earlier by an accepted one.
			t.Logf("delivery %q stored earlier", id)
		}
	})
}
