package queue

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/palantir/go-githubapp/githubapp"
	"github.com/rs/zerolog"

	"github.com/mentorbot/mentorbot/app/store"
)

func openStore(t *testing.T) *store.DB {
	t.Helper()
	db, err := store.Open(context.Background(), "sqlite://"+t.TempDir()+"/q.db")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

// recorder is an EventHandler that counts calls per delivery and fails
// as told.
type recorder struct {
	mu    sync.Mutex
	calls map[string]int
	fail  func(id string, n int) error
	done  chan string
}

func newRecorder() *recorder {
	return &recorder{calls: map[string]int{}, done: make(chan string, 1000)}
}

func (r *recorder) Handles() []string { return []string{"ping", "issues"} }

func (r *recorder) Handle(ctx context.Context, event, id string, payload []byte) error {
	r.mu.Lock()
	r.calls[id]++
	n := r.calls[id]
	r.mu.Unlock()
	var err error
	if r.fail != nil {
		err = r.fail(id, n)
	}
	r.done <- id
	return err
}

func (r *recorder) count(id string) int {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.calls[id]
}

func waitFor(t *testing.T, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatal("condition not met in time")
		}
		time.Sleep(5 * time.Millisecond)
	}
}

func dispatch(id string) githubapp.Dispatch {
	return githubapp.Dispatch{EventType: "ping", DeliveryID: id, Payload: []byte(`{"zen":"hi"}`)}
}

func TestIntakeStoresBeforeReturning(t *testing.T) {
	db := openStore(t)
	in := NewIntake(db, nil, nil)
	defer in.Close()
	if err := in.Schedule(context.Background(), dispatch("d1")); err != nil {
		t.Fatal(err)
	}
	d, err := db.GetDelivery(context.Background(), "d1")
	if err != nil || d.State != store.StatePending || string(d.Payload) != `{"zen":"hi"}` {
		t.Fatalf("stored %+v %v", d, err)
	}
}

func TestIntakeRejects(t *testing.T) {
	db := openStore(t)
	in := NewIntake(db, nil, nil)
	defer in.Close()
	for name, d := range map[string]githubapp.Dispatch{
		"no delivery id": {EventType: "ping", Payload: []byte(`{}`)},
		"not json":       {EventType: "ping", DeliveryID: "x", Payload: []byte(`zen=hi`)},
		"truncated":      {EventType: "ping", DeliveryID: "y", Payload: []byte(`{"zen":"h`)},
	} {
		err := in.Schedule(context.Background(), d)
		var ve githubapp.ValidationError
		if !errors.As(err, &ve) {
			t.Errorf("%s: want a validation error, got %v", name, err)
		}
	}
	if depth, _ := db.QueueDepth(context.Background()); depth[store.StatePending] != 0 {
		t.Fatalf("rejected deliveries were stored: %v", depth)
	}
}

func TestIntakeGroupsConcurrentDeliveries(t *testing.T) {
	db := openStore(t)
	var commits atomic.Int64
	counting := &countingStore{DB: db, commits: &commits}
	in := NewIntake(counting, nil, nil)
	defer in.Close()
	var wg sync.WaitGroup
	for i := 0; i < 200; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if err := in.Schedule(context.Background(), dispatch(fmt.Sprint("g", i))); err != nil {
				t.Error(err)
			}
		}()
	}
	wg.Wait()
	depth, _ := db.QueueDepth(context.Background())
	if depth[store.StatePending] != 200 {
		t.Fatalf("stored %d of 200", depth[store.StatePending])
	}
	if commits.Load() >= 200 {
		t.Fatalf("no grouping: %d commits for 200 deliveries", commits.Load())
	}
	t.Logf("200 concurrent deliveries in %d commits", commits.Load())
}

type countingStore struct {
	*store.DB
	commits *atomic.Int64
	fail    atomic.Bool
}

func (c *countingStore) EnqueueDeliveries(ctx context.Context, ds []store.Delivery) ([]bool, error) {
	if c.fail.Load() {
		return nil, errors.New("disk on fire")
	}
	c.commits.Add(1)
	return c.DB.EnqueueDeliveries(ctx, ds)
}

func TestIntakeReportsStoreFailure(t *testing.T) {
	db := openStore(t)
	cs := &countingStore{DB: db, commits: new(atomic.Int64)}
	cs.fail.Store(true)
	in := NewIntake(cs, nil, nil)
	defer in.Close()
	if err := in.Schedule(context.Background(), dispatch("f")); err == nil {
		t.Fatal("a failed commit must be reported")
	}
}

func TestIntakeAfterClose(t *testing.T) {
	in := NewIntake(openStore(t), nil, nil)
	in.Close()
	if err := in.Schedule(context.Background(), dispatch("late")); !errors.Is(err, ErrStopped) {
		t.Fatalf("want ErrStopped, got %v", err)
	}
}

func runRunner(t *testing.T, db Store, h githubapp.EventHandler, opts RunnerOptions) (*Runner, func()) {
	t.Helper()
	if opts.Workers == 0 {
		opts.Workers = 3
	}
	opts.Owner = "test"
	opts.Poll = 10 * time.Millisecond
	opts.Logger = zerolog.Nop()
	r := NewRunner(db, []githubapp.EventHandler{h}, opts)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { r.Run(ctx); close(done) }()
	return r, func() { cancel(); <-done }
}

func TestRunnerHandlesEachDeliveryOnce(t *testing.T) {
	db := openStore(t)
	rec := newRecorder()
	r, stop := runRunner(t, db, rec, RunnerOptions{})
	in := NewIntake(db, nil, r.Wake)
	for i := 0; i < 50; i++ {
		in.Schedule(context.Background(), dispatch(fmt.Sprint("e", i)))
		in.Schedule(context.Background(), dispatch(fmt.Sprint("e", i))) // redelivery
	}
	waitFor(t, func() bool {
		depth, _ := db.QueueDepth(context.Background())
		return depth[store.StateDone] == 50
	})
	in.Close()
	stop()
	for i := 0; i < 50; i++ {
		if n := rec.count(fmt.Sprint("e", i)); n != 1 {
			t.Fatalf("e%d handled %d times", i, n)
		}
	}
}

func TestRunnerRetriesThenDeadLetters(t *testing.T) {
	db := openStore(t)
	rec := newRecorder()
	rec.fail = func(id string, n int) error {
		if id == "flaky" && n < 3 {
			return errors.New("github said 502")
		}
		if id == "broken" {
			return errors.New("always fails")
		}
		return nil
	}
	r, stop := runRunner(t, db, rec, RunnerOptions{MaxAttempts: 4, RetryBase: time.Millisecond, RetryMax: 5 * time.Millisecond})
	in := NewIntake(db, nil, r.Wake)
	in.Schedule(context.Background(), dispatch("flaky"))
	in.Schedule(context.Background(), dispatch("broken"))
	waitFor(t, func() bool {
		a, _ := db.GetDelivery(context.Background(), "flaky")
		b, _ := db.GetDelivery(context.Background(), "broken")
		return a.State == store.StateDone && b.State == store.StateDead
	})
	in.Close()
	stop()
	if rec.count("flaky") != 3 || rec.count("broken") != 4 {
		t.Fatalf("attempts flaky=%d broken=%d", rec.count("flaky"), rec.count("broken"))
	}
	b, _ := db.GetDelivery(context.Background(), "broken")
	if b.LastError != "always fails" {
		t.Fatalf("last error %q", b.LastError)
	}
}

func TestPermanentErrorsAreDeadAtOnce(t *testing.T) {
	db := openStore(t)
	rec := newRecorder()
	rec.fail = func(string, int) error { return Permanent(errors.New("bad payload")) }
	r, stop := runRunner(t, db, rec, RunnerOptions{MaxAttempts: 5, RetryBase: time.Millisecond})
	in := NewIntake(db, nil, r.Wake)
	in.Schedule(context.Background(), dispatch("p"))
	waitFor(t, func() bool { d, _ := db.GetDelivery(context.Background(), "p"); return d.State == store.StateDead })
	in.Close()
	stop()
	if rec.count("p") != 1 {
		t.Fatalf("permanent error retried: %d", rec.count("p"))
	}
}

type panicker struct{}

func (panicker) Handles() []string { return []string{"ping"} }
func (panicker) Handle(context.Context, string, string, []byte) error {
	panic("nil map")
}

func TestPanicsBecomeErrors(t *testing.T) {
	db := openStore(t)
	r, stop := runRunner(t, db, panicker{}, RunnerOptions{MaxAttempts: 1})
	in := NewIntake(db, nil, r.Wake)
	in.Schedule(context.Background(), dispatch("boom"))
	waitFor(t, func() bool { d, _ := db.GetDelivery(context.Background(), "boom"); return d.State == store.StateDead })
	in.Close()
	stop()
}

type rateLimited struct{ until time.Time }

func (e rateLimited) Error() string      { return "rate limited" }
func (e rateLimited) RetryAt() time.Time { return e.until }

func TestRetryAtIsHonoured(t *testing.T) {
	r := NewRunner(nil, nil, RunnerOptions{RetryAt: func(err error, now time.Time) (time.Time, bool) {
		var rl rateLimited
		if errors.As(err, &rl) {
			return rl.until, true
		}
		return time.Time{}, false
	}})
	until := time.Now().Add(30 * time.Minute)
	got := r.backoff(1, fmt.Errorf("wrapped: %w", rateLimited{until}))
	if got < 29*time.Minute || got > 31*time.Minute {
		t.Fatalf("backoff %v, want about 30m", got)
	}
	for attempt := 1; attempt < 30; attempt++ {
		b := r.backoff(attempt, errors.New("x"))
		if b <= 0 || b > DefaultRetryMax {
			t.Fatalf("attempt %d: backoff %v out of range", attempt, b)
		}
	}
}

func TestIntakeOnlyRunnerHandlesNothing(t *testing.T) {
	db := openStore(t)
	rec := newRecorder()
	r := NewRunner(db, []githubapp.EventHandler{rec}, RunnerOptions{Workers: 0, Logger: zerolog.Nop()})
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { r.Run(ctx); close(done) }()
	in := NewIntake(db, nil, r.Wake)
	in.Schedule(context.Background(), dispatch("held"))
	time.Sleep(50 * time.Millisecond)
	cancel()
	<-done
	in.Close()
	if rec.count("held") != 0 {
		t.Fatal("workers: 0 must not handle deliveries")
	}
}
