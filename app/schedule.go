package app

import (
	"context"
	"errors"
	"fmt"
	"runtime/debug"
	"time"
)

// The in-process scheduler.
const (
	scheduleInterval = time.Minute
	scheduleLease    = "scheduler"
	scheduleLeaseTTL = 3 * scheduleInterval
)

// Job is one kind of time-based work.
type Job struct {
	Name string
	Run  func(ctx context.Context) error
}

// Jobs are the scheduled jobs, in the order they run.
func (a *App) Jobs() []Job {
	return []Job{
		{Name: "handovers from away mentors", Run: a.program.HandOverFromAway},
		{Name: "mentor follow-ups and waiting list", Run: a.program.FollowUps},
		{Name: "claim reminders, expiry and offers", Run: a.claims.Sweep},
		{Name: "office hours announcements and recaps", Run: a.gatherings.Run},
		{Name: "delivery replay", Run: a.replayJob},
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
		err := a.runJob(ctx, j)
		logger := a.logger.With().Str("job", j.Name).Dur("took", time.Since(start).Round(time.Millisecond)).Logger()
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
// the scheduler lease.
func (a *App) scheduleLoop(ctx context.Context) {
	t := time.NewTicker(scheduleInterval)
	defer t.Stop()
	defer a.db.ReleaseLease(context.Background(), scheduleLease, a.owner)
	for {
		held, err := a.db.AcquireLease(ctx, scheduleLease, a.owner, scheduleLeaseTTL)
		switch {
		case err != nil && ctx.Err() == nil:
			a.logger.Warn().Err(err).Msg("Could not take the scheduler lease")
		case held:
			a.RunSchedule(ctx)
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}
