package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
)

// CalendarSequence is the SEQUENCE of the calendar event uid whose content
// now hashes to digest: 0 the first time the event is seen, one more each
// time its digest differs from the one stored. An unchanged event costs one
// read and no write.
func (db *DB) CalendarSequence(ctx context.Context, uid, digest string) (int, error) {
	var stored string
	var seq int
	err := db.r.QueryRowContext(ctx, `SELECT digest, sequence FROM calendar_events WHERE uid = $1`, uid).Scan(&stored, &seq)
	switch {
	case err == nil && stored == digest:
		return seq, nil
	case err != nil && !errors.Is(err, sql.ErrNoRows):
		return 0, fmt.Errorf("calendar sequence: %w", err)
	}
	// Two replicas may bump at once: the WHERE makes the second a no-op.
	if _, err := db.w.ExecContext(ctx, `INSERT INTO calendar_events (uid, digest, sequence, updated_at) VALUES ($1, $2, 0, $3)
		ON CONFLICT (uid) DO UPDATE SET digest = excluded.digest, sequence = calendar_events.sequence + 1, updated_at = excluded.updated_at
		WHERE calendar_events.digest <> excluded.digest`, uid, digest, millis(db.now())); err != nil {
		return 0, fmt.Errorf("calendar sequence: %w", err)
	}
	if err := db.w.QueryRowContext(ctx, `SELECT sequence FROM calendar_events WHERE uid = $1`, uid).Scan(&seq); err != nil {
		return 0, fmt.Errorf("calendar sequence: %w", err)
	}
	return seq, nil
}
