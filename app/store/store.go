// Package store keeps mentorbot's state: the durable delivery queue,
// installations, and the records the mentoring features build on. One type,
// DB, serves SQLite (the embedded default) and PostgreSQL through
// database/sql; what differs between them is in dialect.go.
package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib" // registers the "pgx" driver
	_ "modernc.org/sqlite"             // registers the "sqlite" driver
)

// DefaultURL is the database used when the configuration names none.
const DefaultURL = "sqlite://mentorbot.db"

// DB is a handle on the store. Writes on SQLite go through one connection
// (SQLite has one writer at a time anyway); reads use a pool of their own so
// the dashboard never waits behind the queue.
type DB struct {
	w, r    *sql.DB
	dialect dialect
	now     func() time.Time
	stopCk  func() // stops the SQLite checkpointer
	enqueue *sql.Stmt
	// beforeCommit, when set (tests only), runs before each write
	// transaction commits; an error from it fails the commit.
	beforeCommit func() error
}

// Open connects to the database named by rawURL (sqlite://PATH or
// postgres://…) and brings its schema up to date.
func Open(ctx context.Context, rawURL string) (*DB, error) {
	db, err := open(rawURL)
	if err != nil {
		return nil, err
	}
	if err := db.migrate(ctx); err != nil {
		db.Close()
		return nil, err
	}
	// The intake's one statement, parsed once rather than per commit.
	db.enqueue, err = db.w.PrepareContext(ctx, `INSERT INTO deliveries (id, event, payload, state, received_at, next_attempt_at, installation_id, item)
		VALUES ($1, $2, $3, 'pending', $4, $4, $5, $6) ON CONFLICT (id) DO NOTHING`)
	if err != nil {
		db.Close()
		return nil, fmt.Errorf("prepare enqueue: %w", err)
	}
	return db, nil
}

func open(rawURL string) (*DB, error) {
	if rawURL == "" {
		rawURL = DefaultURL
	}
	u, err := url.Parse(rawURL)
	if err != nil {
		return nil, fmt.Errorf("parse database url: %w", err)
	}
	switch u.Scheme {
	case "sqlite", "sqlite3", "file":
		return openSQLite(sqlitePath(u))
	case "postgres", "postgresql":
		return openPostgres(rawURL)
	default:
		return nil, fmt.Errorf("database url: unsupported scheme %q (use sqlite:// or postgres://)", u.Scheme)
	}
}

// sqlitePath reads sqlite://mentorbot.db as a relative path and
// sqlite:///var/lib/x.db as an absolute one.
func sqlitePath(u *url.URL) string {
	if u.Opaque != "" {
		return u.Opaque
	}
	return u.Host + u.Path
}

func openSQLite(path string) (*DB, error) {
	if path == "" {
		return nil, errors.New("database url: sqlite needs a file path")
	}
	if dir := filepath.Dir(path); dir != "." {
		if err := os.MkdirAll(dir, 0o750); err != nil {
			return nil, fmt.Errorf("create database folder: %w", err)
		}
	}
	if err := createPrivate(path); err != nil {
		return nil, err
	}
	// 16 KiB pages store a 25 KB payload in two pages instead of seven.
	// The page size only applies to a new file, so it comes first.
	pragmas := "_pragma=page_size(16384)&_pragma=journal_mode(WAL)&_pragma=synchronous(FULL)&_pragma=busy_timeout(10000)&_pragma=foreign_keys(1)" +
		"&_pragma=journal_size_limit(67108864)"
	// The writer leaves checkpoints to the checkpointer (a safety net
	// remains should it fall behind), so no acknowledgement waits for one.
	w, err := sql.Open("sqlite", "file:"+path+"?"+pragmas+"&_pragma=wal_autocheckpoint(8192)&_txlock=immediate")
	if err != nil {
		return nil, fmt.Errorf("open sqlite: %w", err)
	}
	w.SetMaxOpenConns(1)
	w.SetConnMaxLifetime(0)
	w.SetMaxIdleConns(1)
	r, err := sql.Open("sqlite", "file:"+path+"?"+pragmas+"&_pragma=query_only(1)")
	if err != nil {
		w.Close()
		return nil, fmt.Errorf("open sqlite: %w", err)
	}
	r.SetMaxOpenConns(4)
	ck, err := sql.Open("sqlite", "file:"+path+"?"+pragmas)
	if err != nil {
		w.Close()
		r.Close()
		return nil, fmt.Errorf("open sqlite: %w", err)
	}
	ck.SetMaxOpenConns(1)
	return &DB{w: w, r: r, dialect: sqlite, now: time.Now, stopCk: checkpointer(ck)}, nil
}

// checkpointInterval is how often the checkpointer copies the WAL into the
// database file.
const checkpointInterval = 50 * time.Millisecond

// checkpointer runs PASSIVE checkpoints on a connection of its own, so the
// WAL stays short without a commit ever stopping to copy it. It returns
// the function that stops it.
func checkpointer(ck *sql.DB) func() {
	stop, done := make(chan struct{}), make(chan struct{})
	go func() {
		defer close(done)
		defer ck.Close()
		t := time.NewTicker(checkpointInterval)
		defer t.Stop()
		var w walState
		for {
			select {
			case <-stop:
				ck.Exec("PRAGMA wal_checkpoint(TRUNCATE)")
				return
			case <-t.C:
				w.checkpoint(ck)
			}
		}
	}()
	return func() { close(stop); <-done }
}

// walTruncateFrames is the WAL length (in pages) past which a checkpoint
// that copied everything also truncates the file; a variable for tests.
var walTruncateFrames = 4096 // 64 MiB of 16 KiB pages

// walState remembers whether the last checkpoint failed (a full disk,
// say), so the first one that works afterwards gives the space back.
type walState struct{ failed bool }

// checkpoint runs one PASSIVE checkpoint, and a TRUNCATE one when the WAL
// grew long (during an outage, or a burst) and is now fully copied: a WAL
// never shrinks by itself, and after a full disk it holds the space the
// store needs to write again.
func (w *walState) checkpoint(ck *sql.DB) {
	var busy, log, copied int
	if err := ck.QueryRow("PRAGMA wal_checkpoint(PASSIVE)").Scan(&busy, &log, &copied); err != nil {
		w.failed = true
		return
	}
	if truncateWAL(w.failed, log, copied) {
		if _, err := ck.Exec("PRAGMA wal_checkpoint(TRUNCATE)"); err != nil {
			return // a reader holds it; the next tick tries again
		}
	}
	w.failed = false
}

// truncateWAL is the rule: after a failed checkpoint, or when a long WAL
// is fully copied.
func truncateWAL(failedBefore bool, log, copied int) bool {
	return failedBefore || (log > walTruncateFrames && copied == log)
}

func openPostgres(rawURL string) (*DB, error) {
	db, err := sql.Open("pgx", rawURL)
	if err != nil {
		return nil, fmt.Errorf("open postgres: %w", err)
	}
	db.SetMaxOpenConns(16)
	db.SetMaxIdleConns(16)
	return &DB{w: db, r: db, dialect: postgres, now: time.Now}, nil
}

// Close releases the connections.
func (db *DB) Close() error {
	if db.enqueue != nil {
		db.enqueue.Close()
	}
	if db.stopCk != nil {
		db.stopCk()
		db.stopCk = nil
	}
	err := db.w.Close()
	if db.r != db.w {
		err = errors.Join(err, db.r.Close())
	}
	return err
}

// probeTimeout bounds CheckWritable, below the readiness probe's own
// timeout in deploy/.
const probeTimeout = 2 * time.Second

// CheckWritable proves the store takes writes: it commits a one-row
// update through the writer, which fails on a full disk, a read-only
// database or a writer stuck behind a lock, where a SELECT still answers.
// It is cheap enough for a readiness probe every few seconds; /readyz
// uses it.
func (db *DB) CheckWritable(ctx context.Context) error {
	ctx, cancel := context.WithTimeout(ctx, probeTimeout)
	defer cancel()
	res, err := db.w.ExecContext(ctx, `UPDATE write_probe SET checked_at = $1 WHERE id = 1`, millis(db.now()))
	if err != nil {
		return fmt.Errorf("check store is writable: %w", err)
	}
	if n, err := res.RowsAffected(); err != nil || n != 1 {
		return fmt.Errorf("check store is writable: %d probe rows updated, want 1 (%v)", n, err)
	}
	return nil
}

// Dialect names the database kind, for logs.
func (db *DB) Dialect() string { return db.dialect.name }

// SetClock replaces the store's clock; tests and `schedule run --now` use it.
func (db *DB) SetClock(now func() time.Time) { db.now = now }

// tx runs fn in a write transaction.
func (db *DB) tx(ctx context.Context, fn func(*sql.Tx) error) error {
	tx, err := db.w.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("begin: %w", err)
	}
	if err := fn(tx); err != nil {
		tx.Rollback()
		return err
	}
	if db.beforeCommit != nil {
		if err := db.beforeCommit(); err != nil {
			tx.Rollback()
			return fmt.Errorf("commit: %w", err)
		}
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("commit: %w", err)
	}
	return nil
}

func millis(t time.Time) int64 {
	if t.IsZero() {
		return 0
	}
	return t.UnixMilli()
}

func fromMillis(ms int64) time.Time {
	if ms == 0 {
		return time.Time{}
	}
	return time.UnixMilli(ms).UTC()
}

// placeholders returns "$1, $2, …" for n arguments starting at from.
func placeholders(from, n int) string {
	var b strings.Builder
	for i := 0; i < n; i++ {
		if i > 0 {
			b.WriteString(", ")
		}
		fmt.Fprintf(&b, "$%d", from+i)
	}
	return b.String()
}

// createPrivate creates the database file readable by its owner only: it
// holds webhook payloads of private repositories. SQLite gives its WAL and
// shared-memory files the same mode. An existing file is left as it is.
func createPrivate(path string) error {
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE|os.O_EXCL, 0o600)
	switch {
	case errors.Is(err, fs.ErrExist):
		return nil
	case err != nil:
		return fmt.Errorf("create database file: %w", err)
	}
	return f.Close()
}
