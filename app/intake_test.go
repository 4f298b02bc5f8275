package app

import (
	"bytes"
	"context"
	"crypto/hmac"
	"crypto/sha1"
	"encoding/hex"
	"errors"
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/mentorbot/mentorbot/app/store"
)

// The events the app must take without storing anything.
var ignoredEvents = []string{"star", "watch", "create", "check_run", "check_suite", "label",
	"github_app_authorization", "pull_request_review_comment", "pull_request_review_thread"}

func TestHandledPayloadsAreStoredAndHandled(t *testing.T) {
	cfg := testConfig(t, "")
	r := start(t, cfg)
	db := r.app.Store()
	for _, event := range []string{"installation", "installation_repositories", "ping", "push"} {
		for _, file := range payloadFiles(t, event) {
			t.Run(file, func(t *testing.T) {
				id := newDeliveryID()
				res := post(t, r.url, event, id, readPayload(t, file))
				if res.StatusCode != http.StatusOK {
					t.Fatalf("status %d", res.StatusCode)
				}
				d := waitState(t, db, id, store.StateDone)
				if d.Attempts != 1 {
					t.Fatalf("handled in %d attempts", d.Attempts)
				}
			})
		}
	}
	if insts := installations(t, cfg); len(insts) == 0 {
		t.Fatal("installations not recorded")
	}
}

func TestInstallationEventsKeepRepositories(t *testing.T) {
	cfg := testConfig(t, "")
	r := start(t, cfg)
	db := r.app.Store()
	created := readPayload(t, "webhooks/installation/created.payload.json")
	id := newDeliveryID()
	post(t, r.url, "installation", id, created)
	waitState(t, db, id, store.StateDone)
	insts := installations(t, cfg)
	if len(insts) != 1 || insts[0].Account != "Codertocat" {
		t.Fatalf("installations %+v", insts)
	}
	if repos := repositoriesOf(t, cfg, insts[0].ID); len(repos) != 1 || repos[0] != "Codertocat/Hello-World" {
		t.Fatalf("repositories %v", repos)
	}

	id = newDeliveryID()
	// Our edit: the example deletes another installation than it creates.
	deleted := editJSON(t, readPayload(t, "webhooks/installation/deleted.payload.json"), func(m map[string]any) {
		m["installation"].(map[string]any)["id"] = insts[0].ID
	})
	post(t, r.url, "installation", id, deleted)
	waitState(t, db, id, store.StateDone)
	if insts := installations(t, cfg); len(insts) != 0 {
		t.Fatalf("deleted installation kept: %+v", insts)
	}
}

func TestIgnoredEventsAreAcceptedAndNotStored(t *testing.T) {
	r := start(t, testConfig(t, ""))
	for _, event := range ignoredEvents {
		for _, file := range payloadFiles(t, event) {
			id := newDeliveryID()
			if res := post(t, r.url, event, id, readPayload(t, file)); res.StatusCode != http.StatusAccepted {
				t.Errorf("%s: status %d, want 202", file, res.StatusCode)
			}
			if _, err := r.app.Store().GetDelivery(context.Background(), id); !errors.Is(err, store.ErrNotFound) {
				t.Errorf("%s: ignored event was stored", file)
			}
		}
	}
}

func TestBadInput(t *testing.T) {
	r := start(t, testConfig(t, ""))
	db := r.app.Store()
	body := readPayload(t, "webhooks/ping/payload.json")
	huge := append([]byte(`{"zen":"`), bytes.Repeat([]byte("a"), 26<<20)...)
	huge = append(huge, []byte(`"}`)...)
	sha1 := hmac.New(sha1.New, []byte(testSecret))
	sha1.Write(body)
	sha1Sig := "sha1=" + hex.EncodeToString(sha1.Sum(nil))

	cases := []struct {
		name    string
		event   string
		id      string
		body    []byte
		headers map[string]string // "" deletes
		chunked bool              // no Content-Length: the size shows only while reading
		want    int
	}{
		{name: "missing signature", event: "ping", body: body, headers: map[string]string{"X-Hub-Signature-256": ""}, want: 401},
		{name: "wrong signature", event: "ping", body: body, headers: map[string]string{"X-Hub-Signature-256": "sha256=" + strings.Repeat("0", 64)}, want: 401},
		{name: "wrong secret", event: "ping", body: body, headers: map[string]string{"X-Hub-Signature-256": sign(body, "another secret")}, want: 401},
		{name: "sha1 only", event: "ping", body: body, headers: map[string]string{"X-Hub-Signature-256": "", "X-Hub-Signature": "sha1=0000"}, want: 401},
		{name: "malformed signature", event: "ping", body: body, headers: map[string]string{"X-Hub-Signature-256": "nonsense"}, want: 401},
		{name: "truncated body", event: "ping", body: body[:len(body)/2], headers: map[string]string{"X-Hub-Signature-256": sign(body, testSecret)}, want: 401},
		{name: "truncated body signed as sent", event: "ping", body: body[:len(body)/2], want: 400},
		{name: "not json", event: "ping", body: []byte("zen=hello"), want: 400},
		{name: "sha1 signature in the sha256 header", event: "ping", body: body, headers: map[string]string{"X-Hub-Signature-256": sha1Sig}, want: 401},
		{name: "sha1 signature only", event: "ping", body: body, headers: map[string]string{"X-Hub-Signature-256": "", "X-Hub-Signature": sha1Sig}, want: 401},
		{name: "wrong content type", event: "ping", body: body, headers: map[string]string{"Content-Type": "text/plain"}, want: 415},
		{name: "form body", event: "ping", body: []byte("payload=" + string(body)), headers: map[string]string{"Content-Type": "application/x-www-form-urlencoded"}, want: 415},
		{name: "no content type", event: "ping", body: body, headers: map[string]string{"Content-Type": ""}, want: 415},
		{name: "26 MiB body", event: "ping", body: huge, want: 413},
		{name: "26 MiB body without a length", event: "ping", body: huge, chunked: true, want: 413},
		{name: "26 MiB body, unsigned", event: "ping", body: huge, headers: map[string]string{"X-Hub-Signature-256": ""}, want: 413},
		{name: "unknown event", event: "sponsorship", body: body, want: 202},
		{name: "unknown event unsigned", event: "sponsorship", body: body, headers: map[string]string{"X-Hub-Signature-256": ""}, want: 401},
		{name: "missing event header", event: "", body: body, want: 400},
		{name: "missing delivery header", event: "ping", id: "-", body: body, want: 400},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			id := c.id
			if id == "" {
				id = newDeliveryID()
			} else if id == "-" {
				id = ""
			}
			var rd io.Reader = bytes.NewReader(c.body)
			if c.chunked {
				rd = io.MultiReader(rd) // hides the length from the client
			}
			req, _ := http.NewRequest(http.MethodPost, r.url+"/api/github/hook", rd)
			req.Header.Set("Content-Type", "application/json")
			req.Header.Set("X-GitHub-Event", c.event)
			req.Header.Set("X-GitHub-Delivery", id)
			req.Header.Set("X-Hub-Signature-256", sign(c.body, testSecret))
			for k, v := range c.headers {
				if v == "" {
					req.Header.Del(k)
				} else {
					req.Header.Set(k, v)
				}
			}
			res, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			res.Body.Close()
			if res.StatusCode != c.want {
				t.Fatalf("status %d, want %d", res.StatusCode, c.want)
			}
			if id != "" {
				if _, err := db.GetDelivery(context.Background(), id); !errors.Is(err, store.ErrNotFound) {
					t.Fatal("a refused delivery was stored")
				}
			}
		})
	}
	if depth, _ := db.QueueDepth(context.Background()); depth[store.StatePending]+depth[store.StateDone]+depth[store.StateRunning]+depth[store.StateDead] != 0 {
		t.Fatalf("refused deliveries were stored: %v", depth)
	}
}

func TestDuplicateDeliveryHasNoSecondEffect(t *testing.T) {
	r := start(t, testConfig(t, ""))
	db := r.app.Store()
	body := readPayload(t, "webhooks/installation/created.payload.json")
	id := newDeliveryID()
	for i := 0; i < 3; i++ {
		if res := post(t, r.url, "installation", id, body); res.StatusCode != http.StatusOK {
			t.Fatalf("try %d: status %d", i, res.StatusCode)
		}
	}
	d := waitState(t, db, id, store.StateDone)
	if d.Attempts != 1 {
		t.Fatalf("handled %d times", d.Attempts)
	}
	depth, _ := db.QueueDepth(context.Background())
	if depth[store.StateDone] != 1 {
		t.Fatalf("depth %v", depth)
	}
}

func TestStoreUnavailableAnswers503(t *testing.T) {
	r := start(t, testConfig(t, ""))
	r.app.Store().Close() // the disk went away
	res := post(t, r.url, "ping", newDeliveryID(), readPayload(t, "webhooks/ping/payload.json"))
	if res.StatusCode != http.StatusServiceUnavailable {
		t.Fatalf("status %d, want 503", res.StatusCode)
	}
	ready, err := http.Get(r.url + "/readyz")
	if err != nil {
		t.Fatal(err)
	}
	ready.Body.Close()
	if ready.StatusCode != http.StatusServiceUnavailable {
		t.Fatalf("readyz %d, want 503", ready.StatusCode)
	}
}

func TestHealthReadyMetrics(t *testing.T) {
	r := start(t, testConfig(t, ""))
	post(t, r.url, "ping", newDeliveryID(), readPayload(t, "webhooks/ping/payload.json"))
	post(t, r.url, "star", newDeliveryID(), readPayload(t, "webhooks/star/created.payload.json"))
	for path, want := range map[string]int{"/healthz": 200, "/readyz": 200, "/metrics": 200, "/": 200, "/nope": 404, "/?repo=nope/nope": 404, "/?owner=nope": 404} {
		res, err := http.Get(r.url + path)
		if err != nil {
			t.Fatal(err)
		}
		var buf bytes.Buffer
		buf.ReadFrom(res.Body)
		res.Body.Close()
		if res.StatusCode != want {
			t.Errorf("%s: %d, want %d", path, res.StatusCode, want)
		}
		if path == "/metrics" {
			for _, m := range []string{
				`mentorbot_deliveries_received_total{event="ping",outcome="stored"} 1`,
				`mentorbot_deliveries_received_total{event="star",outcome="ignored"} 1`,
				`mentorbot_queue_depth{state="pending"}`,
			} {
				if !strings.Contains(buf.String(), m) {
					t.Errorf("metrics lack %s", m)
				}
			}
		}
	}
}
