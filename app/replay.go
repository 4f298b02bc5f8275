package app

import (
	"context"
	"fmt"
	"time"

	"github.com/rs/zerolog"

	"github.com/mentorbot/mentorbot/app/replay"
)

// The periodic delivery replay: the scheduler lease holder sweeps GitHub's
// delivery log every ReplayInterval, the first time back ReplayStartWindow
// (GitHub keeps three days), later back to ReplayWindow before the last
// sweep that succeeded.
const (
	ReplayInterval    = 10 * time.Minute
	ReplayWindow      = time.Hour
	ReplayStartWindow = 72 * time.Hour
)

// ReplayDeliveries reads GitHub's log of the app's webhook deliveries back
// to since and queues every delivery of an event the app handles that the
// store has never seen, whether GitHub saw it fail or not; the workers then
// handle them like any other delivery.
func (a *App) ReplayDeliveries(ctx context.Context, since time.Time) (replay.Result, error) {
	if retention := a.retention(); a.now().Sub(since) > retention {
		return replay.Result{}, fmt.Errorf("replay since %s: the store forgets handled deliveries after %s (queue.retention), so older ones would be handled twice",
			since.UTC().Format(time.RFC3339), retention)
	}
	client, err := a.clients.NewAppClient()
	if err != nil {
		return replay.Result{}, fmt.Errorf("github app client: %w", err)
	}
	res, err := replay.Sweep(ctx, client.Apps, a.db, since, a.handledEvents())
	if res.Enqueued > 0 {
		a.runner.Wake()
	}
	return res, err
}

// retention is how long the store remembers handled deliveries.
func (a *App) retention() time.Duration {
	if a.cfg.Queue.Retention > 0 {
		return a.cfg.Queue.Retention
	}
	return DefaultRetention
}

// handledEvents are the events the webhook intake stores.
func (a *App) handledEvents() map[string]bool {
	events := map[string]bool{}
	for _, h := range a.handlers {
		for _, e := range h.Handles() {
			events[e] = true
		}
	}
	return events
}

// replayJob is the scheduled sweep; it does nothing until one is due.
func (a *App) replayJob(ctx context.Context) error {
	now := a.now()
	_, err := a.sweeper.Run(ctx, now, func(ctx context.Context, since time.Time) error {
		// A short queue.retention bounds the window too (with a minute to
		// spare for the time the sweep takes to start).
		if earliest := now.Add(-a.retention() + time.Minute); since.Before(earliest) {
			since = earliest
		}
		res, err := a.ReplayDeliveries(ctx, since)
		ev := zerolog.Ctx(ctx).Debug()
		msg := "Swept GitHub's delivery log"
		if res.Enqueued > 0 {
			ev, msg = zerolog.Ctx(ctx).Info(), "Queued deliveries that GitHub recorded but the service never stored"
		}
		ev.Time("since", since).Int("found", res.Found).Int("known", res.Known).
			Int("enqueued", res.Enqueued).Int("failed", res.Failed).Msg(msg)
		return err
	})
	return err
}
