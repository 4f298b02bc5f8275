package store

import (
	"context"
	"fmt"
)

// NoticeUnpostable is a notice whose issue GitHub refused for good (Issues
// are off in the repository): it is kept, unposted, so the problem is
// logged on its back-off rather than every run, and no issue is asked
// for again until the problem is solved.
const NoticeUnpostable = "unpostable"

// MarkHoursNoticeUnpostable records that the notice's issue cannot be
// opened.
func (db *DB) MarkHoursNoticeUnpostable(ctx context.Context, key string) error {
	if _, err := db.w.ExecContext(ctx, `UPDATE hours_notices SET state = 'unpostable' WHERE key = $1`, key); err != nil {
		return fmt.Errorf("mark notice unpostable: %w", err)
	}
	return nil
}
