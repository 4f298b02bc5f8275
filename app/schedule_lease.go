package app

import (
	"context"
	"time"

	"github.com/rs/zerolog"
)

// leaseStore is the part of the store a lease holder uses.
type leaseStore interface {
	AcquireLease(ctx context.Context, name, owner string, ttl time.Duration) (bool, error)
	ReleaseLease(ctx context.Context, name, owner string) error
}

// releaseTimeout bounds the release of a lease at the end of a run.
const releaseTimeout = 5 * time.Second

// runLeased runs the scheduled jobs while keeping the scheduler lease,
// then releases it, so that the next run may happen on any replica and a
// process that dies mid-run blocks the others for one TTL at most.
func (a *App) runLeased(ctx context.Context) {
	runCtx, stop := holdLease(ctx, a.db, scheduleLease, a.owner, scheduleLeaseTTL, a.logger)
	defer stop()
	a.RunSchedule(runCtx)
}

// holdLease keeps a lease the caller has just taken: it renews it every
// ttl/3 until stop is called, and then releases it. The returned context
// is cancelled if the lease is lost (another owner took it after a renewal
// failed for a whole TTL), so the work stops rather than runs twice.
func holdLease(ctx context.Context, db leaseStore, name, owner string, ttl time.Duration, logger zerolog.Logger) (context.Context, func()) {
	ctx, cancel := context.WithCancel(ctx)
	done := make(chan struct{})
	go func() {
		defer close(done)
		t := time.NewTicker(ttl / 3)
		defer t.Stop()
		for {
			select {
			case <-ctx.Done():
				return
			case <-t.C:
			}
			held, err := db.AcquireLease(ctx, name, owner, ttl)
			switch {
			case err != nil && ctx.Err() == nil:
				logger.Warn().Err(err).Str("lease", name).Msg("Could not renew the lease; trying again")
			case err == nil && !held:
				logger.Warn().Str("lease", name).Msg("Lost the lease to another owner; stopping this run")
				cancel()
				return
			}
		}
	}()
	return ctx, func() {
		cancel()
		<-done
		rctx, rcancel := context.WithTimeout(context.Background(), releaseTimeout)
		defer rcancel()
		if err := db.ReleaseLease(rctx, name, owner); err != nil {
			logger.Warn().Err(err).Str("lease", name).Msg("Could not release the lease; it runs out on its own")
		}
	}
}
