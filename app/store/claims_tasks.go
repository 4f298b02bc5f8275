package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"
)

// Starter task states.
const (
	TaskOpen      = "open"      // labelled as a good first issue, issue open
	TaskWithdrawn = "withdrawn" // the label was removed
	TaskClosed    = "closed"    // the issue was closed (or its pull request merged)
)

// StarterTask is an issue with a good-first-issue label.
type StarterTask struct {
	Repo           string
	Number         int
	Owner          string
	InstallationID int64
	Title          string
	URL            string
	Labels         []string
	State          string
	OpenedAt       time.Time // when it last became a starter task
	EndedAt        time.Time
}

const taskColumns = `repo, number, owner, installation_id, title, url, labels, state, opened_at, ended_at`

// OpenStarterTask records t as an open starter task, or opens it again
// after a withdrawal or a close; opened reports whether it was not open
// before. Title, URL and labels are refreshed either way.
func (db *DB) OpenStarterTask(ctx context.Context, t StarterTask) (StarterTask, bool, error) {
	var out StarterTask
	var opened bool
	err := db.tx(ctx, func(tx *sql.Tx) error {
		if err := db.dialect.lock(ctx, tx, lockClaims, t.Owner); err != nil {
			return err
		}
		cur, err := getTask(ctx, tx, t.Repo, t.Number)
		switch {
		case errors.Is(err, ErrNotFound):
			t.State, t.OpenedAt, t.EndedAt, opened = TaskOpen, db.now(), time.Time{}, true
		case err != nil:
			return err
		case cur.State != TaskOpen:
			t.State, t.OpenedAt, t.EndedAt, opened = TaskOpen, db.now(), time.Time{}, true
		default:
			t.State, t.OpenedAt, t.EndedAt = cur.State, cur.OpenedAt, cur.EndedAt
		}
		out = t
		return saveTask(ctx, tx, t)
	})
	return out, opened, err
}

// TaskEnd is what ending a starter task changed.
type TaskEnd struct {
	Task StarterTask
	// WasOpen: the task was open before.
	WasOpen bool
	// Claim is the task's active claim, if any (State tells whether it
	// ended with the task).
	Claim *Claim
	// Cleared are the people whose place in the waiting list ended.
	Cleared []Waiter
}

// EndStarterTask withdraws (TaskWithdrawn) or closes (TaskClosed) a task
// and clears its waiting list. endClaim decides whether the active claim
// ends with it (ClaimClosed, with that reason); "" keeps it. Effects are
// stored with the change. A task the store does not know is ErrNotFound.
func (db *DB) EndStarterTask(ctx context.Context, repo string, number int, state string, endClaim func(Claim) string, effects func(TaskEnd) []ClaimEffect) (TaskEnd, error) {
	var out TaskEnd
	err := db.tx(ctx, func(tx *sql.Tx) error {
		if err := db.dialect.lock(ctx, tx, lockClaims, ownerOf(repo)); err != nil {
			return err
		}
		t, err := getTask(ctx, tx, repo, number)
		if err != nil {
			return err
		}
		now := db.now()
		out.WasOpen = t.State == TaskOpen
		if t.State == TaskClosed && state == TaskWithdrawn {
			state = TaskClosed // a label removed after the close changes nothing
		}
		if t.State != state {
			t.State, t.EndedAt = state, now
			if err := saveTask(ctx, tx, t); err != nil {
				return err
			}
		}
		out.Task = t
		if c, err := activeClaim(ctx, tx, repo, number); err == nil {
			if reason := endClaim(c); reason != "" {
				if c, err = endClaimTx(ctx, tx, c, ClaimClosed, reason, now); err != nil {
					return err
				}
			}
			out.Claim = &c
		} else if !errors.Is(err, ErrNotFound) {
			return err
		}
		if out.Cleared, err = clearWaiting(ctx, tx, repo, number, now); err != nil {
			return err
		}
		return insertEffects(ctx, tx, db.now(), effects(out))
	})
	return out, err
}

// GetStarterTask returns one task, or ErrNotFound.
func (db *DB) GetStarterTask(ctx context.Context, repo string, number int) (StarterTask, error) {
	return getTask(ctx, db.w, repo, number)
}

// OpenStarterTasks lists a repository's open starter tasks that nobody
// holds or has been offered, oldest first: the digest for office hours and
// reports.
func (db *DB) OpenStarterTasks(ctx context.Context, repo string) ([]StarterTask, error) {
	return queryTasks(ctx, db.r, `WHERE t.repo = $1 AND t.state = 'open'
		AND NOT EXISTS (SELECT 1 FROM claims c WHERE c.repo = t.repo AND c.number = t.number AND c.state = 'active')
		AND NOT EXISTS (SELECT 1 FROM claim_waiting w WHERE w.repo = t.repo AND w.number = t.number AND w.state = 'offered')
		ORDER BY t.opened_at, t.number`, repo)
}

func getTask(ctx context.Context, q querier, repo string, number int) (StarterTask, error) {
	ts, err := queryTasks(ctx, q, `WHERE t.repo = $1 AND t.number = $2`, repo, number)
	if err != nil {
		return StarterTask{}, err
	}
	if len(ts) == 0 {
		return StarterTask{}, fmt.Errorf("starter task %s#%d: %w", repo, number, ErrNotFound)
	}
	return ts[0], nil
}

func queryTasks(ctx context.Context, q querier, where string, args ...any) ([]StarterTask, error) {
	rows, err := q.QueryContext(ctx, `SELECT t.repo, t.number, t.owner, t.installation_id, t.title, t.url, t.labels, t.state, t.opened_at, t.ended_at
		FROM starter_tasks t `+where, args...)
	if err != nil {
		return nil, fmt.Errorf("query starter tasks: %w", err)
	}
	defer rows.Close()
	var out []StarterTask
	for rows.Next() {
		var t StarterTask
		var labels string
		var opened, ended int64
		if err := rows.Scan(&t.Repo, &t.Number, &t.Owner, &t.InstallationID, &t.Title, &t.URL, &labels, &t.State, &opened, &ended); err != nil {
			return nil, fmt.Errorf("query starter tasks: %w", err)
		}
		if labels != "" {
			t.Labels = strings.Split(labels, "\n")
		}
		t.OpenedAt, t.EndedAt = fromMillis(opened), fromMillis(ended)
		out = append(out, t)
	}
	return out, rows.Err()
}

func saveTask(ctx context.Context, tx *sql.Tx, t StarterTask) error {
	_, err := tx.ExecContext(ctx, `INSERT INTO starter_tasks (`+taskColumns+`) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
		ON CONFLICT (repo, number) DO UPDATE SET installation_id = excluded.installation_id, title = excluded.title,
			url = excluded.url, labels = excluded.labels, state = excluded.state, opened_at = excluded.opened_at, ended_at = excluded.ended_at`,
		t.Repo, t.Number, t.Owner, t.InstallationID, t.Title, t.URL, strings.Join(t.Labels, "\n"), t.State, millis(t.OpenedAt), millis(t.EndedAt))
	if err != nil {
		return fmt.Errorf("save starter task: %w", err)
	}
	return nil
}

// ownerOf is the owner part of "owner/name".
func ownerOf(repo string) string {
	owner, _, _ := strings.Cut(repo, "/")
	return owner
}
