package store

import (
	"context"
	"fmt"
	"testing"
	"time"
)

func TestDashboardSessions(t *testing.T) {
	forEachStore(t, func(t *testing.T, db *DB) {
		ctx := context.Background()
		now := time.Date(2026, 12, 2, 9, 0, 0, 0, time.UTC)
		db.SetClock(func() time.Time { return now })
		repos := make([]string, 500)
		for i := range repos {
			repos[i] = fmt.Sprintf("octo-org/private-%03d", i)
		}
		if err := db.CreateSession(ctx, "id-long", Session{Login: "reader", Installations: []int64{1, 2}, Repos: repos, Expires: now.Add(time.Hour)}); err != nil {
			t.Fatal(err)
		}
		if err := db.CreateSession(ctx, "id-short", Session{Login: "brief", Expires: now.Add(time.Minute)}); err != nil {
			t.Fatal(err)
		}
		s, ok, err := db.Session(ctx, "id-long")
		if err != nil || !ok || s.Login != "reader" || len(s.Repos) != 500 || s.Repos[499] != repos[499] || fmt.Sprint(s.Installations) != "[1 2]" {
			t.Fatalf("session = %+v, %v, %v", s.Login, ok, err)
		}
		if s, ok, _ := db.Session(ctx, "id-short"); !ok || len(s.Repos) != 0 {
			t.Fatalf("a session without private repositories: %+v %v", s, ok)
		}
		if _, ok, _ := db.Session(ctx, "id-unknown"); ok {
			t.Error("an unknown ID opens a session")
		}
		var stored int
		if err := db.r.QueryRowContext(ctx, `SELECT COUNT(*) FROM dashboard_sessions WHERE id_hash = 'id-long'`).Scan(&stored); err != nil || stored != 0 {
			t.Errorf("the ID itself is stored (%d, %v)", stored, err)
		}

		now = now.Add(2 * time.Minute)
		if _, ok, _ := db.Session(ctx, "id-short"); ok {
			t.Error("an expired session still opens")
		}
		if n, err := db.PruneSessions(ctx); err != nil || n != 1 {
			t.Errorf("pruned %d (%v), want the expired one", n, err)
		}
		if err := db.DeleteSession(ctx, "id-long"); err != nil {
			t.Fatal(err)
		}
		if _, ok, _ := db.Session(ctx, "id-long"); ok {
			t.Error("a deleted session still opens")
		}
	})
}
