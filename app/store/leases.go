package store

import (
	"context"
	"fmt"
	"os"
	"sync/atomic"
	"time"
)

var leaseHolders atomic.Int64

// TakeLease takes the named lease for ttl under an owner of its own (this
// process and a sequence number), so that two runners in one process
// exclude each other too. It reports whether it is held; when it is, the
// caller must call release, which lets it go even after ctx ended.
func (db *DB) TakeLease(ctx context.Context, name string, ttl time.Duration) (release func(), held bool, err error) {
	owner := fmt.Sprintf("%d-%d", os.Getpid(), leaseHolders.Add(1))
	if held, err = db.AcquireLease(ctx, name, owner, ttl); err != nil || !held {
		return nil, held, err
	}
	return func() { db.ReleaseLease(context.WithoutCancel(ctx), name, owner) }, true, nil
}

// AcquireLease takes or renews the named lease for owner until ttl from
// now; it reports whether owner holds it. A lease whose holder stopped
// renewing it passes to the next asker once it expires.
func (db *DB) AcquireLease(ctx context.Context, name, owner string, ttl time.Duration) (bool, error) {
	now := db.now()
	res, err := db.w.ExecContext(ctx, `INSERT INTO leases (name, owner, expires_at) VALUES ($1, $2, $3)
		ON CONFLICT (name) DO UPDATE SET owner = excluded.owner, expires_at = excluded.expires_at
		WHERE leases.owner = excluded.owner OR leases.expires_at < $4`,
		name, owner, millis(now.Add(ttl)), millis(now))
	if err != nil {
		return false, fmt.Errorf("acquire lease %s: %w", name, err)
	}
	n, _ := res.RowsAffected()
	return n == 1, nil
}

// ReleaseLease gives the lease up if owner holds it.
func (db *DB) ReleaseLease(ctx context.Context, name, owner string) error {
	if _, err := db.w.ExecContext(ctx, `DELETE FROM leases WHERE name = $1 AND owner = $2`, name, owner); err != nil {
		return fmt.Errorf("release lease %s: %w", name, err)
	}
	return nil
}
