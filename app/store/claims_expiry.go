package store

import (
	"context"
	"database/sql"
	"fmt"
	"time"
)

// RecordClaimActivity notes the claimer's activity on their claimed task
// at a time (a comment, a pull request), and the pull request that links
// to it when pr > 0. It reports whether an active claim of login was there.
func (db *DB) RecordClaimActivity(ctx context.Context, repo string, number int, login string, at time.Time, pr int) (bool, error) {
	later := db.dialect.greatest + `(activity_at, $1)`
	res, err := db.w.ExecContext(ctx, `UPDATE claims SET activity_at = `+later+`, linked_pr = CASE WHEN $2 > 0 THEN $2 ELSE linked_pr END
		WHERE repo = $3 AND number = $4 AND state = 'active' AND LOWER(login) = LOWER($5)`,
		millis(at), pr, repo, number, login)
	if err != nil {
		return false, fmt.Errorf("record claim activity: %w", err)
	}
	n, _ := res.RowsAffected()
	return n > 0, nil
}

// RemindClaim records a reminder for the claim as it stood (its activity
// time), with its effects; false when the claim changed meanwhile.
func (db *DB) RemindClaim(ctx context.Context, c Claim, effects func(Claim) []ClaimEffect) (bool, error) {
	var ok bool
	err := db.tx(ctx, func(tx *sql.Tx) error {
		now := db.now()
		res, err := tx.ExecContext(ctx, `UPDATE claims SET reminded_at = $1 WHERE id = $2 AND state = 'active' AND activity_at = $3`,
			millis(now), c.ID, millis(c.ActivityAt))
		if err != nil {
			return fmt.Errorf("remind claim: %w", err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return nil
		}
		ok = true
		c.RemindedAt = now
		return insertEffects(ctx, tx, now, effects(c))
	})
	return ok, err
}

// ExpireClaim releases the claim as it stood (its activity time) and
// offers the task to the next in line; false when the claim changed
// meanwhile.
func (db *DB) ExpireClaim(ctx context.Context, c Claim, next NextPicker, effects func(ReleaseResult) []ClaimEffect) (ReleaseResult, bool, error) {
	var out ReleaseResult
	var ok bool
	err := db.tx(ctx, func(tx *sql.Tx) error {
		if err := db.dialect.lock(ctx, tx, lockClaims, c.Owner); err != nil {
			return err
		}
		cur, err := activeClaim(ctx, tx, c.Repo, c.Number)
		if err != nil || cur.ID != c.ID || !cur.ActivityAt.Equal(c.ActivityAt) {
			return nil //nolint:nilerr // changed meanwhile: nothing to do
		}
		now := db.now()
		if out, err = db.release(ctx, tx, cur, ClaimExpired, "no activity", next, now); err != nil {
			return err
		}
		ok = true
		return insertEffects(ctx, tx, now, effects(out))
	})
	return out, ok, err
}

// EndClaim ends an active claim without offering the task (its task is
// closed); false when it was not active.
func (db *DB) EndClaim(ctx context.Context, c Claim, state, reason string) (bool, error) {
	res, err := db.w.ExecContext(ctx, `UPDATE claims SET state = $1, end_reason = $2, ended_at = $3 WHERE id = $4 AND state = 'active'`,
		state, reason, millis(db.now()), c.ID)
	if err != nil {
		return false, fmt.Errorf("end claim: %w", err)
	}
	n, _ := res.RowsAffected()
	return n > 0, nil
}

// CompleteRequest reports a merged pull request that closes a starter task.
type CompleteRequest struct {
	Repo   string
	Number int
	Login  string // the pull request's author
	PR     int
	// Credit records the task on the author's path even when they had no
	// claim on it (false for a maintainer's own fix).
	Credit bool
}

// CompleteResult is what a completion changed.
type CompleteResult struct {
	Task StarterTask
	// Claim is the author's claim, now completed; nil when they had none.
	Claim *Claim
	// Other is someone else's active claim, ended by this completion.
	Other *Claim
	// New is true the first time this completion is recorded on the
	// author's path (never when it is not recorded there).
	New bool
}

// CompleteStarterTask records that the author's merged pull request
// completed the task: their claim (active, or ended with the task's close)
// is completed, anyone else's active claim ends, the task closes, and the
// author's path gains the starter task (when they claimed it or Credit). A task the store does not know is
// ErrNotFound.
func (db *DB) CompleteStarterTask(ctx context.Context, req CompleteRequest, effects func(CompleteResult) []ClaimEffect) (CompleteResult, error) {
	var out CompleteResult
	err := db.tx(ctx, func(tx *sql.Tx) error {
		if err := db.dialect.lock(ctx, tx, lockClaims, ownerOf(req.Repo)); err != nil {
			return err
		}
		t, err := getTask(ctx, tx, req.Repo, req.Number)
		if err != nil {
			return err
		}
		now := db.now()
		if t.State != TaskClosed {
			t.State, t.EndedAt = TaskClosed, now
			if err := saveTask(ctx, tx, t); err != nil {
				return err
			}
		}
		out.Task = t
		mine, err := queryClaims(ctx, tx, `WHERE repo = $1 AND number = $2 AND LOWER(login) = LOWER($3) AND state IN ('active', 'closed', 'completed')
			ORDER BY claimed_at DESC, id DESC`, req.Repo, req.Number, req.Login)
		if err != nil {
			return err
		}
		if len(mine) > 0 {
			c := mine[0]
			if c.State != ClaimCompleted {
				if _, err := tx.ExecContext(ctx, `UPDATE claims SET state = 'completed', end_reason = 'merged', ended_at = $1, linked_pr = $2 WHERE id = $3`,
					millis(now), req.PR, c.ID); err != nil {
					return fmt.Errorf("complete claim: %w", err)
				}
				c.State, c.EndReason, c.EndedAt, c.LinkedPR = ClaimCompleted, "merged", now, req.PR
			}
			out.Claim = &c
		}
		if other, err := activeClaim(ctx, tx, req.Repo, req.Number); err == nil {
			other, err = endClaimTx(ctx, tx, other, ClaimClosed, fmt.Sprintf("completed by pull request #%d", req.PR), now)
			if err != nil {
				return err
			}
			out.Other = &other
		}
		if _, err := clearWaiting(ctx, tx, req.Repo, req.Number, now); err != nil {
			return err
		}
		if out.Claim != nil || req.Credit {
			step := PathStep{Owner: t.Owner, Login: req.Login, Step: StepStarterTask, Repo: req.Repo, Number: req.Number, At: now}
			if out.New, err = insertPathStep(ctx, tx, step); err != nil {
				return err
			}
		}
		return insertEffects(ctx, tx, now, effects(out))
	})
	return out, err
}

// UnlinkClaimPR forgets a pull request that no longer links to a claim
// (it was closed unmerged); the claim's clock restarts at the time given.
func (db *DB) UnlinkClaimPR(ctx context.Context, repo string, number, pr int, at time.Time) error {
	later := db.dialect.greatest + `(activity_at, $1)`
	_, err := db.w.ExecContext(ctx, `UPDATE claims SET linked_pr = 0, activity_at = `+later+`
		WHERE repo = $2 AND number = $3 AND state = 'active' AND linked_pr = $4`, millis(at), repo, number, pr)
	if err != nil {
		return fmt.Errorf("unlink pull request: %w", err)
	}
	return nil
}
