package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"
)

// ReplyBudget bounds the bot's replies to one person in one repository:
// at most Max within any Window.
type ReplyBudget struct {
	Max    int
	Window time.Duration
}

// SpendReply spends one reply of login's budget in repo on the comment
// named key, and reports whether the bot may reply. A key spent before
// (a redelivery, a retry) may always reply again: it costs nothing more.
// Spending is serialised per person and repository, so replicas sharing a
// PostgreSQL database never overspend together.
func (db *DB) SpendReply(ctx context.Context, key, repo, login string, b ReplyBudget) (bool, error) {
	login = strings.ToLower(login)
	now := db.now()
	ok := false
	err := db.tx(ctx, func(tx *sql.Tx) error {
		if err := db.dialect.lock(ctx, tx, lockReplyBudget, repo+":"+login); err != nil {
			return err
		}
		var one int
		switch err := tx.QueryRowContext(ctx, `SELECT 1 FROM reply_budget WHERE key = $1`, key).Scan(&one); {
		case err == nil:
			ok = true
			return nil
		case !errors.Is(err, sql.ErrNoRows):
			return err
		}
		since := millis(now.Add(-b.Window))
		if _, err := tx.ExecContext(ctx, `DELETE FROM reply_budget WHERE repo = $1 AND login = $2 AND replied_at <= $3`, repo, login, since); err != nil {
			return err
		}
		var spent int
		if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM reply_budget WHERE repo = $1 AND login = $2`, repo, login).Scan(&spent); err != nil {
			return err
		}
		if spent >= b.Max {
			return nil
		}
		ok = true
		_, err := tx.ExecContext(ctx, `INSERT INTO reply_budget (key, repo, login, replied_at) VALUES ($1, $2, $3, $4)`, key, repo, login, millis(now))
		return err
	})
	if err != nil {
		return false, fmt.Errorf("spend reply: %w", err)
	}
	return ok, nil
}
