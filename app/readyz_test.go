package app

import (
	"context"
	"database/sql"
	"net/http"
	"strings"
	"testing"
)

// TestReadyzWantsWrites holds the SQLite write lock from another
// connection, as a full disk or a stuck writer stops commits while reads
// still answer: /readyz turns 503, and 200 again once writes go through.
func TestReadyzWantsWrites(t *testing.T) {
	cfg := testConfig(t, "")
	r := start(t, cfg)
	other, err := sql.Open("sqlite", "file:"+strings.TrimPrefix(cfg.Database.URL, "sqlite://")+"?_pragma=busy_timeout(10000)")
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	conn, err := other.Conn(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	ready := func() int {
		t.Helper()
		res, err := http.Get(r.url + "/readyz")
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		return res.StatusCode
	}
	if got := ready(); got != http.StatusOK {
		t.Fatalf("readyz %d before the lock, want 200", got)
	}
	if _, err := conn.ExecContext(context.Background(), "BEGIN IMMEDIATE"); err != nil {
		t.Fatal(err)
	}
	if got := ready(); got != http.StatusServiceUnavailable {
		t.Fatalf("readyz %d while writes are blocked, want 503", got)
	}
	if _, err := conn.ExecContext(context.Background(), "ROLLBACK"); err != nil {
		t.Fatal(err)
	}
	if got := ready(); got != http.StatusOK {
		t.Fatalf("readyz %d after the lock, want 200", got)
	}
}
