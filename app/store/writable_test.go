package store

import (
	"context"
	"database/sql"
	"net/url"
	"os"
	"testing"
	"time"
)

func TestCheckWritable(t *testing.T) {
	forEachStore(t, func(t *testing.T, db *DB) {
		ctx := context.Background()
		at := time.Date(2026, 12, 2, 5, 0, 0, 0, time.UTC)
		db.SetClock(func() time.Time { return at })
		if err := db.CheckWritable(ctx); err != nil {
			t.Fatalf("fresh store: %v", err)
		}
		var checked int64
		if err := db.r.QueryRowContext(ctx, `SELECT checked_at FROM write_probe WHERE id = 1`).Scan(&checked); err != nil || checked != at.UnixMilli() {
			t.Fatalf("probe row holds %d (%v), want %d", checked, err, at.UnixMilli())
		}
	})
}

// TestCheckWritableFailsWhileWritesAreBlocked holds the database's write
// lock from another connection, as a stuck writer or a full disk would
// stop commits: reads still answer, the probe must not.
func TestCheckWritableFailsWhileWritesAreBlocked(t *testing.T) {
	forEachStore(t, func(t *testing.T, db *DB) {
		ctx := context.Background()
		other := openOther(t, db)
		conn, err := other.Conn(ctx)
		if err != nil {
			t.Fatal(err)
		}
		defer conn.Close()
		lock := map[string][]string{
			sqlite.name:   {`BEGIN IMMEDIATE`},
			postgres.name: {`BEGIN`, `LOCK TABLE write_probe IN EXCLUSIVE MODE`},
		}[db.dialect.name]
		for _, q := range lock {
			if _, err := conn.ExecContext(ctx, q); err != nil {
				t.Fatalf("%s: %v", q, err)
			}
		}
		var one int
		if err := db.r.QueryRowContext(ctx, `SELECT 1`).Scan(&one); err != nil {
			t.Fatalf("reads must still answer: %v", err)
		}
		start := time.Now()
		if err := db.CheckWritable(ctx); err == nil {
			t.Fatal("writable while another connection holds the write lock")
		}
		if took := time.Since(start); took > probeTimeout+3*time.Second {
			t.Errorf("probe took %v, want about %v", took, probeTimeout)
		}
		if _, err := conn.ExecContext(ctx, `ROLLBACK`); err != nil {
			t.Fatal(err)
		}
		if err := db.CheckWritable(ctx); err != nil {
			t.Fatalf("after the lock is gone: %v", err)
		}
	})
}

func TestCheckWritableFailsWithoutItsRow(t *testing.T) {
	forEachStore(t, func(t *testing.T, db *DB) {
		if _, err := db.w.Exec(`DELETE FROM write_probe`); err != nil {
			t.Fatal(err)
		}
		if err := db.CheckWritable(context.Background()); err == nil {
			t.Fatal("writable without a probe row")
		}
	})
}

func TestCheckWritableFailsWhenClosed(t *testing.T) {
	forEachStore(t, func(t *testing.T, db *DB) {
		db.Close()
		if err := db.CheckWritable(context.Background()); err == nil {
			t.Fatal("a closed store is writable")
		}
	})
}

// openOther opens a second, independent connection pool on db's database.
func openOther(t *testing.T, db *DB) *sql.DB {
	t.Helper()
	driver, dsn := "sqlite", ""
	if db.dialect == postgres {
		var name string
		if err := db.r.QueryRow(`SELECT current_database()`).Scan(&name); err != nil {
			t.Fatal(err)
		}
		u, err := url.Parse(os.Getenv("MENTORBOT_TEST_POSTGRES_URL"))
		if err != nil {
			t.Fatal(err)
		}
		u.Path = "/" + name
		driver, dsn = "pgx", u.String()
	} else {
		var seq int
		var name, file string
		if err := db.r.QueryRow(`PRAGMA database_list`).Scan(&seq, &name, &file); err != nil {
			t.Fatal(err)
		}
		dsn = "file:" + file + "?_pragma=busy_timeout(10000)"
	}
	other, err := sql.Open(driver, dsn)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { other.Close() })
	return other
}
