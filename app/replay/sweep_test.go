package replay

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/google/go-github/v60/github"

	"github.com/mentorbot/mentorbot/app/store"
)

// fakeLog is GitHub's delivery log: newest first, cursor pages, one
// payload per attempt.
type fakeLog struct {
	attempts []*github.HookDelivery // newest first
	payloads map[int64]string
	broken   map[int64]bool // attempts whose payload GitHub cannot return
	listErr  error
	lists    []string // the cursor of each list call
	gets     []int64
}

func (l *fakeLog) ListHookDeliveries(_ context.Context, opts *github.ListCursorOptions) ([]*github.HookDelivery, *github.Response, error) {
	l.lists = append(l.lists, opts.Cursor)
	if l.listErr != nil {
		return nil, nil, l.listErr
	}
	start := 0
	if opts.Cursor != "" {
		start, _ = strconv.Atoi(opts.Cursor)
	}
	end := min(start+opts.PerPage, len(l.attempts))
	resp := &github.Response{}
	if end < len(l.attempts) {
		resp.Cursor = strconv.Itoa(end)
	}
	return l.attempts[start:end], resp, nil
}

func (l *fakeLog) GetHookDelivery(_ context.Context, id int64) (*github.HookDelivery, *github.Response, error) {
	l.gets = append(l.gets, id)
	if l.broken[id] {
		return nil, nil, &github.ErrorResponse{Response: &http.Response{StatusCode: 502}, Message: "Server Error"}
	}
	p, ok := l.payloads[id]
	if !ok {
		return nil, nil, &github.ErrorResponse{Response: &http.Response{StatusCode: 404}, Message: "Not Found"}
	}
	raw := json.RawMessage(p)
	return &github.HookDelivery{ID: github.Int64(id), Request: &github.HookRequest{RawPayload: &raw}}, nil, nil
}

// logOf builds a log from (guid, event) pairs, oldest first, a minute apart
// and ending a minute before t0; a guid again is a redelivery.
func logOf(pairs ...string) *fakeLog {
	l := &fakeLog{payloads: map[int64]string{}, broken: map[int64]bool{}}
	n := len(pairs) / 2
	for i := 0; i < n; i++ {
		id := int64(100 + i)
		guid, event := pairs[2*i], pairs[2*i+1]
		l.attempts = append([]*github.HookDelivery{attempt(id, guid, event, n-i)}, l.attempts...)
		l.payloads[id] = fmt.Sprintf(`{"action":"opened","guid":%q}`, guid)
	}
	return l
}

func openStore(t *testing.T) *store.DB {
	db, err := store.Open(context.Background(), "sqlite://"+t.TempDir()+"/replay.db")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

var handled = map[string]bool{"issues": true, "pull_request": true, "installation": true}

func TestSweepEnqueuesWhatTheStoreNeverSaw(t *testing.T) {
	ctx := context.Background()
	db := openStore(t)
	// a and b arrived while the service ran; c, d and e did not (d twice).
	if _, err := db.EnqueueDeliveries(ctx, []store.Delivery{{ID: "a", Event: "issues", Payload: []byte(`{}`)}, {ID: "b", Event: "issues", Payload: []byte(`{}`)}}); err != nil {
		t.Fatal(err)
	}
	log := logOf("a", "issues", "b", "pull_request", "c", "issues", "w", "watch", "d", "installation", "d", "installation", "e", "issues")
	res, err := Sweep(ctx, log, db, t0.Add(-time.Hour), handled)
	if err != nil {
		t.Fatal(err)
	}
	want := Result{Attempts: 7, Found: 5, Unhandled: 1, Known: 2, Enqueued: 3}
	if res != want {
		t.Fatalf("result %+v, want %+v", res, want)
	}
	for _, id := range []string{"c", "d", "e"} {
		d, err := db.GetDelivery(ctx, id)
		if err != nil || d.State != store.StatePending || !strings.Contains(string(d.Payload), `"guid":"`+id+`"`) {
			t.Errorf("%s: %+v %v", id, d, err)
		}
	}
	if d, _ := db.GetDelivery(ctx, "d"); d.Event != "installation" {
		t.Errorf("d stored as %q", d.Event)
	}
	if _, err := db.GetDelivery(ctx, "w"); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("an unhandled event was stored: %v", err)
	}
	// Payloads are fetched oldest first, once per delivery, from its newest attempt.
	if !slices.Equal(log.gets, []int64{102, 105, 106}) {
		t.Errorf("fetched attempts %v", log.gets)
	}

	again, err := Sweep(ctx, log, db, t0.Add(-time.Hour), handled)
	if err != nil || again.Enqueued != 0 || again.Known != 5 {
		t.Fatalf("second sweep: %+v %v", again, err)
	}
}

func TestSweepPagesBackToSince(t *testing.T) {
	ctx := context.Background()
	db := openStore(t)
	var pairs []string
	for i := range 250 {
		pairs = append(pairs, fmt.Sprintf("g%03d", i), "issues")
	}
	log := logOf(pairs...) // g249 is a minute old, g000 250 minutes
	res, err := Sweep(ctx, log, db, t0.Add(-210*time.Minute), handled)
	if err != nil {
		t.Fatal(err)
	}
	if res.Found != 210 || res.Enqueued != 210 || res.Attempts != 210 {
		t.Fatalf("result %+v", res)
	}
	if !slices.Equal(log.lists, []string{"", "100", "200"}) {
		t.Errorf("list calls with cursors %q", log.lists)
	}
	known, _ := db.KnownDeliveries(ctx, []string{"g039", "g040", "g249"})
	if known["g039"] || !known["g040"] || !known["g249"] {
		t.Errorf("known %v", known)
	}
	if _, err := Sweep(ctx, logOf(), db, t0.Add(-time.Hour), handled); err != nil {
		t.Errorf("an empty log: %v", err)
	}
}

func TestSweepGoesOnPastAPayloadItCannotFetch(t *testing.T) {
	ctx := context.Background()
	db := openStore(t)
	log := logOf("a", "issues", "b", "issues", "c", "issues", "d", "issues")
	log.broken[101] = true       // b
	log.payloads[102] = `"text"` // c: not an object
	res, err := Sweep(ctx, log, db, t0.Add(-time.Hour), handled)
	if err == nil || !strings.Contains(err.Error(), "2 of 4") || !strings.Contains(err.Error(), "delivery b") || !strings.Contains(err.Error(), "delivery c") {
		t.Fatalf("error %v", err)
	}
	if want := (Result{Attempts: 4, Found: 4, Enqueued: 2, Failed: 2}); res != want {
		t.Fatalf("result %+v, want %+v", res, want)
	}
	delete(log.broken, 101)
	log.payloads[102] = `{"fixed":true}`
	res, err = Sweep(ctx, log, db, t0.Add(-time.Hour), handled)
	if err != nil || res.Enqueued != 2 || res.Known != 2 {
		t.Fatalf("the next sweep picks them up: %+v %v", res, err)
	}
}

func TestSweepErrors(t *testing.T) {
	ctx := context.Background()
	log := logOf("a", "issues")
	log.listErr = errors.New("connection refused")
	if _, err := Sweep(ctx, log, openStore(t), t0.Add(-time.Hour), handled); err == nil || !strings.Contains(err.Error(), "list webhook deliveries") {
		t.Errorf("list error: %v", err)
	}
	closed := openStore(t)
	closed.Close()
	if _, err := Sweep(ctx, logOf("a", "issues"), closed, t0.Add(-time.Hour), handled); err == nil {
		t.Error("a closed store went unnoticed")
	}
	cancelled, cancel := context.WithCancel(ctx)
	cancel()
	if _, err := Sweep(cancelled, logOf("a", "issues"), openStore(t), t0.Add(-time.Hour), handled); err == nil {
		t.Error("a cancelled sweep reported success")
	}
}
