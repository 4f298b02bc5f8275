package store

import (
	"context"
	"sync"
	"testing"
	"time"
)

func TestSpendReply(t *testing.T) {
	forEachStore(t, func(t *testing.T, db *DB) {
		ctx := context.Background()
		c := &clock{t: time.Date(2026, 12, 1, 10, 0, 0, 0, time.UTC)}
		db.SetClock(c.now)
		b := ReplyBudget{Max: 3, Window: time.Hour}
		spend := func(key, repo, login string) bool {
			t.Helper()
			ok, err := db.SpendReply(ctx, key, repo, login, b)
			if err != nil {
				t.Fatal(err)
			}
			return ok
		}
		for i, key := range []string{"c1", "c2", "c3"} {
			if !spend(key, "o/r", "Stranger") {
				t.Fatalf("reply %d refused within the budget", i+1)
			}
			c.advance(time.Minute)
		}
		if spend("c4", "o/r", "stranger") {
			t.Fatal("a fourth reply within the hour")
		}
		if !spend("c2", "o/r", "STRANGER") {
			t.Fatal("a comment answered before may be answered again")
		}
		if !spend("d1", "o/other", "stranger") || !spend("e1", "o/r", "someone-else") {
			t.Fatal("the budget is per person and repository")
		}
		c.advance(57 * time.Minute) // c1 is an hour old, c2 not yet
		if !spend("c5", "o/r", "stranger") || spend("c6", "o/r", "stranger") {
			t.Fatal("an hour frees one reply, not more")
		}
	})
}

func TestSpendReplyConcurrently(t *testing.T) {
	forEachStore(t, func(t *testing.T, db *DB) {
		ctx := context.Background()
		b := ReplyBudget{Max: 5, Window: time.Hour}
		var mu sync.Mutex
		granted := 0
		var wg sync.WaitGroup
		for i := range 20 {
			wg.Add(1)
			go func() {
				defer wg.Done()
				ok, err := db.SpendReply(ctx, "k"+string(rune('a'+i)), "o/r", "flooder", b)
				if err != nil {
					t.Error(err)
				}
				if ok {
					mu.Lock()
					granted++
					mu.Unlock()
				}
			}()
		}
		wg.Wait()
		if granted != b.Max {
			t.Fatalf("%d replies granted, want %d", granted, b.Max)
		}
	})
}
