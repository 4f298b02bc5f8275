package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"
)

// Waiting list states.
const (
	WaiterWaiting = "waiting" // in line
	WaiterOffered = "offered" // the task was offered to them
	WaiterClaimed = "claimed" // they claimed it
	WaiterLeft    = "left"    // they left the line (/unclaim)
	WaiterLapsed  = "lapsed"  // the offer lapsed, or someone else claimed first
	WaiterCleared = "cleared" // the task ended
)

// Waiter is a place in a task's waiting list.
type Waiter struct {
	ID        int64
	Repo      string
	Number    int
	Login     string
	State     string
	JoinedAt  time.Time
	OfferedAt time.Time
	// OpenClaims is how many active claims the person holds in the owner's
	// repositories (filled for NextPicker).
	OpenClaims int
}

// NextPicker chooses who is offered a released task: it gets the people
// waiting, in the order they joined, and returns the index of the one to
// offer it to, or false for nobody.
type NextPicker func(waiting []Waiter) (int, bool)

// OffersBefore lists offers made before a time that nobody has taken up.
func (db *DB) OffersBefore(ctx context.Context, before time.Time) ([]Waiter, error) {
	return queryWaiters(ctx, db.r, `WHERE w.state = 'offered' AND w.offered_at < $1 ORDER BY w.offered_at, w.id`, millis(before))
}

// LapseResult is what lapsing an offer changed.
type LapseResult struct {
	Lapsed  Waiter
	Offered *Waiter // the next in line, now offered the task
}

// LapseOffer ends an offer nobody took up and offers the task to the next
// in line. ok is false when the offer was settled meanwhile.
func (db *DB) LapseOffer(ctx context.Context, w Waiter, next NextPicker, effects func(LapseResult) []ClaimEffect) (LapseResult, bool, error) {
	var out LapseResult
	var ok bool
	err := db.tx(ctx, func(tx *sql.Tx) error {
		if err := db.dialect.lock(ctx, tx, lockClaims, ownerOf(w.Repo)); err != nil {
			return err
		}
		now := db.now()
		res, err := tx.ExecContext(ctx, `UPDATE claim_waiting SET state = 'lapsed', left_at = $1 WHERE id = $2 AND state = 'offered'`, millis(now), w.ID)
		if err != nil {
			return fmt.Errorf("lapse offer: %w", err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return nil
		}
		ok = true
		w.State, out.Lapsed = WaiterLapsed, w
		task, err := getTask(ctx, tx, w.Repo, w.Number)
		if err != nil {
			return err
		}
		if _, err := activeClaim(ctx, tx, w.Repo, w.Number); err == nil || task.State != TaskOpen {
			return insertEffects(ctx, tx, now, effects(out))
		} else if !errors.Is(err, ErrNotFound) {
			return err
		}
		if out.Offered, err = db.offerNext(ctx, tx, w.Repo, w.Number, task.Owner, next, now); err != nil {
			return err
		}
		return insertEffects(ctx, tx, now, effects(out))
	})
	return out, ok, err
}

// joinLine puts login in the task's waiting list (once) and returns their
// place in it, 1 being next.
func joinLine(ctx context.Context, tx *sql.Tx, repo string, number int, login string, now time.Time) (int, error) {
	line, err := queryWaiters(ctx, tx, `WHERE w.repo = $1 AND w.number = $2 AND w.state IN ('waiting', 'offered') ORDER BY w.joined_at, w.id`, repo, number)
	if err != nil {
		return 0, err
	}
	for i, w := range line {
		if sameLogin(w.Login, login) {
			return i + 1, nil
		}
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO claim_waiting (repo, number, login, state, joined_at) VALUES ($1, $2, $3, 'waiting', $4)`,
		repo, number, login, millis(now)); err != nil {
		return 0, fmt.Errorf("join waiting list: %w", err)
	}
	return len(line) + 1, nil
}

// pendingOffer returns the task's open offer, or ErrNotFound.
func pendingOffer(ctx context.Context, q querier, repo string, number int) (Waiter, error) {
	ws, err := queryWaiters(ctx, q, `WHERE w.repo = $1 AND w.number = $2 AND w.state = 'offered' ORDER BY w.offered_at DESC, w.id DESC`, repo, number)
	if err != nil {
		return Waiter{}, err
	}
	if len(ws) == 0 {
		return Waiter{}, fmt.Errorf("offer on %s#%d: %w", repo, number, ErrNotFound)
	}
	return ws[0], nil
}

// offerNext offers the task to whom next picks among those waiting.
func (db *DB) offerNext(ctx context.Context, tx *sql.Tx, repo string, number int, owner string, next NextPicker, now time.Time) (*Waiter, error) {
	if next == nil {
		return nil, nil
	}
	line, err := queryWaiters(ctx, tx, `WHERE w.repo = $1 AND w.number = $2 AND w.state = 'waiting' ORDER BY w.joined_at, w.id`, repo, number)
	if err != nil || len(line) == 0 {
		return nil, err
	}
	for i := range line {
		err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM claims WHERE owner = $1 AND LOWER(login) = LOWER($2) AND state = 'active'`,
			owner, line[i].Login).Scan(&line[i].OpenClaims)
		if err != nil {
			return nil, fmt.Errorf("count open claims: %w", err)
		}
	}
	i, ok := next(line)
	if !ok || i < 0 || i >= len(line) {
		return nil, nil
	}
	w := line[i]
	if _, err := tx.ExecContext(ctx, `UPDATE claim_waiting SET state = 'offered', offered_at = $1 WHERE id = $2`, millis(now), w.ID); err != nil {
		return nil, fmt.Errorf("offer task: %w", err)
	}
	w.State, w.OfferedAt = WaiterOffered, now
	return &w, nil
}

// clearWaiting ends every place in a task's line.
func clearWaiting(ctx context.Context, tx *sql.Tx, repo string, number int, now time.Time) ([]Waiter, error) {
	line, err := queryWaiters(ctx, tx, `WHERE w.repo = $1 AND w.number = $2 AND w.state IN ('waiting', 'offered') ORDER BY w.joined_at, w.id`, repo, number)
	if err != nil || len(line) == 0 {
		return nil, err
	}
	if _, err := tx.ExecContext(ctx, `UPDATE claim_waiting SET state = 'cleared', left_at = $3 WHERE repo = $1 AND number = $2 AND state IN ('waiting', 'offered')`,
		repo, number, millis(now)); err != nil {
		return nil, fmt.Errorf("clear waiting list: %w", err)
	}
	return line, nil
}

func queryWaiters(ctx context.Context, q querier, where string, args ...any) ([]Waiter, error) {
	rows, err := q.QueryContext(ctx, `SELECT w.id, w.repo, w.number, w.login, w.state, w.joined_at, w.offered_at FROM claim_waiting w `+where, args...)
	if err != nil {
		return nil, fmt.Errorf("query waiting list: %w", err)
	}
	defer rows.Close()
	var out []Waiter
	for rows.Next() {
		var w Waiter
		var joined, offered int64
		if err := rows.Scan(&w.ID, &w.Repo, &w.Number, &w.Login, &w.State, &joined, &offered); err != nil {
			return nil, fmt.Errorf("query waiting list: %w", err)
		}
		w.JoinedAt, w.OfferedAt = fromMillis(joined), fromMillis(offered)
		out = append(out, w)
	}
	return out, rows.Err()
}
