package store

import (
	"context"
	"database/sql"
	"fmt"
	"time"
)

// ClaimEffect is something a claim change must do on GitHub: written in
// the change's transaction, done afterwards (and again after a failure)
// until marked done. Key is unique: the same effect is stored once. Kind
// and the fields it uses are the claims feature's to define.
type ClaimEffect struct {
	Key            string
	Kind           string
	Owner          string
	Repo           string
	Number         int
	InstallationID int64
	Login          string
	Body           string
	PR             int
	CreatedAt      time.Time
	DoneAt         time.Time
}

// PendingClaimEffects lists the effects not yet done on a task, or on
// every task when repo is "", in the order they were stored.
func (db *DB) PendingClaimEffects(ctx context.Context, repo string, number int) ([]ClaimEffect, error) {
	where, args := `WHERE done_at = 0`, []any{}
	if repo != "" {
		where, args = `WHERE done_at = 0 AND repo = $1 AND number = $2`, []any{repo, number}
	}
	rows, err := db.w.QueryContext(ctx, `SELECT key, kind, owner, repo, number, installation_id, login, body, pr, created_at
		FROM claim_effects `+where+` ORDER BY seq`, args...)
	if err != nil {
		return nil, fmt.Errorf("pending claim effects: %w", err)
	}
	defer rows.Close()
	var out []ClaimEffect
	for rows.Next() {
		var e ClaimEffect
		var created int64
		if err := rows.Scan(&e.Key, &e.Kind, &e.Owner, &e.Repo, &e.Number, &e.InstallationID, &e.Login, &e.Body, &e.PR, &created); err != nil {
			return nil, fmt.Errorf("pending claim effects: %w", err)
		}
		e.CreatedAt = fromMillis(created)
		out = append(out, e)
	}
	return out, rows.Err()
}

// FinishClaimEffect marks an effect done.
func (db *DB) FinishClaimEffect(ctx context.Context, key string) error {
	if _, err := db.w.ExecContext(ctx, `UPDATE claim_effects SET done_at = $1 WHERE key = $2 AND done_at = 0`, millis(db.now()), key); err != nil {
		return fmt.Errorf("finish claim effect: %w", err)
	}
	return nil
}

func insertEffects(ctx context.Context, tx *sql.Tx, now time.Time, effects []ClaimEffect) error {
	for _, e := range effects {
		_, err := tx.ExecContext(ctx, `INSERT INTO claim_effects (key, kind, owner, repo, number, installation_id, login, body, pr, created_at)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) ON CONFLICT (key) DO NOTHING`,
			e.Key, e.Kind, e.Owner, e.Repo, e.Number, e.InstallationID, e.Login, e.Body, e.PR, millis(now))
		if err != nil {
			return fmt.Errorf("store claim effect: %w", err)
		}
	}
	return nil
}
