package store

import (
	"context"
	"fmt"
)

// ForgetBotComment drops the record of the comment kept under key: a
// person deleted it, so the next write posts a new one (or none).
func (db *DB) ForgetBotComment(ctx context.Context, key string) error {
	if _, err := db.w.ExecContext(ctx, `DELETE FROM bot_comments WHERE key = $1`, key); err != nil {
		return fmt.Errorf("forget bot comment: %w", err)
	}
	return nil
}
