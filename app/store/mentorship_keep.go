package store

import (
	"context"
	"fmt"
	"time"
)

// KeepMentor records that the mentee of an active mentorship keeps its
// current mentor, mentor, while they are away ("/mentor keep"). It reports
// false, and changes nothing, when the mentorship is not active with that
// mentor (handed over meanwhile, or ended) or was already kept.
func (db *DB) KeepMentor(ctx context.Context, repo string, number int, mentor string) (bool, error) {
	res, err := db.w.ExecContext(ctx, `UPDATE mentorships SET kept_mentor = mentor
		WHERE repo = $1 AND number = $2 AND state = 'active' AND LOWER(mentor) = LOWER($3) AND LOWER(kept_mentor) <> LOWER($3)`,
		repo, number, mentor)
	if err != nil {
		return false, fmt.Errorf("keep mentor: %w", err)
	}
	n, _ := res.RowsAffected()
	return n == 1, nil
}

// RecordMenteeActivity notes that login did something in owner's
// repositories at the time given (a comment, a push, a new pull request
// or issue): every active mentorship of theirs there counts it. It
// reports how many mentorships it touched.
func (db *DB) RecordMenteeActivity(ctx context.Context, owner, login string, at time.Time) (int64, error) {
	res, err := db.w.ExecContext(ctx, `UPDATE mentorships SET mentee_active_at = $1
		WHERE owner = $2 AND LOWER(mentee) = LOWER($3) AND state = 'active' AND mentee_active_at < $1`,
		millis(at), owner, login)
	if err != nil {
		return 0, fmt.Errorf("record mentee activity: %w", err)
	}
	return res.RowsAffected()
}
