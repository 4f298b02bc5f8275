package store

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"testing"
	"time"
)

// openTest opens a fresh store for each backend the machine offers:
// SQLite always, PostgreSQL when MENTORBOT_TEST_POSTGRES_URL names one.
func openTest(t *testing.T) []*DB {
	t.Helper()
	ctx := context.Background()
	dbs := []*DB{}
	db, err := Open(ctx, "sqlite://"+t.TempDir()+"/test.db")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	dbs = append(dbs, db)
	if u := os.Getenv("MENTORBOT_TEST_POSTGRES_URL"); u != "" {
		pg, err := openFreshPostgres(t, u)
		if err != nil {
			t.Fatal(err)
		}
		dbs = append(dbs, pg)
	}
	return dbs
}

// count runs a query that counts rows, for tests that check what was
// written where the app has no method to read it.
func count(t *testing.T, db *DB, query string, args ...any) int {
	t.Helper()
	var n int
	if err := db.r.QueryRowContext(context.Background(), query, args...).Scan(&n); err != nil {
		t.Fatalf("%s: %v", query, err)
	}
	return n
}

func forEachStore(t *testing.T, fn func(t *testing.T, db *DB)) {
	for _, db := range openTest(t) {
		t.Run(db.Dialect(), func(t *testing.T) { fn(t, db) })
	}
	if os.Getenv("MENTORBOT_TEST_POSTGRES_URL") == "" {
		t.Run("postgres", func(t *testing.T) {
			t.Skip("MENTORBOT_TEST_POSTGRES_URL is not set: not run on PostgreSQL (.ci/run sets it)")
		})
	}
}

type clock struct{ t time.Time }

func (c *clock) now() time.Time          { return c.t }
func (c *clock) advance(d time.Duration) { c.t = c.t.Add(d) }

func TestOpenRejectsUnknownScheme(t *testing.T) {
	if _, err := Open(context.Background(), "mysql://x"); err == nil {
		t.Fatal("expected an error for mysql://")
	}
}

func TestSQLitePathForms(t *testing.T) {
	dir := t.TempDir()
	for _, u := range []string{"sqlite://" + dir + "/abs.db", "sqlite:" + dir + "/opaque.db"} {
		db, err := Open(context.Background(), u)
		if err != nil {
			t.Fatalf("%s: %v", u, err)
		}
		db.Close()
	}
	for _, f := range []string{"abs.db", "opaque.db"} {
		if _, err := os.Stat(dir + "/" + f); err != nil {
			t.Errorf("%s not created: %v", f, err)
		}
	}
}

func TestMigrationsAreRepeatable(t *testing.T) {
	path := "sqlite://" + t.TempDir() + "/m.db"
	for i := 0; i < 2; i++ {
		db, err := Open(context.Background(), path)
		if err != nil {
			t.Fatal(err)
		}
		files, err := fs.Glob(migrations, "migrations/sqlite/*.sql")
		if err != nil || len(files) == 0 {
			t.Fatalf("migration files %v %v", files, err)
		}
		if v := count(t, db, `SELECT COUNT(DISTINCT version_id) FROM goose_db_version WHERE version_id > 0 AND is_applied`); v != len(files) {
			t.Fatalf("%d migrations applied, want %d", v, len(files))
		}
		db.Close()
	}
}

func TestDeliveryLifecycle(t *testing.T) {
	forEachStore(t, func(t *testing.T, db *DB) {
		ctx := context.Background()
		c := &clock{t: time.Date(2026, 11, 26, 12, 0, 0, 0, time.UTC)}
		db.SetClock(c.now)

		ins, err := db.EnqueueDeliveries(ctx, []Delivery{{ID: "a", Event: "ping", Payload: []byte(`{}`)}, {ID: "b", Event: "ping", Payload: []byte(`{}`)}})
		if err != nil || !ins[0] || !ins[1] {
			t.Fatalf("first enqueue: %v %v", ins, err)
		}
		ins, err = db.EnqueueDeliveries(ctx, []Delivery{{ID: "a", Event: "ping", Payload: []byte(`{"again":1}`)}})
		if err != nil || ins[0] {
			t.Fatalf("redelivery must not insert: %v %v", ins, err)
		}

		got, err := db.ClaimDeliveries(ctx, "w1", 10, time.Minute)
		if err != nil || len(got) != 2 {
			t.Fatalf("claim: %d %v", len(got), err)
		}
		if string(got[0].Payload) != `{}` || got[0].Attempts != 1 {
			t.Fatalf("claimed %+v", got[0])
		}
		if again, _ := db.ClaimDeliveries(ctx, "w2", 10, time.Minute); len(again) != 0 {
			t.Fatalf("leased deliveries claimed twice: %d", len(again))
		}

		err = db.FinishDeliveries(ctx, []Outcome{
			{ID: "a", Owner: "w1"},
			{ID: "b", Owner: "w1", Err: "boom", RetryAt: c.t.Add(time.Minute)},
		})
		if err != nil {
			t.Fatal(err)
		}
		if d, _ := db.GetDelivery(ctx, "a"); d.State != StateDone {
			t.Fatalf("a is %s", d.State)
		}
		if got, _ := db.ClaimDeliveries(ctx, "w1", 10, time.Minute); len(got) != 0 {
			t.Fatal("retry claimed before its time")
		}
		c.advance(2 * time.Minute)
		got, _ = db.ClaimDeliveries(ctx, "w1", 10, time.Minute)
		if len(got) != 1 || got[0].ID != "b" || got[0].Attempts != 2 {
			t.Fatalf("retry: %+v", got)
		}
		db.FinishDeliveries(ctx, []Outcome{{ID: "b", Owner: "w1", Err: "boom again", Dead: true}})
		d, _ := db.GetDelivery(ctx, "b")
		if d.State != StateDead || d.LastError != "boom again" {
			t.Fatalf("b: %+v", d)
		}
		if err := db.RetryDelivery(ctx, "b"); err != nil {
			t.Fatal(err)
		}
		if got, _ := db.ClaimDeliveries(ctx, "w1", 10, time.Minute); len(got) != 1 || got[0].Attempts != 1 {
			t.Fatalf("retried dead letter: %+v", got)
		}
		if err := db.RetryDelivery(ctx, "nope"); err == nil {
			t.Fatal("retry of an unknown delivery must fail")
		}
	})
}

func TestStaleLeaseHolderCannotFinish(t *testing.T) {
	forEachStore(t, func(t *testing.T, db *DB) {
		ctx := context.Background()
		c := &clock{t: time.Date(2026, 11, 26, 12, 0, 0, 0, time.UTC)}
		db.SetClock(c.now)
		db.EnqueueDeliveries(ctx, []Delivery{{ID: "x", Event: "ping", Payload: []byte(`{}`)}})
		db.ClaimDeliveries(ctx, "old", 1, time.Minute)
		c.advance(2 * time.Minute) // lease ran out
		got, _ := db.ClaimDeliveries(ctx, "new", 1, time.Minute)
		if len(got) != 1 {
			t.Fatal("expired lease not reclaimed")
		}
		db.FinishDeliveries(ctx, []Outcome{{ID: "x", Owner: "old", Err: "late", Dead: true}})
		if d, _ := db.GetDelivery(ctx, "x"); d.State != StateRunning {
			t.Fatalf("stale owner changed the delivery: %s", d.State)
		}
	})
}

func TestListKnownDepthPrune(t *testing.T) {
	forEachStore(t, func(t *testing.T, db *DB) {
		ctx := context.Background()
		c := &clock{t: time.Date(2026, 11, 26, 12, 0, 0, 0, time.UTC)}
		db.SetClock(c.now)
		var ds []Delivery
		for i := 0; i < 5; i++ {
			ds = append(ds, Delivery{ID: fmt.Sprint("d", i), Event: "issues", Payload: []byte(`{}`)})
		}
		db.EnqueueDeliveries(ctx, ds)
		got, _ := db.ClaimDeliveries(ctx, "w", 2, time.Minute)
		db.FinishDeliveries(ctx, []Outcome{{ID: got[0].ID, Owner: "w"}})

		depth, err := db.QueueDepth(ctx)
		if err != nil || depth[StatePending] != 3 || depth[StateRunning] != 1 || depth[StateDone] != 1 {
			t.Fatalf("depth %v %v", depth, err)
		}
		list, _ := db.ListDeliveries(ctx, ListFilter{})
		if len(list) != 4 {
			t.Fatalf("list without done: %d", len(list))
		}
		known, _ := db.KnownDeliveries(ctx, []string{"d0", "d4", "zz"})
		if !known["d0"] || !known["d4"] || known["zz"] {
			t.Fatalf("known %v", known)
		}
		c.advance(48 * time.Hour)
		n, err := db.PruneDeliveries(ctx, c.t.Add(-24*time.Hour))
		if err != nil || n != 1 {
			t.Fatalf("pruned %d %v", n, err)
		}
	})
}

func TestReleaseLeases(t *testing.T) {
	db := openTest(t)[0]
	ctx := context.Background()
	db.EnqueueDeliveries(ctx, []Delivery{{ID: "r", Event: "ping", Payload: []byte(`{}`)}})
	db.ClaimDeliveries(ctx, "crashed", 1, time.Hour)
	if n, err := db.ReleaseLeases(ctx); err != nil || n != 1 {
		t.Fatalf("released %d %v", n, err)
	}
	if got, _ := db.ClaimDeliveries(ctx, "next", 1, time.Hour); len(got) != 1 {
		t.Fatal("released delivery not claimable")
	}
}

func TestInstallations(t *testing.T) {
	forEachStore(t, func(t *testing.T, db *DB) {
		ctx := context.Background()
		if err := db.SaveInstallation(ctx, Installation{ID: 7, Account: "octo-org", AccountType: "Organization"}); err != nil {
			t.Fatal(err)
		}
		db.SaveInstallation(ctx, Installation{ID: 7, Account: "octo-org", AccountType: "Organization", Suspended: true})
		db.AddRepositories(ctx, 7, []Repository{{ID: 1, FullName: "octo-org/a"}, {ID: 2, FullName: "octo-org/b"}})
		db.AddRepositories(ctx, 7, []Repository{{ID: 1, FullName: "octo-org/a"}})
		db.RemoveRepositories(ctx, []int64{2})
		if n := count(t, db, `SELECT COUNT(*) FROM installations WHERE id = 7 AND account = 'octo-org' AND suspended = 1`); n != 1 {
			t.Fatal("suspended installation not recorded")
		}
		if all, a := count(t, db, `SELECT COUNT(*) FROM repositories WHERE installation_id = 7`),
			count(t, db, `SELECT COUNT(*) FROM repositories WHERE installation_id = 7 AND id = 1 AND full_name = 'octo-org/a'`); all != 1 || a != 1 {
			t.Fatalf("%d repositories, want octo-org/a alone", all)
		}
		db.DeleteInstallation(ctx, 7)
		if n := count(t, db, `SELECT (SELECT COUNT(*) FROM installations) + (SELECT COUNT(*) FROM repositories)`); n != 0 {
			t.Fatalf("%d installations and repositories left after deleting the installation", n)
		}
	})
}

func TestSQLiteFilesAreOwnerOnly(t *testing.T) {
	path := filepath.Join(t.TempDir(), "private.db")
	db, err := Open(context.Background(), "sqlite://"+path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if err := db.SaveInstallation(context.Background(), Installation{ID: 1, Account: "acme"}); err != nil {
		t.Fatal(err)
	}
	for _, f := range []string{path, path + "-wal", path + "-shm"} {
		fi, err := os.Stat(f)
		if err != nil {
			t.Fatal(err)
		}
		if mode := fi.Mode().Perm(); mode&0o077 != 0 {
			t.Errorf("%s has mode %v, want owner-only", filepath.Base(f), mode)
		}
	}
}

func TestFailedClaimCommitLeasesNothing(t *testing.T) {
	forEachStore(t, func(t *testing.T, db *DB) {
		ctx := context.Background()
		db.EnqueueDeliveries(ctx, []Delivery{{ID: "c1", Event: "ping", Payload: []byte(`{}`)}, {ID: "c2", Event: "ping", Payload: []byte(`{}`)}})
		db.beforeCommit = func() error { return errors.New("disk full") }
		got, err := db.ClaimDeliveries(ctx, "w", 10, time.Minute)
		if err == nil || len(got) != 0 {
			t.Fatalf("failed commit returned %d deliveries, err %v", len(got), err)
		}
		db.beforeCommit = nil
		got, err = db.ClaimDeliveries(ctx, "w", 10, time.Minute)
		if err != nil || len(got) != 2 || got[0].Attempts != 1 {
			t.Fatalf("after recovery: %+v %v", got, err)
		}
	})
}
