package store

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"time"
)

// drainWindow is how far back finished deliveries count towards the rate
// at which an installation's backlog drains.
const drainWindow = 10 * time.Minute

// Backlog is one installation's unfinished deliveries and how fast they
// have been finishing.
type Backlog struct {
	InstallationID int64
	Waiting        int     // pending or running
	PerMinute      float64 // finished per minute over the last drainWindow
}

// Drain estimates how long the backlog takes at the recent rate; zero when
// nothing waits, and ok=false when nothing finished lately to tell.
func (b Backlog) Drain() (time.Duration, bool) {
	if b.Waiting == 0 {
		return 0, true
	}
	if b.PerMinute <= 0 {
		return 0, false
	}
	return time.Duration(float64(b.Waiting) / b.PerMinute * float64(time.Minute)), true
}

// Backlogs lists each installation with unfinished deliveries, largest
// first. Deliveries whose installation is unknown (queued before the
// store recorded it) count under installation 0.
func (db *DB) Backlogs(ctx context.Context) ([]Backlog, error) {
	since := millis(db.now().Add(-drainWindow))
	rows, err := db.r.QueryContext(ctx, `SELECT installation_id,
			SUM(CASE WHEN state IN ('pending', 'running') THEN 1 ELSE 0 END),
			SUM(CASE WHEN state IN ('done', 'dead') AND finished_at >= $1 THEN 1 ELSE 0 END)
		FROM deliveries
		WHERE state IN ('pending', 'running') OR finished_at >= $1
		GROUP BY installation_id`, since)
	if err != nil {
		return nil, fmt.Errorf("backlogs: %w", err)
	}
	defer rows.Close()
	var out []Backlog
	for rows.Next() {
		var b Backlog
		var finished int
		if err := rows.Scan(&b.InstallationID, &b.Waiting, &finished); err != nil {
			return nil, fmt.Errorf("backlogs: %w", err)
		}
		if b.Waiting == 0 {
			continue
		}
		b.PerMinute = float64(finished) / drainWindow.Minutes()
		out = append(out, b)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("backlogs: %w", err)
	}
	slices.SortFunc(out, func(a, b Backlog) int { return cmp.Compare(b.Waiting, a.Waiting) })
	return out, nil
}
