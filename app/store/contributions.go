package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"
)

// Contribution is a pull request or issue the app saw opened.
type Contribution struct {
	Repo            string // owner/name
	Number          int
	Owner           string
	Kind            string
	Login           string
	FirstTimer      bool
	OpenedAt        time.Time
	FirstResponseAt time.Time
	FirstResponder  string
	MergedAt        time.Time
	ClosedAt        time.Time
}

// History is what the store knows of a person's earlier contributions to
// an owner's repositories.
type History struct {
	Known         bool
	Contributions int
}

// ContributorHistory tells how many contributions of a kind the store has
// seen (or learned by a lookup) from login in owner's repositories.
func (db *DB) ContributorHistory(ctx context.Context, owner, login, kind string) (History, error) {
	var n, looked int
	err := db.w.QueryRowContext(ctx, `SELECT contributions, looked_up FROM contributors WHERE owner = $1 AND login = $2 AND kind = $3`,
		owner, strings.ToLower(login), kind).Scan(&n, &looked)
	if errors.Is(err, sql.ErrNoRows) {
		return History{}, nil
	}
	if err != nil {
		return History{}, fmt.Errorf("contributor history: %w", err)
	}
	return History{Known: looked == 1 || n > 0, Contributions: n}, nil
}

// SaveLookup stores the answer of a search for earlier contributions, so
// the same question is never asked twice.
func (db *DB) SaveLookup(ctx context.Context, owner, login, kind string, earlier int) error {
	_, err := db.w.ExecContext(ctx, `INSERT INTO contributors (owner, login, kind, contributions, looked_up, first_seen_at)
		VALUES ($1, $2, $3, $4, 1, $5)
		ON CONFLICT (owner, login, kind) DO UPDATE SET contributions = contributors.contributions + excluded.contributions, looked_up = 1`,
		owner, strings.ToLower(login), kind, earlier, millis(db.now()))
	if err != nil {
		return fmt.Errorf("save lookup: %w", err)
	}
	return nil
}

// RecordContribution stores a newly opened pull request or issue with the
// first-timer verdict and counts it in its author's history. On a
// redelivery it changes nothing and returns the stored record.
func (db *DB) RecordContribution(ctx context.Context, c Contribution) (Contribution, bool, error) {
	var created bool
	err := db.tx(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `INSERT INTO contributions (repo, number, owner, kind, login, first_timer, opened_at)
			VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (repo, number) DO NOTHING`,
			c.Repo, c.Number, c.Owner, c.Kind, c.Login, boolInt(c.FirstTimer), millis(c.OpenedAt))
		if err != nil {
			return fmt.Errorf("record contribution: %w", err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return nil
		}
		created = true
		_, err = tx.ExecContext(ctx, `INSERT INTO contributors (owner, login, kind, contributions, looked_up, first_seen_at)
			VALUES ($1, $2, $3, 1, 0, $4)
			ON CONFLICT (owner, login, kind) DO UPDATE SET contributions = contributors.contributions + 1`,
			c.Owner, strings.ToLower(c.Login), c.Kind, millis(c.OpenedAt))
		if err != nil {
			return fmt.Errorf("count contribution: %w", err)
		}
		return nil
	})
	if err != nil {
		return Contribution{}, false, err
	}
	stored, err := db.GetContribution(ctx, c.Repo, c.Number)
	return stored, created, err
}

// GetContribution returns one contribution.
func (db *DB) GetContribution(ctx context.Context, repo string, number int) (Contribution, error) {
	var c Contribution
	var firstTimer int
	var opened, responded, merged, closed int64
	err := db.w.QueryRowContext(ctx, `SELECT repo, number, owner, kind, login, first_timer, opened_at, first_response_at, first_responder, merged_at, closed_at
		FROM contributions WHERE repo = $1 AND number = $2`, repo, number).Scan(
		&c.Repo, &c.Number, &c.Owner, &c.Kind, &c.Login, &firstTimer, &opened, &responded, &c.FirstResponder, &merged, &closed)
	if errors.Is(err, sql.ErrNoRows) {
		return c, fmt.Errorf("contribution %s#%d: %w", repo, number, ErrNotFound)
	}
	if err != nil {
		return c, fmt.Errorf("get contribution: %w", err)
	}
	c.FirstTimer = firstTimer == 1
	c.OpenedAt, c.FirstResponseAt, c.MergedAt, c.ClosedAt = fromMillis(opened), fromMillis(responded), fromMillis(merged), fromMillis(closed)
	return c, nil
}

// RecordFirstResponse notes the first reply by someone other than the
// author; later replies change nothing. It reports whether this was the first.
func (db *DB) RecordFirstResponse(ctx context.Context, repo string, number int, login string, at time.Time) (bool, error) {
	res, err := db.w.ExecContext(ctx, `UPDATE contributions SET first_response_at = $1, first_responder = $2
		WHERE repo = $3 AND number = $4 AND first_response_at = 0 AND login <> $2`, millis(at), login, repo, number)
	if err != nil {
		return false, fmt.Errorf("record first response: %w", err)
	}
	n, _ := res.RowsAffected()
	return n == 1, nil
}

// CloseContribution records a merge or a close.
func (db *DB) CloseContribution(ctx context.Context, repo string, number int, merged bool, at time.Time) error {
	q := `UPDATE contributions SET closed_at = $1 WHERE repo = $2 AND number = $3 AND closed_at = 0`
	if merged {
		q = `UPDATE contributions SET closed_at = $1, merged_at = $1 WHERE repo = $2 AND number = $3 AND merged_at = 0`
	}
	if _, err := db.w.ExecContext(ctx, q, millis(at), repo, number); err != nil {
		return fmt.Errorf("close contribution: %w", err)
	}
	return nil
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}
