package transport

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"slices"
	"strconv"
	"sync"
	"testing"
	"time"
)

// arrivals records, per installation, the clock's time when each request
// reached the server.
type arrivals struct {
	mu    sync.Mutex
	clock Clock
	at    map[string][]time.Duration // by User-Agent, since epoch
}

func arrivalServer(t *testing.T, clock Clock) (*httptest.Server, *arrivals) {
	t.Helper()
	a := &arrivals{clock: clock, at: map[string][]time.Duration{}}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		a.mu.Lock()
		ua := r.Header.Get("User-Agent")
		a.at[ua] = append(a.at[ua], a.clock.Now().Sub(epoch))
		a.mu.Unlock()
		w.WriteHeader(http.StatusCreated)
	}))
	t.Cleanup(srv.Close)
	return srv, a
}

func (a *arrivals) of(installation int64) []time.Duration {
	a.mu.Lock()
	defer a.mu.Unlock()
	return a.at[agent(installation)]
}

func agent(installation int64) string {
	return "mentorbot/test (installation: " + strconv.FormatInt(installation, 10) + ")"
}

func send(ctx context.Context, client *http.Client, method, url string, installation int64, body string) error {
	req, err := http.NewRequestWithContext(ctx, method, url, stringsReader(body))
	if err != nil {
		return err
	}
	req.Header.Set("User-Agent", agent(installation))
	resp, err := client.Do(req)
	if err != nil {
		return err
	}
	return resp.Body.Close()
}

func TestThrottleSpacesWritesPerInstallation(t *testing.T) {
	clock := newFakeClock()
	srv, got := arrivalServer(t, clock)
	client := &http.Client{Transport: Throttle(ThrottleOptions{Clock: clock})(http.DefaultTransport)}
	ctx := context.Background()
	steps := []struct {
		method, path string
		installation int64
		body         string
	}{
		{"POST", "/repos/o/r/issues/1/comments", 1, `{"body":"a"}`},
		{"PATCH", "/repos/o/r/issues/1", 1, `{"state":"closed"}`},
		{"GET", "/repos/o/r/issues/1", 1, ""},
		{"POST", "/graphql", 1, `{"query":"{ viewer { login } }"}`},
		{"POST", "/graphql", 1, `{"query":"mutation { addComment(input:{}) { clientMutationId } }"}`},
		{"DELETE", "/repos/o/r/issues/1/labels/x", 2, ""},
		{"PUT", "/repos/o/r/issues/1/labels", 2, `{"labels":["x"]}`},
	}
	for _, s := range steps {
		if err := send(ctx, client, s.method, srv.URL+s.path, s.installation, s.body); err != nil {
			t.Fatalf("%s %s: %v", s.method, s.path, err)
		}
	}
	// Installation 1: the PATCH waits 1 s for the POST; the GET and the query
	// go at once; the mutation waits for the PATCH. Installation 2 starts at
	// 2 s, when its first write goes at once.
	if want := []time.Duration{0, time.Second, time.Second, time.Second, 2 * time.Second}; !slices.Equal(got.of(1), want) {
		t.Errorf("installation 1 arrivals = %v, want %v", got.of(1), want)
	}
	if want := []time.Duration{2 * time.Second, 3 * time.Second}; !slices.Equal(got.of(2), want) {
		t.Errorf("installation 2 arrivals = %v, want %v", got.of(2), want)
	}
	if want := []time.Duration{time.Second, time.Second, time.Second}; !slices.Equal(clock.Sleeps(), want) {
		t.Errorf("waits = %v, want %v", clock.Sleeps(), want)
	}
}

func TestThrottleInstallationsDoNotWaitForEachOther(t *testing.T) {
	clock := newManualClock()
	srv, got := arrivalServer(t, clock)
	client := &http.Client{Transport: Throttle(ThrottleOptions{Clock: clock})(http.DefaultTransport)}
	ctx := context.Background()
	post := func(installation int64) error {
		return send(ctx, client, "POST", srv.URL+"/repos/o/r/issues", installation, `{"title":"x"}`)
	}

	if err := post(1); err != nil {
		t.Fatal(err)
	}
	second := make(chan error, 1)
	go func() { second <- post(1) }()
	if d := nextSleep(t, clock.sleeping); d != time.Second {
		t.Fatalf("second write of installation 1 waits %v, want 1s", d)
	}
	// While installation 1's second write waits, installation 2 writes and
	// installation 1 reads.
	if err := post(2); err != nil {
		t.Fatal(err)
	}
	if err := send(ctx, client, "GET", srv.URL+"/repos/o/r", 1, ""); err != nil {
		t.Fatal(err)
	}
	if n := len(got.of(1)); n != 2 {
		t.Fatalf("installation 1 requests arrived = %d before the wait ended, want 2 (a write and a read)", n)
	}
	clock.Advance(time.Second)
	if err := <-second; err != nil {
		t.Fatal(err)
	}
	if want := []time.Duration{0, 0, time.Second}; !slices.Equal(got.of(1), want) {
		t.Errorf("installation 1 arrivals = %v, want %v", got.of(1), want)
	}
	if want := []time.Duration{0}; !slices.Equal(got.of(2), want) {
		t.Errorf("installation 2 arrivals = %v, want %v", got.of(2), want)
	}
}

func TestThrottleWaitEndsWithTheContext(t *testing.T) {
	clock := newManualClock()
	srv, got := arrivalServer(t, clock)
	client := &http.Client{Transport: Throttle(ThrottleOptions{Clock: clock})(http.DefaultTransport)}
	post := func(ctx context.Context) error {
		return send(ctx, client, "POST", srv.URL+"/repos/o/r/issues", 1, `{"title":"x"}`)
	}
	if err := post(context.Background()); err != nil {
		t.Fatal(err)
	}

	ctx, cancel := context.WithCancel(context.Background())
	cancelled := make(chan error, 1)
	go func() { cancelled <- post(ctx) }()
	nextSleep(t, clock.sleeping)
	cancel()
	if err := <-cancelled; !errors.Is(err, context.Canceled) {
		t.Fatalf("cancelled write error = %v, want context.Canceled", err)
	}

	// The cancelled write gave its slot back: the next one waits 1 s, not 2 s.
	third := make(chan error, 1)
	go func() { third <- post(context.Background()) }()
	if d := nextSleep(t, clock.sleeping); d != time.Second {
		t.Errorf("write after a cancelled one waits %v, want 1s", d)
	}
	clock.Advance(time.Second)
	if err := <-third; err != nil {
		t.Fatal(err)
	}
	if want := []time.Duration{0, time.Second}; !slices.Equal(got.of(1), want) {
		t.Errorf("arrivals = %v, want %v", got.of(1), want)
	}
}

func TestSchedulerForgetsPastInstallations(t *testing.T) {
	clock := newFakeClock()
	s := &scheduler{interval: time.Second, clock: clock, next: map[int64]time.Time{}}
	for id := range int64(pruneAbove) {
		if err := s.wait(context.Background(), id); err != nil {
			t.Fatal(err)
		}
	}
	_ = clock.Sleep(context.Background(), 2*time.Second)
	if err := s.wait(context.Background(), pruneAbove); err != nil {
		t.Fatal(err)
	}
	if len(s.next) != 1 {
		t.Errorf("scheduler tracks %d installations, want only the one with a pending slot", len(s.next))
	}
}

// Work that can wait books its write slot only once at most one write is
// booked ahead of it: welcomes booked meanwhile go first.
func TestDeferrableWritesWaitBehindPeoplesWrites(t *testing.T) {
	clock := newFakeClock()
	s := &scheduler{interval: time.Second, clock: clock, next: map[int64]time.Time{}}
	s.mu.Lock()
	for range 4 { // four welcomes' writes already booked: slots at 0, 1, 2 and 3 s
		s.reserve(7, clock.Now())
	}
	s.mu.Unlock()
	start := clock.Now()
	if err := s.waitBehind(context.Background(), 7); err != nil {
		t.Fatal(err)
	}
	// It waited until only the last booked write (at 3 s) was ahead, then
	// took the slot after it.
	if got := clock.Now().Sub(start); got != 4*time.Second {
		t.Fatalf("the deferrable write went at %v, want 4s (after the four booked writes)", got)
	}
	// It booked nothing for its first 3 s (a person's write could still
	// book ahead of it then), and only then the slot at 4 s.
	if sl := clock.Sleeps(); len(sl) != 2 || sl[0] != 3*time.Second || sl[1] != time.Second {
		t.Fatalf("sleeps %v, want 3s unbooked then 1s to the booked slot", sl)
	}
}
