package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
)

// Bot comment states.
const (
	CommentPosting = "posting" // a POST was sent; whether it landed is unknown
	CommentPosted  = "posted"
)

// BotComment is a comment the bot posted under a stable key.
type BotComment struct {
	Key       string
	Repo      string
	Number    int
	CommentID int64
	State     string
}

// GetBotComment returns the comment posted under key, or ErrNotFound.
func (db *DB) GetBotComment(ctx context.Context, key string) (BotComment, error) {
	c := BotComment{Key: key}
	err := db.w.QueryRowContext(ctx, `SELECT repo, number, comment_id, state FROM bot_comments WHERE key = $1`, key).
		Scan(&c.Repo, &c.Number, &c.CommentID, &c.State)
	if errors.Is(err, sql.ErrNoRows) {
		return c, fmt.Errorf("bot comment %s: %w", key, ErrNotFound)
	}
	if err != nil {
		return c, fmt.Errorf("get bot comment: %w", err)
	}
	return c, nil
}

// BeginBotComment records that a comment is about to be posted, so a retry
// after a crash knows to look for it before posting again.
func (db *DB) BeginBotComment(ctx context.Context, key, repo string, number int) error {
	_, err := db.w.ExecContext(ctx, `INSERT INTO bot_comments (key, repo, number, state, updated_at) VALUES ($1, $2, $3, 'posting', $4)
		ON CONFLICT (key) DO NOTHING`, key, repo, number, millis(db.now()))
	if err != nil {
		return fmt.Errorf("begin bot comment: %w", err)
	}
	return nil
}

// SaveBotComment records the posted comment's ID.
func (db *DB) SaveBotComment(ctx context.Context, key, repo string, number int, id int64) error {
	_, err := db.w.ExecContext(ctx, `INSERT INTO bot_comments (key, repo, number, comment_id, state, updated_at) VALUES ($1, $2, $3, $4, 'posted', $5)
		ON CONFLICT (key) DO UPDATE SET comment_id = excluded.comment_id, state = 'posted', updated_at = excluded.updated_at`,
		key, repo, number, id, millis(db.now()))
	if err != nil {
		return fmt.Errorf("save bot comment: %w", err)
	}
	return nil
}
