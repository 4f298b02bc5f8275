package app

import (
	"context"
	"errors"
	"fmt"
	"runtime/debug"
	"time"

	"github.com/mentorbot/mentorbot/app/gh/transport"
)

// The in-process scheduler. The lease is short, so that the lease of a
// killed process runs out in seconds, and renewed while jobs run (see
// runLeased).
const (
	scheduleInterval = time.Minute
	scheduleLease    = "scheduler"
	scheduleLeaseTTL = 15 * time.Second
)

// Job is one kind of time-based work.
type Job struct {
	Name string
	Run  func(ctx context.Context) error
	// Deferrable work waits while an installation's rate limit is below
	// the reserve (transport.DefaultReserve) and runs after its reset.
	Deferrable bool
}

// Jobs are the scheduled jobs, in the order they run.
func (a *App) Jobs() []Job {
	return []Job{
		{Name: "pending GitHub effects of mentorship decisions", Run: a.program.ApplyDueEffects},
		{Name: "handovers from away mentors", Run: a.program.HandOverFromAway},
		{Name: "mentor follow-ups and waiting list", Run: a.program.FollowUps},
		{Name: "idle mentorships", Run: a.program.EndIdle, Deferrable: true},
		{Name: "claim reminders, expiry and offers", Run: a.claims.Sweep, Deferrable: true},
		{Name: "office hours announcements and recaps", Run: a.gatherings.Run, Deferrable: true},
		{Name: "delivery replay", Run: a.replayJob, Deferrable: true},
		{Name: "repository visibility backfill", Run: a.backfill.Run, Deferrable: true},
	}
}

// RunSchedule runs every job once at the service's now. Every job decides
// what is due from the store and marks what it did, so running it twice
// does nothing the second time.
func (a *App) RunSchedule(ctx context.Context) error {
	ctx = a.logger.WithContext(ctx)
	var errs []error
	for _, j := range a.Jobs() {
		start := time.Now()
		jobCtx := ctx
		if j.Deferrable {
			jobCtx = transport.Deferrable(ctx)
		}
		err := a.runJob(jobCtx, j)
		logger := a.logger.With().Str("job", j.Name).Dur("took", time.Since(start).Round(time.Millisecond)).Logger()
		if err != nil && onlyDeferred(err) {
			logger.Info().Err(err).Msg("Scheduled work deferred: the installation's rate limit is low; it runs after the reset")
			continue
		}
		if err != nil {
			logger.Error().Err(err).Msg("Scheduled job failed; the next run tries again")
			errs = append(errs, fmt.Errorf("%s: %w", j.Name, err))
			continue
		}
		logger.Debug().Msg("Scheduled job done")
	}
	return errors.Join(errs...)
}

// runJob runs one job and turns a panic into an error, logged with its
// stack and counted, so one bad item never takes the process down.
func (a *App) runJob(ctx context.Context, j Job) (err error) {
	defer func() {
		if p := recover(); p != nil {
			a.metrics.Panicked("job")
			a.logger.Error().Str("job", j.Name).Str("stack", string(debug.Stack())).Msgf("Scheduled job panicked: %v", p)
			err = fmt.Errorf("panic: %v", p)
		}
	}()
	return j.Run(ctx)
}

// scheduleLoop runs the jobs every interval on the one replica that holds
// the scheduler lease. Until its first run it tries again every lease TTL
// rather than every interval, so a lease left by a killed process delays
// the start-up replay by seconds.
func (a *App) scheduleLoop(ctx context.Context) {
	t := time.NewTicker(scheduleInterval)
	defer t.Stop()
	ran := false
	for {
		held, err := a.db.AcquireLease(ctx, scheduleLease, a.owner, scheduleLeaseTTL)
		switch {
		case err != nil && ctx.Err() == nil:
			a.logger.Warn().Err(err).Msg("Could not take the scheduler lease")
		case held:
			a.runLeased(ctx)
			ran = true
		}
		var soon <-chan time.Time
		if !ran {
			soon = time.After(scheduleLeaseTTL)
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		case <-soon:
		}
	}
}

// onlyDeferred tells whether every error in err's tree is a deferral.
func onlyDeferred(err error) bool {
	if _, ok := err.(*transport.DeferredError); ok {
		return true
	}
	switch u := err.(type) {
	case interface{ Unwrap() []error }:
		for _, e := range u.Unwrap() {
			if e != nil && !onlyDeferred(e) {
				return false
			}
		}
		return true
	case interface{ Unwrap() error }:
		if next := u.Unwrap(); next != nil {
			return onlyDeferred(next)
		}
	}
	return false
}
