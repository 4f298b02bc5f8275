package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"
)

// Claim states.
const (
	ClaimActive    = "active"
	ClaimReleased  = "released"  // by /unclaim
	ClaimExpired   = "expired"   // no activity within claim_expiry_days
	ClaimCompleted = "completed" // the claimer's pull request was merged
	ClaimClosed    = "closed"    // the task ended otherwise
)

// Claim is one person's claim on a starter task.
type Claim struct {
	ID             int64
	Repo           string
	Number         int
	Owner          string
	InstallationID int64
	Login          string
	State          string
	// Source is the key of the command that made the claim.
	Source     string
	ClaimedAt  time.Time
	ActivityAt time.Time // the claimer's latest activity; starts at ClaimedAt
	RemindedAt time.Time
	LinkedPR   int // a pull request of the claimer that closes the task
	EndedAt    time.Time
	EndReason  string
}

// Outcomes of Claim and Release.
const (
	OutcomeClaimed      = "claimed"       // the claim is made
	OutcomeAlreadyYours = "already_yours" // the claimer holds it already
	OutcomeHeld         = "held"          // someone else holds it; the claimer is in line
	OutcomeReserved     = "reserved"      // offered to the next in line; the claimer is in line
	OutcomeAtLimit      = "limit"         // the claimer holds the most claims allowed
	OutcomeNotOpen      = "not_open"      // the task is withdrawn or closed
	OutcomeReleased     = "released"      // the claim ended
	OutcomeLeftLine     = "left_line"     // the person left the waiting list
	OutcomeNotHolder    = "not_holder"    // someone else holds the claim
	OutcomeNothing      = "nothing"       // nothing to release
)

// ClaimRequest asks for a starter task.
type ClaimRequest struct {
	// Key identifies the command (comment and line): the same key again
	// replays the first result and changes nothing.
	Key string
	// Task is the task as the event shows it; recorded when the store does
	// not know it yet (the label came before the app).
	Task  StarterTask
	Login string
	// Max is max_claims_per_contributor, counted over the owner's repositories.
	Max int
	// OfferHold is how long an offer to the next in line keeps the task for them.
	OfferHold time.Duration
}

// ClaimResult is what a claim request came to.
type ClaimResult struct {
	Outcome string
	// Claim is the claim made or held (OutcomeClaimed, OutcomeAlreadyYours,
	// OutcomeHeld: the holder's).
	Claim Claim
	// Position is the claimer's place in line (1 is next) when held or reserved.
	Position int
	// Offer is the pending offer when reserved.
	Offer Waiter
	// Open lists the claimer's open claims when at the limit.
	Open     []Claim
	Replayed bool
}

// Claim decides a claim request in one transaction: the task's holder,
// the offer to the next in line, the claimer's limit, and otherwise a new
// claim. Whoever is refused because someone holds the task joins its
// waiting list. effects renders what the decision must do on GitHub; they
// are stored with it.
func (db *DB) Claim(ctx context.Context, req ClaimRequest, effects func(ClaimResult) []ClaimEffect) (ClaimResult, error) {
	var out ClaimResult
	err := db.tx(ctx, func(tx *sql.Tx) error {
		if err := db.dialect.lock(ctx, tx, lockClaims, req.Task.Owner); err != nil {
			return err
		}
		if replayed, err := replay(ctx, tx, req.Key, &out); err != nil || replayed {
			return err
		}
		now := db.now()
		var err error
		out, err = db.decideClaim(ctx, tx, req, now)
		if err != nil {
			return err
		}
		return finishCommand(ctx, tx, req.Key, out, now, effects(out))
	})
	return out, err
}

func (db *DB) decideClaim(ctx context.Context, tx *sql.Tx, req ClaimRequest, now time.Time) (ClaimResult, error) {
	t := req.Task
	task, err := getTask(ctx, tx, t.Repo, t.Number)
	switch {
	case errors.Is(err, ErrNotFound):
		t.State, t.OpenedAt = TaskOpen, now
		if err := saveTask(ctx, tx, t); err != nil {
			return ClaimResult{}, err
		}
		task = t
	case err != nil:
		return ClaimResult{}, err
	}
	if task.State != TaskOpen {
		return ClaimResult{Outcome: OutcomeNotOpen}, nil
	}
	holder, err := activeClaim(ctx, tx, t.Repo, t.Number)
	switch {
	case err == nil && sameLogin(holder.Login, req.Login):
		return ClaimResult{Outcome: OutcomeAlreadyYours, Claim: holder}, nil
	case err == nil:
		pos, err := joinLine(ctx, tx, t.Repo, t.Number, req.Login, now)
		return ClaimResult{Outcome: OutcomeHeld, Claim: holder, Position: pos}, err
	case !errors.Is(err, ErrNotFound):
		return ClaimResult{}, err
	}
	offer, err := pendingOffer(ctx, tx, t.Repo, t.Number)
	if err != nil && !errors.Is(err, ErrNotFound) {
		return ClaimResult{}, err
	}
	if err == nil && !sameLogin(offer.Login, req.Login) && now.Before(offer.OfferedAt.Add(req.OfferHold)) {
		pos, err := joinLine(ctx, tx, t.Repo, t.Number, req.Login, now)
		return ClaimResult{Outcome: OutcomeReserved, Offer: offer, Position: pos}, err
	}
	open, err := queryClaims(ctx, tx, `WHERE owner = $1 AND LOWER(login) = LOWER($2) AND state = 'active' ORDER BY claimed_at, id`, t.Owner, req.Login)
	if err != nil {
		return ClaimResult{}, err
	}
	if req.Max > 0 && len(open) >= req.Max {
		return ClaimResult{Outcome: OutcomeAtLimit, Open: open}, nil
	}
	c := Claim{Repo: t.Repo, Number: t.Number, Owner: t.Owner, InstallationID: t.InstallationID, Login: req.Login,
		State: ClaimActive, Source: req.Key, ClaimedAt: now, ActivityAt: now}
	if c.ID, err = insertClaim(ctx, tx, c); err != nil {
		return ClaimResult{}, err
	}
	// Whoever had an offer or a place in line for the task: it is settled.
	if _, err := tx.ExecContext(ctx, `UPDATE claim_waiting SET state = CASE WHEN LOWER(login) = LOWER($3) THEN 'claimed' ELSE 'lapsed' END, left_at = $4
		WHERE repo = $1 AND number = $2 AND (state = 'offered' OR (state = 'waiting' AND LOWER(login) = LOWER($3)))`,
		t.Repo, t.Number, req.Login, millis(now)); err != nil {
		return ClaimResult{}, fmt.Errorf("settle waiting list: %w", err)
	}
	return ClaimResult{Outcome: OutcomeClaimed, Claim: c}, nil
}

// ReleaseRequest asks to give a task up: /unclaim.
type ReleaseRequest struct {
	Key    string // as ClaimRequest.Key
	Repo   string
	Number int
	Login  string
	// Maintainer may release someone else's claim.
	Maintainer bool
	// Next picks who is offered the task next from its waiting list.
	Next NextPicker
}

// ReleaseResult is what a release came to.
type ReleaseResult struct {
	Outcome string
	// Claim is the claim released (OutcomeReleased) or held by someone
	// else (OutcomeNotHolder).
	Claim Claim
	// Offered is the next in line, now offered the task; nil when nobody.
	Offered  *Waiter
	Replayed bool
}

// Release carries out /unclaim: the holder (or a maintainer) releases the
// claim and the task is offered to the next in line; someone in line
// leaves it.
func (db *DB) Release(ctx context.Context, req ReleaseRequest, effects func(ReleaseResult) []ClaimEffect) (ReleaseResult, error) {
	var out ReleaseResult
	err := db.tx(ctx, func(tx *sql.Tx) error {
		if err := db.dialect.lock(ctx, tx, lockClaims, ownerOf(req.Repo)); err != nil {
			return err
		}
		if replayed, err := replay(ctx, tx, req.Key, &out); err != nil || replayed {
			return err
		}
		now := db.now()
		var err error
		if out, err = db.decideRelease(ctx, tx, req, now); err != nil {
			return err
		}
		return finishCommand(ctx, tx, req.Key, out, now, effects(out))
	})
	return out, err
}

func (db *DB) decideRelease(ctx context.Context, tx *sql.Tx, req ReleaseRequest, now time.Time) (ReleaseResult, error) {
	holder, err := activeClaim(ctx, tx, req.Repo, req.Number)
	if err != nil && !errors.Is(err, ErrNotFound) {
		return ReleaseResult{}, err
	}
	held := err == nil
	if held && (sameLogin(holder.Login, req.Login) || req.Maintainer) {
		reason := "unclaimed"
		if !sameLogin(holder.Login, req.Login) {
			reason = "released by " + req.Login
		}
		return db.release(ctx, tx, holder, ClaimReleased, reason, req.Next, now)
	}
	res, err := tx.ExecContext(ctx, `UPDATE claim_waiting SET state = 'left', left_at = $4
		WHERE repo = $1 AND number = $2 AND LOWER(login) = LOWER($3) AND state IN ('waiting', 'offered')`,
		req.Repo, req.Number, req.Login, millis(now))
	if err != nil {
		return ReleaseResult{}, fmt.Errorf("leave waiting list: %w", err)
	}
	if n, _ := res.RowsAffected(); n > 0 {
		return ReleaseResult{Outcome: OutcomeLeftLine}, nil
	}
	if held {
		return ReleaseResult{Outcome: OutcomeNotHolder, Claim: holder}, nil
	}
	return ReleaseResult{Outcome: OutcomeNothing}, nil
}

// release ends an active claim and offers the task to the next in line.
func (db *DB) release(ctx context.Context, tx *sql.Tx, c Claim, state, reason string, next NextPicker, now time.Time) (ReleaseResult, error) {
	c, err := endClaimTx(ctx, tx, c, state, reason, now)
	if err != nil {
		return ReleaseResult{}, err
	}
	out := ReleaseResult{Outcome: OutcomeReleased, Claim: c}
	out.Offered, err = db.offerNext(ctx, tx, c.Repo, c.Number, c.Owner, next, now)
	return out, err
}

// ActiveClaim returns the task's active claim, or ErrNotFound.
func (db *DB) ActiveClaim(ctx context.Context, repo string, number int) (Claim, error) {
	return activeClaim(ctx, db.w, repo, number)
}

// ActiveClaims lists every active claim, oldest first (for the scheduler).
func (db *DB) ActiveClaims(ctx context.Context) ([]Claim, error) {
	return queryClaims(ctx, db.r, `WHERE state = 'active' ORDER BY claimed_at, id`)
}

const claimColumns = `id, repo, number, owner, installation_id, login, state, source, claimed_at, activity_at, reminded_at, linked_pr, ended_at, end_reason`

func activeClaim(ctx context.Context, q querier, repo string, number int) (Claim, error) {
	cs, err := queryClaims(ctx, q, `WHERE repo = $1 AND number = $2 AND state = 'active'`, repo, number)
	if err != nil {
		return Claim{}, err
	}
	if len(cs) == 0 {
		return Claim{}, fmt.Errorf("active claim on %s#%d: %w", repo, number, ErrNotFound)
	}
	return cs[0], nil
}

func queryClaims(ctx context.Context, q querier, where string, args ...any) ([]Claim, error) {
	rows, err := q.QueryContext(ctx, `SELECT `+claimColumns+` FROM claims `+where, args...)
	if err != nil {
		return nil, fmt.Errorf("query claims: %w", err)
	}
	defer rows.Close()
	var out []Claim
	for rows.Next() {
		var c Claim
		var claimed, activity, reminded, ended int64
		if err := rows.Scan(&c.ID, &c.Repo, &c.Number, &c.Owner, &c.InstallationID, &c.Login, &c.State, &c.Source,
			&claimed, &activity, &reminded, &c.LinkedPR, &ended, &c.EndReason); err != nil {
			return nil, fmt.Errorf("query claims: %w", err)
		}
		c.ClaimedAt, c.ActivityAt, c.RemindedAt, c.EndedAt = fromMillis(claimed), fromMillis(activity), fromMillis(reminded), fromMillis(ended)
		out = append(out, c)
	}
	return out, rows.Err()
}

func insertClaim(ctx context.Context, tx *sql.Tx, c Claim) (int64, error) {
	var id int64
	err := tx.QueryRowContext(ctx, `INSERT INTO claims (repo, number, owner, installation_id, login, state, source, claimed_at, activity_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id`,
		c.Repo, c.Number, c.Owner, c.InstallationID, c.Login, c.State, c.Source, millis(c.ClaimedAt), millis(c.ActivityAt)).Scan(&id)
	if err != nil {
		return 0, fmt.Errorf("insert claim: %w", err)
	}
	return id, nil
}

func endClaimTx(ctx context.Context, tx *sql.Tx, c Claim, state, reason string, now time.Time) (Claim, error) {
	if _, err := tx.ExecContext(ctx, `UPDATE claims SET state = $1, end_reason = $2, ended_at = $3 WHERE id = $4`,
		state, reason, millis(now), c.ID); err != nil {
		return c, fmt.Errorf("end claim: %w", err)
	}
	c.State, c.EndReason, c.EndedAt = state, reason, now
	return c, nil
}

// replay loads the stored result of a command already carried out.
func replay(ctx context.Context, tx *sql.Tx, key string, into any) (bool, error) {
	if key == "" {
		return false, nil
	}
	var result string
	err := tx.QueryRowContext(ctx, `SELECT result FROM claim_commands WHERE key = $1`, key).Scan(&result)
	if errors.Is(err, sql.ErrNoRows) {
		return false, nil
	}
	if err != nil {
		return false, fmt.Errorf("replay command: %w", err)
	}
	if err := json.Unmarshal([]byte(result), into); err != nil {
		return false, fmt.Errorf("replay command %s: %w", key, err)
	}
	switch r := into.(type) {
	case *ClaimResult:
		r.Replayed = true
	case *ReleaseResult:
		r.Replayed = true
	}
	return true, nil
}

// finishCommand stores a command's result and effects with its change.
func finishCommand(ctx context.Context, tx *sql.Tx, key string, result any, now time.Time, effects []ClaimEffect) error {
	if key != "" {
		b, err := json.Marshal(result)
		if err != nil {
			return fmt.Errorf("store command result: %w", err)
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO claim_commands (key, result, done_at) VALUES ($1, $2, $3)`, key, string(b), millis(now)); err != nil {
			return fmt.Errorf("store command result: %w", err)
		}
	}
	return insertEffects(ctx, tx, now, effects)
}

func sameLogin(a, b string) bool { return a != "" && strings.EqualFold(a, b) }
