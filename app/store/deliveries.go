package store

import (
	"cmp"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"
)

// Delivery states.
const (
	StatePending = "pending" // waiting for a worker (first try or a retry)
	StateRunning = "running" // leased by a worker
	StateDone    = "done"
	StateDead    = "dead" // out of tries; `deliveries retry` revives it
)

// Delivery is one webhook delivery as GitHub sent it.
type Delivery struct {
	ID            string
	Event         string
	Payload       []byte
	State         string
	Attempts      int
	ReceivedAt    time.Time
	NextAttemptAt time.Time
	LastError     string
	FinishedAt    time.Time
	// Installation and Item say what the delivery is about (see Subject);
	// EnqueueDeliveries reads them from the payload when both are empty.
	Installation int64
	Item         string
	// Strikes counts the leases that ended without an outcome (the process
	// died or lost the lease) or in a timeout, this lease's included.
	Strikes int
}

// ErrNotFound is returned when a named record does not exist.
var ErrNotFound = errors.New("not found")

// EnqueueDeliveries writes the deliveries in one transaction and reports,
// for each, whether it was new (false: the ID was seen before, and nothing
// changes). When it returns nil the deliveries are on disk.
func (db *DB) EnqueueDeliveries(ctx context.Context, ds []Delivery) ([]bool, error) {
	inserted := make([]bool, len(ds))
	now := millis(db.now())
	err := db.tx(ctx, func(tx *sql.Tx) error {
		stmt := tx.StmtContext(ctx, db.enqueue)
		defer stmt.Close()
		for i, d := range ds {
			if d.Installation == 0 && d.Item == "" {
				d.Installation, d.Item = Subject(d.Payload)
			}
			res, err := stmt.ExecContext(ctx, d.ID, d.Event, d.Payload, now, d.Installation, d.Item)
			if err != nil {
				return fmt.Errorf("enqueue delivery: %w", err)
			}
			n, _ := res.RowsAffected()
			inserted[i] = n == 1
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return inserted, nil
}

// ClaimDeliveries leases up to limit deliveries that are ready to run (or
// whose lease ran out) to owner until lease ends, counting an attempt, and
// a strike when the previous lease ran out. It takes turns among
// installations (each one's oldest ready delivery first, then each one's
// second, and so on), so one installation's backlog cannot hold another's
// events back, and it leases only the oldest unfinished delivery of each
// item, so one item's deliveries run one at a time, in order, on whichever
// replica. When it returns an error, nothing was leased.
func (db *DB) ClaimDeliveries(ctx context.Context, owner string, limit int, lease time.Duration) ([]Delivery, error) {
	now := db.now()
	var out []Delivery
	err := db.tx(ctx, func(tx *sql.Tx) error {
		ids, err := db.nextTurns(ctx, tx, millis(now), limit)
		if err != nil || len(ids) == 0 {
			return err
		}
		args := []any{owner, millis(now.Add(lease)), millis(now)}
		for _, id := range ids {
			args = append(args, id)
		}
		rows, err := tx.QueryContext(ctx, `UPDATE deliveries SET state = 'running', attempts = attempts + 1,
				strikes = strikes + CASE WHEN state = 'running' THEN 1 ELSE 0 END,
				lease_owner = $1, lease_until = $2
			WHERE `+readyClause("deliveries")+` AND id IN (`+placeholders(4, len(ids))+`)
			RETURNING id, event, payload, attempts, received_at, installation_id, item, strikes`, args...)
		if err != nil {
			return fmt.Errorf("claim deliveries: %w", err)
		}
		defer rows.Close()
		for rows.Next() {
			d := Delivery{State: StateRunning}
			var received int64
			if err := rows.Scan(&d.ID, &d.Event, &d.Payload, &d.Attempts, &received, &d.Installation, &d.Item, &d.Strikes); err != nil {
				return fmt.Errorf("claim deliveries: %w", err)
			}
			d.ReceivedAt = fromMillis(received)
			out = append(out, d)
		}
		if err := rows.Err(); err != nil {
			return fmt.Errorf("claim deliveries: %w", err)
		}
		return nil
	})
	if err != nil {
		// Rolled back: nothing is leased, so nothing may be handled.
		return nil, err
	}
	return out, nil
}

// readyClause is true for a delivery ready to run at $3: pending and due,
// or running under a lease that ran out.
func readyClause(t string) string {
	return `((` + t + `.state = 'pending' AND ` + t + `.next_attempt_at <= $3) OR (` + t + `.state = 'running' AND ` + t + `.lease_until < $3))`
}

// nextTurns picks up to limit ready deliveries, taking turns among the
// installations with the fewest deliveries running (then the longest
// waiting): each one's oldest first, then each one's second, and so on. Only the oldest unfinished delivery of an item
// is ready. On PostgreSQL the candidates are locked, skipping those another
// replica is leasing.
func (db *DB) nextTurns(ctx context.Context, tx *sql.Tx, now int64, limit int) ([]string, error) {
	seq, lock := "rowid", ""
	if db.dialect == postgres {
		seq, lock = "seq", " FOR UPDATE SKIP LOCKED"
	}
	// The installations with ready work, longest waiting first. Pending
	// deliveries are read from an index alone; running ones are few.
	since := map[int64]int64{}
	for _, q := range []string{
		`SELECT installation_id, MIN(next_attempt_at) FROM deliveries WHERE state = 'pending' AND next_attempt_at <= $1 GROUP BY installation_id`,
		`SELECT installation_id, MIN(next_attempt_at) FROM deliveries WHERE state = 'running' AND lease_until < $1 GROUP BY installation_id`,
	} {
		if err := scanSince(ctx, tx, q, now, since); err != nil {
			return nil, fmt.Errorf("claim deliveries: %w", err)
		}
	}
	// Those with the fewest deliveries running go first, so a claim with
	// room for one does not always go to the installation that has waited
	// longest (the one with the backlog).
	running := map[int64]int64{}
	if err := scanSince(ctx, tx, `SELECT installation_id, COUNT(*) FROM deliveries WHERE state = 'running' AND lease_until >= $1 GROUP BY installation_id`, now, running); err != nil {
		return nil, fmt.Errorf("claim deliveries: %w", err)
	}
	insts := make([]int64, 0, len(since))
	for inst := range since {
		insts = append(insts, inst)
	}
	slices.SortFunc(insts, func(a, b int64) int {
		return cmp.Or(cmp.Compare(running[a], running[b]), cmp.Compare(since[a], since[b]), cmp.Compare(a, b))
	})
	insts = insts[:min(len(insts), limit)]

	// Leases that ran out first (they waited longest), then due retries and
	// new deliveries; each query walks an index in order and stops at limit.
	head := ` AND (c.item = '' OR NOT EXISTS (SELECT 1 FROM deliveries e
			WHERE e.item = c.item AND e.state IN ('pending', 'running') AND e.` + seq + ` < c.` + seq + `))
		ORDER BY c.next_attempt_at, c.` + seq + ` LIMIT $3` + lock
	lost := `SELECT id FROM deliveries c WHERE c.installation_id = $1 AND c.state = 'running' AND c.lease_until < $2` + head
	due := `SELECT id FROM deliveries c WHERE c.installation_id = $1 AND c.state = 'pending' AND c.next_attempt_at <= $2` + head
	turns := make([][]string, 0, len(insts))
	for _, inst := range insts {
		ids, err := queryStrings(ctx, tx, lost, inst, now, limit)
		if err != nil {
			return nil, fmt.Errorf("claim deliveries: %w", err)
		}
		if len(ids) < limit {
			more, err := queryStrings(ctx, tx, due, inst, now, limit-len(ids))
			if err != nil {
				return nil, fmt.Errorf("claim deliveries: %w", err)
			}
			ids = append(ids, more...)
		}
		turns = append(turns, ids)
	}
	return takeTurns(turns, limit), nil
}

// takeTurns interleaves the queues, first of each, then second of each,
// up to limit.
func takeTurns(queues [][]string, limit int) []string {
	var out []string
	for turn := 0; len(out) < limit; turn++ {
		took := false
		for _, q := range queues {
			if turn < len(q) && len(out) < limit {
				out = append(out, q[turn])
				took = true
			}
		}
		if !took {
			break
		}
	}
	return out
}

// scanSince reads (installation, value) rows into since, keeping each
// installation's smallest value.
func scanSince(ctx context.Context, tx *sql.Tx, q string, now int64, since map[int64]int64) error {
	rows, err := tx.QueryContext(ctx, q, now)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var inst, at int64
		if err := rows.Scan(&inst, &at); err != nil {
			return err
		}
		if old, ok := since[inst]; !ok || at < old {
			since[inst] = at
		}
	}
	return rows.Err()
}

func queryStrings(ctx context.Context, tx *sql.Tx, q string, args ...any) ([]string, error) {
	rows, err := tx.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			return nil, err
		}
		out = append(out, s)
	}
	return out, rows.Err()
}

// RenewLeases extends owner's leases on the deliveries named until lease
// from now, and reports how many it still held.
func (db *DB) RenewLeases(ctx context.Context, owner string, ids []string, lease time.Duration) (int64, error) {
	if len(ids) == 0 {
		return 0, nil
	}
	args := []any{millis(db.now().Add(lease)), owner}
	for _, id := range ids {
		args = append(args, id)
	}
	res, err := db.w.ExecContext(ctx, `UPDATE deliveries SET lease_until = $1
		WHERE state = 'running' AND lease_owner = $2 AND id IN (`+placeholders(3, len(ids))+`)`, args...)
	if err != nil {
		return 0, fmt.Errorf("renew leases: %w", err)
	}
	return res.RowsAffected()
}

// ReleaseDeliveries gives owner's leases on deliveries it never started
// back to the queue, ready at once, without counting the attempt.
func (db *DB) ReleaseDeliveries(ctx context.Context, owner string, ids []string) error {
	if len(ids) == 0 {
		return nil
	}
	args := []any{owner}
	for _, id := range ids {
		args = append(args, id)
	}
	_, err := db.w.ExecContext(ctx, `UPDATE deliveries SET state = 'pending', attempts = attempts - 1, lease_owner = '', lease_until = 0
		WHERE state = 'running' AND lease_owner = $1 AND id IN (`+placeholders(2, len(ids))+`)`, args...)
	if err != nil {
		return fmt.Errorf("release deliveries: %w", err)
	}
	return nil
}

// Outcome is what a worker reports for a delivery it leased.
type Outcome struct {
	ID      string
	Owner   string    // the lease holder; a stale holder's outcome is ignored
	Err     string    // "" on success
	RetryAt time.Time // with Err: when to try again
	Dead    bool      // with Err: no more tries
	Strike  bool      // the handler ran out of time: counts toward quarantine
}

// FinishDeliveries records many outcomes in one transaction.
func (db *DB) FinishDeliveries(ctx context.Context, outs []Outcome) error {
	now := millis(db.now())
	return db.tx(ctx, func(tx *sql.Tx) error {
		for _, o := range outs {
			var err error
			strike := 0
			if o.Strike {
				strike = 1
			}
			switch {
			case o.Err == "":
				_, err = tx.ExecContext(ctx, `UPDATE deliveries SET state = 'done', finished_at = $1, last_error = '', lease_owner = '', lease_until = 0
					WHERE id = $2 AND state = 'running' AND lease_owner = $3`, now, o.ID, o.Owner)
			case o.Dead:
				_, err = tx.ExecContext(ctx, `UPDATE deliveries SET state = 'dead', finished_at = $1, last_error = $2, lease_owner = '', lease_until = 0, strikes = strikes + $5
					WHERE id = $3 AND state = 'running' AND lease_owner = $4`, now, truncate(o.Err, 2000), o.ID, o.Owner, strike)
			default:
				_, err = tx.ExecContext(ctx, `UPDATE deliveries SET state = 'pending', next_attempt_at = $1, last_error = $2, lease_owner = '', lease_until = 0, strikes = strikes + $5
					WHERE id = $3 AND state = 'running' AND lease_owner = $4`, millis(o.RetryAt), truncate(o.Err, 2000), o.ID, o.Owner, strike)
			}
			if err != nil {
				return fmt.Errorf("finish delivery %s: %w", o.ID, err)
			}
		}
		return nil
	})
}

// ReleaseLeases returns every running delivery to the queue, with a strike
// each: the process that leased them ended without an outcome. Only a
// process that owns the store alone (SQLite) calls it, at start-up.
func (db *DB) ReleaseLeases(ctx context.Context) (int64, error) {
	res, err := db.w.ExecContext(ctx, `UPDATE deliveries SET state = 'pending', lease_owner = '', lease_until = 0, strikes = strikes + 1 WHERE state = 'running'`)
	if err != nil {
		return 0, fmt.Errorf("release leases: %w", err)
	}
	return res.RowsAffected()
}

// ExclusiveQueue tells whether this process is the only one using the queue.
func (db *DB) ExclusiveQueue() bool { return db.dialect == sqlite }

// RetryDelivery puts a dead (or done) delivery back in the queue with a fresh
// count of tries.
func (db *DB) RetryDelivery(ctx context.Context, id string) error {
	res, err := db.w.ExecContext(ctx, `UPDATE deliveries SET state = 'pending', attempts = 0, strikes = 0, next_attempt_at = $1, finished_at = 0
		WHERE id = $2 AND state IN ('dead', 'done')`, millis(db.now()), id)
	if err != nil {
		return fmt.Errorf("retry delivery: %w", err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		if _, err := db.GetDelivery(ctx, id); err != nil {
			return err
		}
		return fmt.Errorf("retry delivery %s: it is still queued", id)
	}
	return nil
}

// GetDelivery returns one delivery with its payload.
func (db *DB) GetDelivery(ctx context.Context, id string) (Delivery, error) {
	var d Delivery
	var received, next, finished int64
	err := db.r.QueryRowContext(ctx, `SELECT id, event, payload, state, attempts, received_at, next_attempt_at, last_error, finished_at, installation_id, item, strikes
		FROM deliveries WHERE id = $1`, id).Scan(&d.ID, &d.Event, &d.Payload, &d.State, &d.Attempts, &received, &next, &d.LastError, &finished, &d.Installation, &d.Item, &d.Strikes)
	if errors.Is(err, sql.ErrNoRows) {
		return d, fmt.Errorf("delivery %s: %w", id, ErrNotFound)
	}
	if err != nil {
		return d, fmt.Errorf("get delivery: %w", err)
	}
	d.ReceivedAt, d.NextAttemptAt, d.FinishedAt = fromMillis(received), fromMillis(next), fromMillis(finished)
	return d, nil
}

// ListFilter narrows ListDeliveries.
type ListFilter struct {
	States []string // empty: every state but done
	Limit  int
}

// ListDeliveries returns deliveries without their payloads, newest first.
func (db *DB) ListDeliveries(ctx context.Context, f ListFilter) ([]Delivery, error) {
	states := f.States
	if len(states) == 0 {
		states = []string{StatePending, StateRunning, StateDead}
	}
	if f.Limit <= 0 {
		f.Limit = 100
	}
	args := []any{}
	for _, s := range states {
		args = append(args, s)
	}
	args = append(args, f.Limit)
	q := `SELECT id, event, state, attempts, received_at, next_attempt_at, last_error, finished_at FROM deliveries
		WHERE state IN (` + placeholders(1, len(states)) + `) ORDER BY received_at DESC LIMIT $` + fmt.Sprint(len(states)+1)
	rows, err := db.r.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, fmt.Errorf("list deliveries: %w", err)
	}
	defer rows.Close()
	var out []Delivery
	for rows.Next() {
		var d Delivery
		var received, next, finished int64
		if err := rows.Scan(&d.ID, &d.Event, &d.State, &d.Attempts, &received, &next, &d.LastError, &finished); err != nil {
			return nil, fmt.Errorf("list deliveries: %w", err)
		}
		d.ReceivedAt, d.NextAttemptAt, d.FinishedAt = fromMillis(received), fromMillis(next), fromMillis(finished)
		out = append(out, d)
	}
	return out, rows.Err()
}

// QueueDepth counts deliveries by state.
func (db *DB) QueueDepth(ctx context.Context) (map[string]int, error) {
	rows, err := db.r.QueryContext(ctx, `SELECT state, COUNT(*) FROM deliveries GROUP BY state`)
	if err != nil {
		return nil, fmt.Errorf("queue depth: %w", err)
	}
	defer rows.Close()
	out := map[string]int{StatePending: 0, StateRunning: 0, StateDone: 0, StateDead: 0}
	for rows.Next() {
		var s string
		var n int
		if err := rows.Scan(&s, &n); err != nil {
			return nil, fmt.Errorf("queue depth: %w", err)
		}
		out[s] = n
	}
	return out, rows.Err()
}

// KnownDeliveries returns which of ids the store has seen.
func (db *DB) KnownDeliveries(ctx context.Context, ids []string) (map[string]bool, error) {
	known := make(map[string]bool, len(ids))
	for start := 0; start < len(ids); start += 500 {
		chunk := ids[start:min(start+500, len(ids))]
		args := make([]any, len(chunk))
		for i, id := range chunk {
			args[i] = id
		}
		rows, err := db.r.QueryContext(ctx, `SELECT id FROM deliveries WHERE id IN (`+placeholders(1, len(chunk))+`)`, args...)
		if err != nil {
			return nil, fmt.Errorf("known deliveries: %w", err)
		}
		for rows.Next() {
			var id string
			if err := rows.Scan(&id); err != nil {
				rows.Close()
				return nil, fmt.Errorf("known deliveries: %w", err)
			}
			known[id] = true
		}
		rows.Close()
	}
	return known, nil
}

// PruneDeliveries deletes finished deliveries older than the cutoff, keeping
// dead letters, and returns how many went.
func (db *DB) PruneDeliveries(ctx context.Context, before time.Time) (int64, error) {
	res, err := db.w.ExecContext(ctx, `DELETE FROM deliveries WHERE state = 'done' AND finished_at < $1`, millis(before))
	if err != nil {
		return 0, fmt.Errorf("prune deliveries: %w", err)
	}
	return res.RowsAffected()
}

func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return strings.ToValidUTF8(s[:n], "") + "…"
}
