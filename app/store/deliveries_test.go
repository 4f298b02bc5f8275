package store

import (
	"context"
	"fmt"
	"testing"
	"time"
)

func about(inst int64, item string) string {
	return fmt.Sprintf(`{"installation":{"id":%d},"repository":{"full_name":"o%d/r"},"issue":{"number":%s}}`, inst, inst, item)
}

func TestClaimTakesTurnsAmongInstallations(t *testing.T) {
	forEachStore(t, func(t *testing.T, db *DB) {
		ctx := context.Background()
		var ds []Delivery
		for i := 0; i < 50; i++ {
			ds = append(ds, Delivery{ID: fmt.Sprint("a", i), Event: "issues", Payload: []byte(about(1, fmt.Sprint(i+1)))})
		}
		db.EnqueueDeliveries(ctx, ds)
		db.EnqueueDeliveries(ctx, []Delivery{{ID: "b0", Event: "issues", Payload: []byte(about(2, "1"))}})
		got, err := db.ClaimDeliveries(ctx, "w", 4, time.Minute)
		if err != nil || len(got) != 4 {
			t.Fatalf("claim: %d %v", len(got), err)
		}
		seen := map[string]bool{}
		for _, d := range got {
			seen[d.ID] = true
		}
		if !seen["b0"] || !seen["a0"] {
			t.Fatalf("the second installation waited behind the first one's backlog: %v", seen)
		}
		if got[0].Installation == 0 || got[0].Item == "" {
			t.Fatalf("subject not stored: %+v", got[0])
		}
	})
}

func TestClaimLeasesOneDeliveryPerItemInOrder(t *testing.T) {
	forEachStore(t, func(t *testing.T, db *DB) {
		ctx := context.Background()
		for i := 0; i < 3; i++ {
			db.EnqueueDeliveries(ctx, []Delivery{{ID: fmt.Sprint("x", i), Event: "issues", Payload: []byte(about(1, "7"))}})
		}
		db.EnqueueDeliveries(ctx, []Delivery{{ID: "other", Event: "issues", Payload: []byte(about(1, "8"))}})
		for i := 0; i < 3; i++ {
			got, err := db.ClaimDeliveries(ctx, "w", 10, time.Minute)
			if err != nil {
				t.Fatal(err)
			}
			var ids []string
			for _, d := range got {
				if d.ID != "other" {
					ids = append(ids, d.ID)
				}
			}
			if len(ids) != 1 || ids[0] != fmt.Sprint("x", i) {
				t.Fatalf("round %d leased %v, want only x%d", i, ids, i)
			}
			if again, _ := db.ClaimDeliveries(ctx, "w2", 10, time.Minute); len(again) != 0 {
				t.Fatalf("a second delivery of a running item was leased: %v", again[0].ID)
			}
			db.FinishDeliveries(ctx, []Outcome{{ID: ids[0], Owner: "w"}})
		}
	})
}

func TestStrikesCountLostLeasesAndTimeouts(t *testing.T) {
	forEachStore(t, func(t *testing.T, db *DB) {
		ctx := context.Background()
		c := &clock{t: time.Date(2026, 11, 26, 12, 0, 0, 0, time.UTC)}
		db.SetClock(c.now)
		db.EnqueueDeliveries(ctx, []Delivery{{ID: "s", Event: "ping", Payload: []byte(`{}`)}})
		got, _ := db.ClaimDeliveries(ctx, "w", 1, time.Minute)
		if got[0].Strikes != 0 {
			t.Fatalf("first lease has %d strikes", got[0].Strikes)
		}
		c.advance(2 * time.Minute) // the process died
		got, _ = db.ClaimDeliveries(ctx, "w", 1, time.Minute)
		if len(got) != 1 || got[0].Strikes != 1 || got[0].Attempts != 2 {
			t.Fatalf("after a lost lease: %+v", got)
		}
		db.FinishDeliveries(ctx, []Outcome{{ID: "s", Owner: "w", Err: "deadline exceeded", RetryAt: c.t, Strike: true}})
		got, _ = db.ClaimDeliveries(ctx, "w", 1, time.Minute)
		if len(got) != 1 || got[0].Strikes != 2 {
			t.Fatalf("after a timeout: %+v", got)
		}
		if db.Dialect() == "sqlite" {
			db.ReleaseLeases(ctx)
			got, _ = db.ClaimDeliveries(ctx, "w", 1, time.Minute)
			if len(got) != 1 || got[0].Strikes != 3 {
				t.Fatalf("after a restart: %+v", got)
			}
		}
	})
}

func TestRenewAndReleaseLeases(t *testing.T) {
	forEachStore(t, func(t *testing.T, db *DB) {
		ctx := context.Background()
		c := &clock{t: time.Date(2026, 11, 26, 12, 0, 0, 0, time.UTC)}
		db.SetClock(c.now)
		db.EnqueueDeliveries(ctx, []Delivery{{ID: "r1", Event: "ping", Payload: []byte(`{}`)}, {ID: "r2", Event: "ping", Payload: []byte(`{}`)}})
		db.ClaimDeliveries(ctx, "w", 2, time.Minute)
		c.advance(50 * time.Second)
		if n, err := db.RenewLeases(ctx, "w", []string{"r1", "r2"}, time.Minute); err != nil || n != 2 {
			t.Fatalf("renewed %d %v", n, err)
		}
		if n, _ := db.RenewLeases(ctx, "intruder", []string{"r1"}, time.Minute); n != 0 {
			t.Fatal("renewed someone else's lease")
		}
		c.advance(50 * time.Second) // past the first lease, within the renewed one
		if got, _ := db.ClaimDeliveries(ctx, "other", 2, time.Minute); len(got) != 0 {
			t.Fatalf("renewed leases were taken: %d", len(got))
		}
		if err := db.ReleaseDeliveries(ctx, "w", []string{"r2"}); err != nil {
			t.Fatal(err)
		}
		got, _ := db.ClaimDeliveries(ctx, "other", 2, time.Minute)
		if len(got) != 1 || got[0].ID != "r2" || got[0].Attempts != 1 || got[0].Strikes != 0 {
			t.Fatalf("released delivery: %+v", got)
		}
	})
}

func TestClaimWithRoomForOneServesTheInstallationWithLessRunning(t *testing.T) {
	forEachStore(t, func(t *testing.T, db *DB) {
		ctx := context.Background()
		var ds []Delivery
		for i := 0; i < 20; i++ {
			ds = append(ds, Delivery{ID: fmt.Sprint("a", i), Event: "issues", Payload: []byte(about(1, fmt.Sprint(i+1)))})
		}
		db.EnqueueDeliveries(ctx, ds)
		if got, _ := db.ClaimDeliveries(ctx, "w", 4, time.Minute); len(got) != 4 {
			t.Fatalf("claimed %d", len(got))
		}
		db.EnqueueDeliveries(ctx, []Delivery{{ID: "b0", Event: "issues", Payload: []byte(about(2, "1"))}})
		got, err := db.ClaimDeliveries(ctx, "w", 1, time.Minute)
		if err != nil || len(got) != 1 || got[0].ID != "b0" {
			t.Fatalf("room for one went to %+v (%v), want b0", got, err)
		}
	})
}
