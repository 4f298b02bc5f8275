package queue

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"os"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/palantir/go-githubapp/githubapp"
	"github.com/rs/zerolog"

	"github.com/mentorbot/mentorbot/app/store"
)

// forEachStore runs fn on a fresh SQLite store and, when
// MENTORBOT_TEST_POSTGRES_URL names a server, on a fresh PostgreSQL one.
func forEachStore(t *testing.T, fn func(t *testing.T, db *store.DB)) {
	t.Run("sqlite", func(t *testing.T) { fn(t, openStore(t)) })
	t.Run("postgres", func(t *testing.T) {
		base := os.Getenv("MENTORBOT_TEST_POSTGRES_URL")
		if base == "" {
			t.Skip("MENTORBOT_TEST_POSTGRES_URL is not set: not run on PostgreSQL")
		}
		fn(t, openPostgres(t, base))
	})
}

func openPostgres(t *testing.T, base string) *store.DB {
	t.Helper()
	admin, err := sql.Open("pgx", base)
	if err != nil {
		t.Fatal(err)
	}
	defer admin.Close()
	name := fmt.Sprintf("mentorbot_queue_%d", time.Now().UnixNano())
	if _, err := admin.Exec("CREATE DATABASE " + name); err != nil {
		t.Fatal(err)
	}
	u, _ := url.Parse(base)
	u.Path = "/" + name
	db, err := store.Open(context.Background(), u.String())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		db.Close()
		if a, err := sql.Open("pgx", base); err == nil {
			a.Exec("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)")
			a.Close()
		}
	})
	return db
}

// faultyStore fails the steps it is told to fail and counts every try.
type faultyStore struct {
	*store.DB
	failClaim, failFinish, failRenew atomic.Bool
	loseClaim                        atomic.Bool // the lease commits, its answer is lost
	claims, finishes                 atomic.Int64
}

var errInjected = errors.New("injected store fault")

func (f *faultyStore) ClaimDeliveries(ctx context.Context, owner string, limit int, lease time.Duration) ([]store.Delivery, error) {
	f.claims.Add(1)
	if f.failClaim.Load() {
		return nil, errInjected
	}
	if f.loseClaim.Load() {
		f.DB.ClaimDeliveries(ctx, owner, limit, lease)
		return nil, errInjected
	}
	return f.DB.ClaimDeliveries(ctx, owner, limit, lease)
}

func (f *faultyStore) FinishDeliveries(ctx context.Context, outs []store.Outcome) error {
	f.finishes.Add(1)
	if f.failFinish.Load() {
		return errInjected
	}
	return f.DB.FinishDeliveries(ctx, outs)
}

func (f *faultyStore) RenewLeases(ctx context.Context, owner string, ids []string, lease time.Duration) (int64, error) {
	if f.failRenew.Load() {
		return 0, errInjected
	}
	return f.DB.RenewLeases(ctx, owner, ids, lease)
}

// item is an "issues" delivery about issue n of repo in installation inst.
func item(id string, inst int64, repo string, n int) store.Delivery {
	return store.Delivery{ID: id, Event: "issues",
		Payload: fmt.Appendf(nil, `{"action":"edited","issue":{"number":%d},"repository":{"full_name":%q},"installation":{"id":%d}}`, n, repo, inst)}
}

func enqueue(t *testing.T, db *store.DB, ds ...store.Delivery) {
	t.Helper()
	if _, err := db.EnqueueDeliveries(context.Background(), ds); err != nil {
		t.Fatal(err)
	}
}

// probe is a handler that checks it runs only under a lease, records the
// order of runs, and lets each test decide what a run does.
type probe struct {
	db       *store.DB
	mu       sync.Mutex
	runs     map[string]int
	order    []string
	unleased []string
	total    atomic.Int64
	do       func(ctx context.Context, id string, n int) error
}

func newProbe(db *store.DB) *probe { return &probe{db: db, runs: map[string]int{}} }

func (p *probe) Handles() []string { return []string{"issues", "ping"} }

func (p *probe) Handle(ctx context.Context, event, id string, payload []byte) error {
	p.total.Add(1)
	d, err := p.db.GetDelivery(context.Background(), id)
	p.mu.Lock()
	p.runs[id]++
	n := p.runs[id]
	p.order = append(p.order, id)
	if err != nil || d.State != store.StateRunning {
		p.unleased = append(p.unleased, id)
	}
	p.mu.Unlock()
	if p.do != nil {
		return p.do(ctx, id, n)
	}
	return nil
}

func (p *probe) count(id string) int {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.runs[id]
}

func (p *probe) position(id string) int {
	p.mu.Lock()
	defer p.mu.Unlock()
	for i, o := range p.order {
		if o == id {
			return i
		}
	}
	return -1
}

func stateOf(t *testing.T, db *store.DB, id string) store.Delivery {
	t.Helper()
	d, err := db.GetDelivery(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

func allDone(db *store.DB, n int) func() bool {
	return func() bool {
		depth, _ := db.QueueDepth(context.Background())
		return depth[store.StateDone] == n
	}
}

// faultWindow is how long a store fault lasts in the fault tests.
const faultWindow = 2 * time.Second

func TestStoreFaultsNeitherSpinNorRunUnleasedWork(t *testing.T) {
	forEachStore(t, func(t *testing.T, db *store.DB) {
		fs := &faultyStore{DB: db}
		p := newProbe(db)
		var ds []store.Delivery
		for i := range 20 {
			ds = append(ds, item(fmt.Sprint("a", i), 1, "o/r", i+1))
		}
		enqueue(t, db, ds...)

		// The lease step fails: nothing may run, and the claims back off.
		fs.failClaim.Store(true)
		r, stop := runRunner(t, fs, p, RunnerOptions{Workers: 3})
		time.Sleep(faultWindow)
		claims, runs := fs.claims.Load(), p.total.Load()
		t.Logf("lease fault for %s: %d lease attempts, %d handler runs", faultWindow, claims, runs)
		if runs != 0 {
			t.Fatalf("%d handler runs without a lease", runs)
		}
		if claims > 12 {
			t.Fatalf("hot loop: %d lease attempts in %s", claims, faultWindow)
		}
		fs.failClaim.Store(false)
		waitFor(t, allDone(db, 20))

		// The finish step fails: handlers run once each, at most as many as
		// the runner may hold, and recording backs off.
		ds = ds[:0]
		for i := range 20 {
			ds = append(ds, item(fmt.Sprint("b", i), 1, "o/r", 100+i))
		}
		fs.failFinish.Store(true)
		finishesBefore, runsBefore := fs.finishes.Load(), p.total.Load()
		enqueue(t, db, ds...)
		r.Wake()
		time.Sleep(faultWindow)
		finishes, runs := fs.finishes.Load()-finishesBefore, p.total.Load()-runsBefore
		t.Logf("finish fault for %s: %d finish attempts, %d handler runs", faultWindow, finishes, runs)
		if runs > 6 {
			t.Fatalf("%d handler runs while no outcome could be recorded (capacity 6)", runs)
		}
		if finishes > 12 {
			t.Fatalf("hot loop: %d finish attempts in %s", finishes, faultWindow)
		}
		fs.failFinish.Store(false)
		waitFor(t, allDone(db, 40))
		stop()

		for _, d := range ds {
			if n := p.count(d.ID); n != 1 {
				t.Errorf("%s handled %d times", d.ID, n)
			}
		}
		for i := range 20 {
			if n := p.count(fmt.Sprint("a", i)); n != 1 {
				t.Errorf("a%d handled %d times", i, n)
			}
		}
		if len(p.unleased) > 0 {
			t.Fatalf("handlers ran without a lease: %v", p.unleased)
		}
	})
}

func TestSlowItemDoesNotStallOthers(t *testing.T) {
	forEachStore(t, func(t *testing.T, db *store.DB) {
		p := newProbe(db)
		release := make(chan struct{})
		p.do = func(ctx context.Context, id string, n int) error {
			if id == "slow" {
				<-release
			}
			return nil
		}
		enqueue(t, db, item("slow", 1, "o/r", 1), item("after-slow", 1, "o/r", 1))
		var others []store.Delivery
		for i := range 30 {
			others = append(others, item(fmt.Sprint("o", i), 1+int64(i%2), "o/r", 10+i))
		}
		enqueue(t, db, others...)
		_, stop := runRunner(t, db, p, RunnerOptions{Workers: 2})
		defer stop()
		waitFor(t, func() bool {
			for _, d := range others {
				if stateOf(t, db, d.ID).State != store.StateDone {
					return false
				}
			}
			return true
		})
		if p.count("slow") != 1 || p.count("after-slow") != 0 {
			t.Fatalf("slow ran %d times, the delivery after it %d times while it ran", p.count("slow"), p.count("after-slow"))
		}
		close(release)
		waitFor(t, func() bool { return stateOf(t, db, "after-slow").State == store.StateDone })
		if p.position("slow") > p.position("after-slow") {
			t.Fatal("deliveries about one item ran out of order")
		}
	})
}

func TestOneItemsDeliveriesRunInOrder(t *testing.T) {
	forEachStore(t, func(t *testing.T, db *store.DB) {
		p := newProbe(db)
		var running atomic.Int64
		p.do = func(ctx context.Context, id string, n int) error {
			if running.Add(1) > 1 {
				t.Error("two deliveries about one item ran at once")
			}
			time.Sleep(time.Millisecond)
			running.Add(-1)
			return nil
		}
		for i := range 15 {
			enqueue(t, db, item(fmt.Sprint("s", i), 1, "o/r", 5))
		}
		_, stop := runRunner(t, db, p, RunnerOptions{Workers: 4})
		waitFor(t, allDone(db, 15))
		stop()
		for i := 1; i < 15; i++ {
			if p.position(fmt.Sprint("s", i-1)) > p.position(fmt.Sprint("s", i)) {
				t.Fatalf("s%d ran before s%d: %v", i, i-1, p.order)
			}
		}
	})
}

func TestBacklogOfOneInstallationDoesNotHoldAnotherBack(t *testing.T) {
	forEachStore(t, func(t *testing.T, db *store.DB) {
		p := newProbe(db)
		p.do = func(ctx context.Context, id string, n int) error {
			time.Sleep(time.Millisecond)
			return nil
		}
		var backlog []store.Delivery
		for i := range 1000 {
			backlog = append(backlog, item(fmt.Sprint("big", i), 1, "big/repo", i+1))
		}
		enqueue(t, db, backlog...)
		r, stop := runRunner(t, db, p, RunnerOptions{Workers: 2})
		defer stop()
		waitFor(t, func() bool { return p.total.Load() >= 20 })
		before := p.total.Load()
		enqueue(t, db, item("small", 2, "small/repo", 1))
		r.Wake()
		waitFor(t, func() bool { return p.count("small") == 1 })
		ahead := int64(p.position("small")) - before
		t.Logf("the second installation's delivery waited behind %d of the first one's 1,000", ahead)
		// At most what the runner already held (2 per worker) and one
		// turn of the first installation.
		if ahead > 8 {
			t.Fatalf("waited behind %d deliveries of another installation", ahead)
		}
	})
}

func TestHandlerDeadlineRetriesThenQuarantines(t *testing.T) {
	forEachStore(t, func(t *testing.T, db *store.DB) {
		p := newProbe(db)
		p.do = func(ctx context.Context, id string, n int) error {
			if id == "hang" {
				<-ctx.Done()
				return fmt.Errorf("wait for github: %w", ctx.Err())
			}
			return nil
		}
		enqueue(t, db, item("hang", 1, "o/r", 1), item("fine", 1, "o/r", 2))
		_, stop := runRunner(t, db, p, RunnerOptions{Workers: 1, HandlerTimeout: 20 * time.Millisecond,
			MaxStrikes: 3, RetryBase: time.Millisecond, RetryMax: 5 * time.Millisecond})
		waitFor(t, func() bool { return stateOf(t, db, "hang").State == store.StateDead })
		waitFor(t, allDone(db, 1))
		stop()
		d := stateOf(t, db, "hang")
		if p.count("hang") != 3 || d.Strikes != 3 || !strings.Contains(d.LastError, "quarantined") {
			t.Fatalf("ran %d times; %d strikes; last error %q", p.count("hang"), d.Strikes, d.LastError)
		}
	})
}

func TestHandlerIgnoringItsDeadlineIsLeftBehind(t *testing.T) {
	db := openStore(t)
	p := newProbe(db)
	stuck := make(chan struct{})
	defer close(stuck)
	p.do = func(ctx context.Context, id string, n int) error {
		if id == "runaway" {
			<-stuck // ignores ctx, as a runaway template would
		}
		return nil
	}
	enqueue(t, db, item("runaway", 1, "o/r", 1), item("next", 2, "x/y", 1))
	_, stop := runRunner(t, db, p, RunnerOptions{Workers: 1, HandlerTimeout: 10 * time.Millisecond, AbandonAfter: 10 * time.Millisecond,
		MaxStrikes: 2, RetryBase: time.Millisecond, RetryMax: 2 * time.Millisecond})
	waitFor(t, func() bool { return stateOf(t, db, "runaway").State == store.StateDead })
	waitFor(t, func() bool { return stateOf(t, db, "next").State == store.StateDone })
	stop()
	if n := p.count("runaway"); n != 2 {
		t.Fatalf("runaway ran %d times, want 2", n)
	}
}

func TestDeliveryThatKeepsKillingTheProcessIsQuarantined(t *testing.T) {
	forEachStore(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		enqueue(t, db, item("crashy", 1, "o/r", 1), item("healthy", 1, "o/r", 2))
		// Three processes leased it and died before recording anything:
		// each lease ran out.
		for i := range 3 {
			got, err := db.ClaimDeliveries(ctx, fmt.Sprint("dead-", i), 1, time.Millisecond)
			if err != nil || len(got) != 1 {
				t.Fatalf("lease %d: %v %v", i, got, err)
			}
			time.Sleep(5 * time.Millisecond)
		}
		p := newProbe(db)
		_, stop := runRunner(t, db, p, RunnerOptions{MaxStrikes: 3})
		waitFor(t, func() bool { return stateOf(t, db, "crashy").State == store.StateDead })
		waitFor(t, func() bool { return stateOf(t, db, "healthy").State == store.StateDone })
		stop()
		if p.count("crashy") != 0 {
			t.Fatal("a quarantined delivery ran again")
		}
		if d := stateOf(t, db, "crashy"); !strings.Contains(d.LastError, "quarantined") {
			t.Fatalf("last error %q", d.LastError)
		}
	})
}

func TestShutdownHandsBackWorkNotStarted(t *testing.T) {
	forEachStore(t, func(t *testing.T, db *store.DB) {
		p := newProbe(db)
		started := make(chan struct{})
		release := make(chan struct{})
		p.do = func(ctx context.Context, id string, n int) error {
			if id == "first" {
				close(started)
				<-release
			}
			return nil
		}
		enqueue(t, db, item("first", 1, "o/r", 1))
		for i := range 3 {
			enqueue(t, db, item(fmt.Sprint("later", i), 1, "o/r", 10+i))
		}
		_, stop := runRunner(t, db, p, RunnerOptions{Workers: 1})
		<-started
		waitFor(t, func() bool { return stateOf(t, db, "later0").State == store.StateRunning }) // leased, queued
		go func() {
			// Once the runner handed the queued deliveries back.
			for stateOf(t, db, "later0").State != store.StatePending {
				time.Sleep(time.Millisecond)
			}
			close(release)
		}()
		stop()
		if d := stateOf(t, db, "first"); d.State != store.StateDone {
			t.Fatalf("running handler's outcome not recorded: %s", d.State)
		}
		for i := range 3 {
			d := stateOf(t, db, fmt.Sprint("later", i))
			if d.State != store.StatePending || d.Attempts != 0 || d.Strikes != 0 {
				t.Fatalf("later%d not handed back cleanly: %+v", i, d)
			}
		}
	})
}

func TestPermanentErrorIsLoggedWithItsReason(t *testing.T) {
	db := openStore(t)
	p := newProbe(db)
	p.do = func(ctx context.Context, id string, n int) error {
		return Permanent(errors.New("render welcome: more than 60000 characters"))
	}
	var logs syncBuffer
	r := NewRunner(db, []githubapp.EventHandler{p}, RunnerOptions{Workers: 1, Owner: "t", Poll: 10 * time.Millisecond, Logger: zerolog.New(&logs)})
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { r.Run(ctx); close(done) }()
	enqueue(t, db, item("poison", 1, "o/r", 1))
	r.Wake()
	waitFor(t, func() bool { return stateOf(t, db, "poison").State == store.StateDead })
	cancel()
	<-done
	if p.count("poison") != 1 {
		t.Fatalf("ran %d times", p.count("poison"))
	}
	if !strings.Contains(logs.String(), reasonPermanent) || !strings.Contains(logs.String(), "60000 characters") {
		t.Fatalf("reason not logged: %s", logs.String())
	}
}

type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

func TestStoreBackoffIsBounded(t *testing.T) {
	var b storeBackoff
	for i := range 20 {
		d := b.next()
		if d < storeBackoffMin/2 || d > storeBackoffMax {
			t.Fatalf("pause %d: %v", i, d)
		}
	}
	if b.ceiling != storeBackoffMax {
		t.Fatalf("ceiling %v", b.ceiling)
	}
	b.reset()
	if d := b.next(); d > storeBackoffMin {
		t.Fatalf("after reset: %v", d)
	}
}

func TestLeaseIsRenewedWhileTheHandlerRuns(t *testing.T) {
	forEachStore(t, func(t *testing.T, db *store.DB) {
		p := newProbe(db)
		started, release := make(chan struct{}), make(chan struct{})
		p.do = func(ctx context.Context, id string, n int) error {
			close(started)
			<-release
			return nil
		}
		enqueue(t, db, item("long", 1, "o/r", 1))
		const lease = 600 * time.Millisecond
		_, stop := runRunner(t, db, p, RunnerOptions{Workers: 1, Lease: lease})
		<-started
		// Another replica asks for work over several lease lengths.
		for range 8 {
			if got, err := db.ClaimDeliveries(context.Background(), "other", 1, lease); err != nil || len(got) != 0 {
				t.Fatalf("a running delivery's lease was not kept: %v %v", got, err)
			}
			time.Sleep(lease / 3)
		}
		close(release)
		waitFor(t, allDone(db, 1))
		stop()
		if p.count("long") != 1 {
			t.Fatalf("ran %d times", p.count("long"))
		}
	})
}

func TestLeaseWhoseAnswerWasLostRunsOnceAfterItEnds(t *testing.T) {
	forEachStore(t, func(t *testing.T, db *store.DB) {
		fs := &faultyStore{DB: db}
		p := newProbe(db)
		enqueue(t, db, item("l0", 1, "o/r", 1), item("l1", 2, "x/y", 1))
		fs.loseClaim.Store(true)
		_, stop := runRunner(t, fs, p, RunnerOptions{Workers: 2, Lease: time.Second})
		waitFor(t, func() bool { return fs.claims.Load() >= 2 })
		fs.loseClaim.Store(false)
		waitFor(t, allDone(db, 2))
		stop()
		if p.total.Load() != 2 || len(p.unleased) > 0 {
			t.Fatalf("%d handler runs for 2 deliveries; unleased %v", p.total.Load(), p.unleased)
		}
		if d := stateOf(t, db, "l0"); d.Strikes < 1 {
			t.Fatalf("a lease that ran out without an outcome counts a strike: %+v", d.Strikes)
		}
	})
}
