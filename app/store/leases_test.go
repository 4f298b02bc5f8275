package store

import (
	"context"
	"testing"
	"time"
)

func TestLeases(t *testing.T) {
	forEachStore(t, func(t *testing.T, db *DB) {
		ctx := context.Background()
		c := &clock{t: time.Date(2026, 11, 26, 12, 0, 0, 0, time.UTC)}
		db.SetClock(c.now)
		if ok, err := db.AcquireLease(ctx, "scheduler", "a", time.Minute); err != nil || !ok {
			t.Fatalf("a: %v %v", ok, err)
		}
		if ok, _ := db.AcquireLease(ctx, "scheduler", "b", time.Minute); ok {
			t.Fatal("b took a held lease")
		}
		if ok, _ := db.AcquireLease(ctx, "scheduler", "a", time.Minute); !ok {
			t.Fatal("a could not renew")
		}
		c.advance(2 * time.Minute)
		if ok, _ := db.AcquireLease(ctx, "scheduler", "b", time.Minute); !ok {
			t.Fatal("b could not take an expired lease")
		}
		db.ReleaseLease(ctx, "scheduler", "b")
		if ok, _ := db.AcquireLease(ctx, "scheduler", "a", time.Minute); !ok {
			t.Fatal("released lease not free")
		}
	})
}

// TakeLease gives each taker an owner of its own: a second runner of the
// same process is refused while the first holds the lease, and takes it
// once it is released.
func TestTakeLeaseExcludesRunnersOfOneProcess(t *testing.T) {
	forEachStore(t, func(t *testing.T, db *DB) {
		ctx := context.Background()
		release, held, err := db.TakeLease(ctx, "effects:o/r#1", time.Minute)
		if err != nil || !held {
			t.Fatalf("first take: %v %v", held, err)
		}
		if _, again, err := db.TakeLease(ctx, "effects:o/r#1", time.Minute); err != nil || again {
			t.Fatalf("second take while held: %v %v", again, err)
		}
		release()
		release2, held, err := db.TakeLease(ctx, "effects:o/r#1", time.Minute)
		if err != nil || !held {
			t.Fatalf("take after release: %v %v", held, err)
		}
		release2()
	})
}
