package store

import (
	"context"
	"fmt"
	"strings"
)

// TookPart reports whether login took part in the owner's program: as a
// mentee or mentor of a mentorship, or as a claimant of a starter task.
func (db *DB) TookPart(ctx context.Context, owner, login string) (bool, error) {
	var n int
	err := db.r.QueryRowContext(ctx, `SELECT
		(SELECT COUNT(*) FROM mentorships WHERE owner = $1 AND (LOWER(mentee) = $2 OR LOWER(mentor) = $2)) +
		(SELECT COUNT(*) FROM claims WHERE owner = $1 AND LOWER(login) = $2)`, owner, strings.ToLower(login)).Scan(&n)
	if err != nil {
		return false, fmt.Errorf("took part: %w", err)
	}
	return n > 0, nil
}

// PendingKudosFrom counts the kudos giver gave in the owner's program that
// no recap has shown yet.
func (db *DB) PendingKudosFrom(ctx context.Context, owner, giver string) (int, error) {
	var n int
	err := db.r.QueryRowContext(ctx, `SELECT COUNT(*) FROM hours_kudos WHERE owner = $1 AND LOWER(giver) = $2 AND reported_in = ''`,
		owner, strings.ToLower(giver)).Scan(&n)
	if err != nil {
		return 0, fmt.Errorf("pending kudos: %w", err)
	}
	return n, nil
}
