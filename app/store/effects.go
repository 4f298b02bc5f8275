package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"
)

// Effect is one thing a decision must do on GitHub: written in the
// decision's transaction (Reassign, ServeWaiting, Nudge), done afterwards
// and, after a failure or a crash, again until marked done. Key is unique
// (the same effect is stored once); Decision is the stable key of the
// decision that implied it. Action and Arg are the feature's to define
// (a comment under a marker key, an assignee, a label, a reviewer).
type Effect struct {
	Seq            int64
	Key            string
	Decision       string
	Owner          string
	Repo           string // owner/name
	Number         int
	InstallationID int64
	Action         string
	Arg            string
	Body           string
	Attempts       int
	LastError      string
	CreatedAt      time.Time
	NextAt         time.Time
	DoneAt         time.Time
}

// Plan gives the effects of a decision about a mentorship, from the
// mentorship before and after it; it runs inside the decision's
// transaction, so it must not do I/O.
type Plan func(before, after Mentorship) []Effect

// ErrDecided says that the decision under the given key was made before:
// its effects are in the log, and nothing was decided again.
var ErrDecided = errors.New("decided before")

const effectColumns = `seq, key, decision, owner, repo, number, installation_id, action, arg, body, attempts, last_error, created_at, next_at, done_at`

// Decided tells whether a decision with this key was stored.
func (db *DB) Decided(ctx context.Context, decision string) (bool, error) {
	return decided(ctx, db.w, decision)
}

func decided(ctx context.Context, q querier, decision string) (bool, error) {
	var n int
	err := q.QueryRowContext(ctx, `SELECT COUNT(*) FROM effects WHERE decision = $1`, decision).Scan(&n)
	if err != nil {
		return false, fmt.Errorf("decided: %w", err)
	}
	return n > 0, nil
}

// PendingEffects lists the effects not yet done on an item, in the order
// they were stored, whenever they are due.
func (db *DB) PendingEffects(ctx context.Context, repo string, number int) ([]Effect, error) {
	return queryEffects(ctx, db.w, `WHERE done_at = 0 AND repo = $1 AND number = $2 ORDER BY seq`, repo, number)
}

// DueEffects lists the effects not yet done whose time to try has come,
// in the order they were stored, at most limit.
func (db *DB) DueEffects(ctx context.Context, now time.Time, limit int) ([]Effect, error) {
	return queryEffects(ctx, db.w, `WHERE done_at = 0 AND next_at <= $1 ORDER BY seq LIMIT $2`, millis(now), limit)
}

// FinishEffect marks an effect done.
func (db *DB) FinishEffect(ctx context.Context, key string) error {
	if _, err := db.w.ExecContext(ctx, `UPDATE effects SET done_at = $1, last_error = '' WHERE key = $2 AND done_at = 0`, millis(db.now()), key); err != nil {
		return fmt.Errorf("finish effect: %w", err)
	}
	return nil
}

// AbandonEffect gives an effect up after its last try: it is done, with
// the error that ended it kept for the record.
func (db *DB) AbandonEffect(ctx context.Context, key, lastError string) error {
	if _, err := db.w.ExecContext(ctx, `UPDATE effects SET done_at = $1, attempts = attempts + 1, last_error = $2 WHERE key = $3 AND done_at = 0`,
		millis(db.now()), lastError, key); err != nil {
		return fmt.Errorf("abandon effect: %w", err)
	}
	return nil
}

// PostponeEffect records a failed try of an effect and when to try again.
func (db *DB) PostponeEffect(ctx context.Context, key, lastError string, next time.Time) error {
	if _, err := db.w.ExecContext(ctx, `UPDATE effects SET attempts = attempts + 1, last_error = $1, next_at = $2 WHERE key = $3 AND done_at = 0`,
		lastError, millis(next), key); err != nil {
		return fmt.Errorf("postpone effect: %w", err)
	}
	return nil
}

// EffectsPending counts the effects not done yet, and of them those that
// failed at least once (waiting for their next try).
func (db *DB) EffectsPending(ctx context.Context) (pending, failing int, err error) {
	err = db.r.QueryRowContext(ctx, `SELECT COUNT(*), COALESCE(SUM(CASE WHEN attempts > 0 THEN 1 ELSE 0 END), 0) FROM effects WHERE done_at = 0`).
		Scan(&pending, &failing)
	if err != nil {
		return 0, 0, fmt.Errorf("effects pending: %w", err)
	}
	return pending, failing, nil
}

// insertPlanned stores a decision's effects, numbering their keys after
// the decision's.
func insertPlanned(ctx context.Context, tx *sql.Tx, now time.Time, decision string, effects []Effect) error {
	for i, e := range effects {
		if e.Key == "" {
			e.Key = fmt.Sprintf("%s/%d", decision, i)
		}
		_, err := tx.ExecContext(ctx, `INSERT INTO effects (key, decision, owner, repo, number, installation_id, action, arg, body, created_at, next_at)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $10) ON CONFLICT (key) DO NOTHING`,
			e.Key, decision, e.Owner, e.Repo, e.Number, e.InstallationID, e.Action, e.Arg, e.Body, millis(now))
		if err != nil {
			return fmt.Errorf("store effect: %w", err)
		}
	}
	return nil
}

func queryEffects(ctx context.Context, q querier, where string, args ...any) ([]Effect, error) {
	rows, err := q.QueryContext(ctx, `SELECT `+effectColumns+` FROM effects `+where, args...)
	if err != nil {
		return nil, fmt.Errorf("query effects: %w", err)
	}
	defer rows.Close()
	var out []Effect
	for rows.Next() {
		var e Effect
		var created, next, done int64
		if err := rows.Scan(&e.Seq, &e.Key, &e.Decision, &e.Owner, &e.Repo, &e.Number, &e.InstallationID, &e.Action, &e.Arg, &e.Body,
			&e.Attempts, &e.LastError, &created, &next, &done); err != nil {
			return nil, fmt.Errorf("query effects: %w", err)
		}
		e.CreatedAt, e.NextAt, e.DoneAt = fromMillis(created), fromMillis(next), fromMillis(done)
		out = append(out, e)
	}
	return out, rows.Err()
}
