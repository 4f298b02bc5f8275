package app

import (
	"context"
	"testing"
	"time"

	"github.com/rs/zerolog"
)

// The scheduler lease of a killed process (taken and never released)
// blocks a new owner for no longer than its TTL, and the TTL is seconds.
func TestKilledProcessLeaseRunsOutWithinTTL(t *testing.T) {
	if scheduleLeaseTTL > 15*time.Second {
		t.Fatalf("scheduler lease TTL %s; a killed process would block the others for minutes", scheduleLeaseTTL)
	}
	w := newWorld(t, defaultMentorship)
	ctx := context.Background()
	const ttl = 300 * time.Millisecond
	takeOnceFree(t, w, "killed-process", ttl)
	if held, _ := w.db.AcquireLease(ctx, scheduleLease, w.app.app.owner, scheduleLeaseTTL); held {
		t.Fatal("a new owner took a lease that has not run out")
	}
	time.Sleep(ttl + 100*time.Millisecond) // the killed process never renews nor releases
	held, err := w.db.AcquireLease(ctx, scheduleLease, w.app.app.owner, scheduleLeaseTTL)
	if err != nil || !held {
		t.Fatalf("a lease left by a killed process still blocks after its TTL: %v %v", held, err)
	}
	w.db.ReleaseLease(ctx, scheduleLease, w.app.app.owner)
}

// While a run holds the lease it renews it, so a run longer than the TTL
// keeps it; at the end of the run it is released for anyone.
func TestHeldLeaseIsRenewedThenReleased(t *testing.T) {
	w := newWorld(t, defaultMentorship)
	ctx := context.Background()
	const ttl = 300 * time.Millisecond
	if held, err := w.db.AcquireLease(ctx, "test-lease", "runner", ttl); err != nil || !held {
		t.Fatalf("take: %v %v", held, err)
	}
	runCtx, stop := holdLease(ctx, w.db, "test-lease", "runner", ttl, zerolog.Nop())
	time.Sleep(3 * ttl) // a run three TTLs long
	if held, _ := w.db.AcquireLease(ctx, "test-lease", "other", ttl); held {
		t.Fatal("another owner took the lease of a run in progress: it was not renewed")
	}
	if runCtx.Err() != nil {
		t.Fatalf("the run was stopped though it kept its lease: %v", runCtx.Err())
	}
	stop()
	if held, err := w.db.AcquireLease(ctx, "test-lease", "other", ttl); err != nil || !held {
		t.Fatalf("the lease was not released at the end of the run: %v %v", held, err)
	}

	// A run that loses its lease is stopped.
	runCtx, stop = holdLease(ctx, w.db, "test-lease", "runner", ttl, zerolog.Nop())
	defer stop()
	select {
	case <-runCtx.Done():
	case <-time.After(10 * time.Second):
		t.Fatal("a run whose lease another owner holds was not stopped")
	}
}

// runLeased releases the scheduler lease at the end of each run.
func TestScheduleRunReleasesTheLease(t *testing.T) {
	w := newWorld(t, defaultMentorship)
	ctx := context.Background()
	a := w.app.app
	takeOnceFree(t, w, a.owner, scheduleLeaseTTL)
	a.runLeased(ctx)
	if held, err := w.db.AcquireLease(ctx, scheduleLease, "another-replica", time.Second); err != nil || !held {
		t.Fatalf("the scheduler lease was still held after the run: %v %v", held, err)
	}
}

// takeOnceFree takes the scheduler lease as owner once the service's own
// first run (at start-up) has released it.
func takeOnceFree(t *testing.T, w *world, owner string, ttl time.Duration) {
	t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for {
		held, err := w.db.AcquireLease(context.Background(), scheduleLease, owner, ttl)
		if err != nil {
			t.Fatal(err)
		}
		if held {
			return
		}
		if time.Now().After(deadline) {
			t.Fatal("the service's first scheduled run never released the lease")
		}
		time.Sleep(20 * time.Millisecond)
	}
}
