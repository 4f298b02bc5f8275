package store

import (
	"context"
	"database/sql"
	"fmt"
	"net/url"
	"testing"
	"time"
)

// openFreshPostgres creates a database of its own for one test on the
// server that baseURL names, and drops it afterwards.
func openFreshPostgres(t *testing.T, baseURL string) (*DB, error) {
	admin, err := sql.Open("pgx", baseURL)
	if err != nil {
		return nil, err
	}
	defer admin.Close()
	name := fmt.Sprintf("mentorbot_test_%d", time.Now().UnixNano())
	if _, err := admin.Exec("CREATE DATABASE " + name); err != nil {
		return nil, fmt.Errorf("create test database: %w", err)
	}
	u, err := url.Parse(baseURL)
	if err != nil {
		return nil, err
	}
	u.Path = "/" + name
	db, err := Open(context.Background(), u.String())
	if err != nil {
		return nil, err
	}
	t.Cleanup(func() {
		db.Close()
		if a, err := sql.Open("pgx", baseURL); err == nil {
			a.Exec("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)")
			a.Close()
		}
	})
	return db, nil
}
