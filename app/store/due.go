package store

import (
	"context"
	"fmt"
	"strings"
	"time"
)

// The jobs that keep due times.
const (
	DueFollowUp     = "follow-up"          // item: owner/name#number of an unanswered mentorship
	DueWaitingList  = "waiting-list"       // item: the owner whose newcomers wait for a mentor
	DueClaim        = "claim"              // item: the claim's ID
	DueOfficeHours  = "office-hours"       // item: the target repository of a program
	DueHoursCheck   = "office-hours-check" // item: a repository whose configuration may have turned office hours on
	DueHoursScan    = "office-hours-scan"  // item: "all", the scan of every installation's repositories
	DueAwayCheck    = "away-check"         // item: a repository whose mentors' availability is checked
	DueIdle         = "idle"               // item: owner/name#number of an active mentorship, ended after idle_days without the newcomer
	DueItemAllRepos = "all"
)

// Due is when a job next has work on an item.
type Due struct {
	Job            string
	Item           string
	InstallationID int64
	Repo           string // owner/name of the repository whose configuration applies
	At             time.Time
}

// DueTimes returns the job's items and when each is next due.
func (db *DB) DueTimes(ctx context.Context, job string) (map[string]Due, error) {
	rows, err := db.r.QueryContext(ctx, `SELECT item, installation_id, repo, due_at FROM due_times WHERE job = $1`, job)
	if err != nil {
		return nil, fmt.Errorf("due times of %s: %w", job, err)
	}
	defer rows.Close()
	out := map[string]Due{}
	for rows.Next() {
		d := Due{Job: job}
		var at int64
		if err := rows.Scan(&d.Item, &d.InstallationID, &d.Repo, &at); err != nil {
			return nil, fmt.Errorf("due times of %s: %w", job, err)
		}
		d.At = fromMillis(at)
		out[d.Item] = d
	}
	return out, rows.Err()
}

// SetDue records when the job next has work on the item.
func (db *DB) SetDue(ctx context.Context, d Due) error {
	owner, _, _ := strings.Cut(strings.ToLower(d.Repo), "/")
	_, err := db.w.ExecContext(ctx, `INSERT INTO due_times (job, item, installation_id, owner, repo, due_at) VALUES ($1, $2, $3, $4, $5, $6)
		ON CONFLICT (job, item) DO UPDATE SET installation_id = excluded.installation_id, owner = excluded.owner,
			repo = excluded.repo, due_at = excluded.due_at`,
		d.Job, d.Item, d.InstallationID, owner, d.Repo, millis(d.At))
	if err != nil {
		return fmt.Errorf("set due time of %s %s: %w", d.Job, d.Item, err)
	}
	return nil
}

// ForgetDue drops the job's due times of the items.
func (db *DB) ForgetDue(ctx context.Context, job string, items ...string) error {
	for _, item := range items {
		if _, err := db.w.ExecContext(ctx, `DELETE FROM due_times WHERE job = $1 AND item = $2`, job, item); err != nil {
			return fmt.Errorf("forget due time of %s %s: %w", job, item, err)
		}
	}
	return nil
}

// DueNow makes every item whose configuration comes from the repository
// owner/name due at once; with a name of "" every item of the owner. A
// push that changes a mentorship.yml calls it.
func (db *DB) DueNow(ctx context.Context, owner, name string) error {
	var err error
	if name == "" {
		_, err = db.w.ExecContext(ctx, `UPDATE due_times SET due_at = 0 WHERE owner = $1`, strings.ToLower(owner))
	} else {
		_, err = db.w.ExecContext(ctx, `UPDATE due_times SET due_at = 0 WHERE owner = $1 AND LOWER(repo) = $2`,
			strings.ToLower(owner), strings.ToLower(owner+"/"+name))
	}
	if err != nil {
		return fmt.Errorf("make %s/%s due: %w", owner, name, err)
	}
	return nil
}
