package store

import (
	"context"
	"fmt"
	"time"
)

// States of a notice to maintainers.
const (
	NoticePosting = "posting" // claimed; the issue may or may not exist
	NoticeOpen    = "open"
)

// HoursNotice is an issue telling maintainers what to fix in the
// office-hours setup of a target.
type HoursNotice struct {
	Key     string // target and problem
	Target  string
	Problem string
	Repo    string // owner/name the issue is in
	Number  int
	State   string
	// CheckedAt is when the problem was last seen.
	CheckedAt time.Time
}

// ClaimHoursNotice claims the notice n.Key; it reports false, with the
// stored notice, when one was claimed before. Either way the problem is
// marked as seen now.
func (db *DB) ClaimHoursNotice(ctx context.Context, n HoursNotice) (HoursNotice, bool, error) {
	res, err := db.w.ExecContext(ctx, `INSERT INTO hours_notices (key, target, problem, repo, state, created_at, checked_at)
		VALUES ($1, $2, $3, $4, 'posting', $5, $5) ON CONFLICT (key) DO NOTHING`, n.Key, n.Target, n.Problem, n.Repo, millis(db.now()))
	if err != nil {
		return n, false, fmt.Errorf("claim notice: %w", err)
	}
	rows, _ := res.RowsAffected()
	if rows == 0 {
		if _, err := db.w.ExecContext(ctx, `UPDATE hours_notices SET checked_at = $1 WHERE key = $2`, millis(db.now()), n.Key); err != nil {
			return n, false, fmt.Errorf("claim notice: %w", err)
		}
	}
	stored, err := db.hoursNotices(ctx, `WHERE key = $1`, n.Key)
	if err != nil || len(stored) == 0 {
		return n, false, err
	}
	return stored[0], rows == 1, nil
}

// SaveHoursNotice records the issue of a notice.
func (db *DB) SaveHoursNotice(ctx context.Context, key string, number int) error {
	if _, err := db.w.ExecContext(ctx, `UPDATE hours_notices SET number = $1, state = 'open' WHERE key = $2`, number, key); err != nil {
		return fmt.Errorf("save notice: %w", err)
	}
	return nil
}

// HoursNotices lists a target's notices.
func (db *DB) HoursNotices(ctx context.Context, target string) ([]HoursNotice, error) {
	return db.hoursNotices(ctx, `WHERE target = $1 ORDER BY key`, target)
}

// DeleteHoursNotice forgets a notice (the problem is solved, or posting
// it failed), so the same problem is reported again if it comes back.
func (db *DB) DeleteHoursNotice(ctx context.Context, key string) error {
	if _, err := db.w.ExecContext(ctx, `DELETE FROM hours_notices WHERE key = $1`, key); err != nil {
		return fmt.Errorf("delete notice: %w", err)
	}
	return nil
}

func (db *DB) hoursNotices(ctx context.Context, where string, args ...any) ([]HoursNotice, error) {
	rows, err := db.w.QueryContext(ctx, `SELECT key, target, problem, repo, number, state, checked_at FROM hours_notices `+where, args...)
	if err != nil {
		return nil, fmt.Errorf("office-hours notices: %w", err)
	}
	defer rows.Close()
	var out []HoursNotice
	for rows.Next() {
		var n HoursNotice
		var checked int64
		if err := rows.Scan(&n.Key, &n.Target, &n.Problem, &n.Repo, &n.Number, &n.State, &checked); err != nil {
			return nil, fmt.Errorf("office-hours notices: %w", err)
		}
		n.CheckedAt = fromMillis(checked)
		out = append(out, n)
	}
	return out, rows.Err()
}
