package store

import (
	"context"
	"fmt"
	"time"
)

// ClaimStats counts an owner's claims made since a time, by how they stand.
type ClaimStats struct {
	Claimed   int // every claim made
	Active    int
	Completed int // by a merged pull request
	Expired   int
	Released  int // by /unclaim
	Closed    int // the task ended otherwise
}

// ClaimStats counts the claims made in owner's repositories since a time
// (all of them for the zero time), for reports and the dashboard.
func (db *DB) ClaimStats(ctx context.Context, owner string, since time.Time) (ClaimStats, error) {
	var st ClaimStats
	rows, err := db.r.QueryContext(ctx, `SELECT state, COUNT(*) FROM claims WHERE owner = $1 AND claimed_at >= $2 GROUP BY state`, owner, millis(since))
	if err != nil {
		return st, fmt.Errorf("claim stats: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var state string
		var n int
		if err := rows.Scan(&state, &n); err != nil {
			return st, fmt.Errorf("claim stats: %w", err)
		}
		st.Claimed += n
		switch state {
		case ClaimActive:
			st.Active = n
		case ClaimCompleted:
			st.Completed = n
		case ClaimExpired:
			st.Expired = n
		case ClaimReleased:
			st.Released = n
		case ClaimClosed:
			st.Closed = n
		}
	}
	return st, rows.Err()
}

// Progression counts the contributors of an owner who have done a starter
// task, and how many of them took a next step after one.
func (db *DB) Progression(ctx context.Context, owner string) (starters, nextSteps int, err error) {
	err = db.r.QueryRowContext(ctx, `SELECT
			(SELECT COUNT(DISTINCT login) FROM contributor_path WHERE owner = $1 AND step = 'starter_task'),
			(SELECT COUNT(DISTINCT n.login) FROM contributor_path n WHERE n.owner = $1 AND n.step = 'next_step'
				AND EXISTS (SELECT 1 FROM contributor_path s WHERE s.owner = n.owner AND s.login = n.login AND s.step = 'starter_task' AND s.at <= n.at))`,
		owner).Scan(&starters, &nextSteps)
	if err != nil {
		return 0, 0, fmt.Errorf("progression: %w", err)
	}
	return starters, nextSteps, nil
}
