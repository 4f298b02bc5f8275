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
