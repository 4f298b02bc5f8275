package store

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
)

// Visibility is whether a repository is private, as a payload said.
type Visibility struct {
	FullName string
	Private  bool
}

// RecordVisibility remembers whether repositories are private; the latest
// payload wins.
func (db *DB) RecordVisibility(ctx context.Context, vs []Visibility) error {
	if len(vs) == 0 {
		return nil
	}
	now := millis(db.now())
	return db.tx(ctx, func(tx *sql.Tx) error {
		for _, v := range vs {
			private := 0
			if v.Private {
				private = 1
			}
			_, err := tx.ExecContext(ctx, `INSERT INTO repository_visibility (full_name, private, updated_at) VALUES ($1, $2, $3)
				ON CONFLICT (full_name) DO UPDATE SET private = excluded.private, updated_at = excluded.updated_at`,
				strings.ToLower(v.FullName), private, now)
			if err != nil {
				return fmt.Errorf("record visibility of %s: %w", v.FullName, err)
			}
		}
		return nil
	})
}

// PublicRepositories is the set of repositories (lower case owner/name)
// last seen public. A repository not in it is private or unknown, and
// both are treated as private.
func (db *DB) PublicRepositories(ctx context.Context) (map[string]bool, error) {
	rows, err := db.r.QueryContext(ctx, `SELECT full_name FROM repository_visibility WHERE private = 0`)
	if err != nil {
		return nil, fmt.Errorf("public repositories: %w", err)
	}
	defer rows.Close()
	out := map[string]bool{}
	for rows.Next() {
		var name string
		if err := rows.Scan(&name); err != nil {
			return nil, fmt.Errorf("public repositories: %w", err)
		}
		out[name] = true
	}
	return out, rows.Err()
}

// UnknownVisibility lists up to limit repositories (as recorded) that the
// program's records name but whose visibility no payload or scan has told
// yet: the dashboard hides them from anonymous visitors until it is known.
func (db *DB) UnknownVisibility(ctx context.Context, limit int) ([]string, error) {
	rows, err := db.r.QueryContext(ctx, `SELECT r FROM (
			SELECT DISTINCT repo AS r FROM contributions
			UNION SELECT DISTINCT repo FROM mentorships
			UNION SELECT DISTINCT repo FROM starter_tasks
			UNION SELECT DISTINCT repo FROM claims
		) named
		WHERE NOT EXISTS (SELECT 1 FROM repository_visibility v WHERE v.full_name = LOWER(named.r))
		ORDER BY r LIMIT $1`, limit)
	if err != nil {
		return nil, fmt.Errorf("repositories of unknown visibility: %w", err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var name string
		if err := rows.Scan(&name); err != nil {
			return nil, fmt.Errorf("repositories of unknown visibility: %w", err)
		}
		out = append(out, name)
	}
	return out, rows.Err()
}
