package queue

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"runtime/debug"
	"sync"
	"time"

	"github.com/palantir/go-githubapp/githubapp"
	"github.com/rs/zerolog"

	"github.com/mentorbot/mentorbot/app/store"
)

// Defaults for Runner.
const (
	DefaultMaxAttempts = 8
	DefaultRetryBase   = 10 * time.Second
	DefaultRetryMax    = time.Hour
	DefaultLease       = 5 * time.Minute
	DefaultPoll        = time.Second
)

// RunnerOptions configure a Runner.
type RunnerOptions struct {
	Owner       string // this process's name, for leases
	Workers     int    // 0: intake only, nothing is handled here
	MaxAttempts int
	RetryBase   time.Duration // first retry waits about this long, doubling each time
	RetryMax    time.Duration
	Lease       time.Duration
	Poll        time.Duration
	Observer    Observer
	Logger      zerolog.Logger
	// RetryAt, when set, tells from a handler's error when trying again can
	// succeed (a rate limit's reset); the queue then waits until then.
	RetryAt func(err error, now time.Time) (time.Time, bool)
}

// Runner hands stored deliveries to the event handlers.
type Runner struct {
	store    Store
	handlers map[string]githubapp.EventHandler
	opts     RunnerOptions
	kick     chan struct{}
	results  chan store.Outcome
}

// NewRunner builds a Runner for the handlers, keyed by the events each handles.
func NewRunner(s Store, handlers []githubapp.EventHandler, opts RunnerOptions) *Runner {
	if opts.MaxAttempts <= 0 {
		opts.MaxAttempts = DefaultMaxAttempts
	}
	if opts.RetryBase <= 0 {
		opts.RetryBase = DefaultRetryBase
	}
	if opts.RetryMax <= 0 {
		opts.RetryMax = DefaultRetryMax
	}
	if opts.Lease <= 0 {
		opts.Lease = DefaultLease
	}
	if opts.Poll <= 0 {
		opts.Poll = DefaultPoll
	}
	if opts.Observer == nil {
		opts.Observer = nopObserver{}
	}
	m := make(map[string]githubapp.EventHandler)
	for i := len(handlers) - 1; i >= 0; i-- {
		for _, ev := range handlers[i].Handles() {
			m[ev] = handlers[i]
		}
	}
	return &Runner{store: s, handlers: m, opts: opts, kick: make(chan struct{}, 1), results: make(chan store.Outcome, 256)}
}

// Wake tells the runner that new deliveries are waiting.
func (r *Runner) Wake() {
	select {
	case r.kick <- struct{}{}:
	default:
	}
}

// Run handles deliveries until ctx ends, then lets the running handlers
// finish (their outcomes are recorded) and returns. Deliveries not yet
// started stay in the store for the next start.
func (r *Runner) Run(ctx context.Context) error {
	if r.opts.Workers <= 0 {
		<-ctx.Done()
		return nil
	}
	if r.store.ExclusiveQueue() {
		if n, err := r.store.ReleaseLeases(ctx); err != nil {
			return fmt.Errorf("resume queue: %w", err)
		} else if n > 0 {
			r.opts.Logger.Info().Int64("deliveries", n).Msg("Resumed deliveries left running by the previous process")
		}
	}
	// One channel per worker: deliveries about the same pull request or
	// issue always go to the same worker, so they are handled in the order
	// they arrived (an "opened" before its "closed").
	work := make([]chan store.Delivery, r.opts.Workers)
	var workers sync.WaitGroup
	for i := range work {
		work[i] = make(chan store.Delivery)
		workers.Add(1)
		go func() {
			defer workers.Done()
			for d := range work[i] {
				r.results <- r.handle(d)
			}
		}()
	}
	finished := make(chan struct{})
	go func() {
		r.record()
		close(finished)
	}()

	r.claimLoop(ctx, work)
	for _, w := range work {
		close(w)
	}
	workers.Wait()
	close(r.results)
	<-finished
	return nil
}

// claimLoop leases batches of ready deliveries and feeds the workers.
func (r *Runner) claimLoop(ctx context.Context, work []chan store.Delivery) {
	tick := time.NewTicker(r.opts.Poll)
	defer tick.Stop()
	for {
		batch, err := r.store.ClaimDeliveries(ctx, r.opts.Owner, r.opts.Workers, r.opts.Lease)
		if err != nil && ctx.Err() == nil {
			r.opts.Logger.Error().Err(err).Msg("Could not lease deliveries; trying again")
		}
		for i, d := range batch {
			select {
			case work[route(d, len(work))] <- d:
			case <-ctx.Done():
				// Not started: give the rest back for the next start.
				r.giveBack(batch[i:])
				return
			}
		}
		if len(batch) == r.opts.Workers {
			continue // probably more waiting
		}
		select {
		case <-ctx.Done():
			return
		case <-r.kick:
		case <-tick.C:
		}
	}
}

func (r *Runner) giveBack(ds []store.Delivery) {
	for _, d := range ds {
		r.results <- store.Outcome{ID: d.ID, Owner: r.opts.Owner, Err: "not started before shutdown", RetryAt: time.Now()}
	}
}

// record writes outcomes, many per transaction.
func (r *Runner) record() {
	batch := make([]store.Outcome, 0, 64)
	for o := range r.results {
		batch = append(batch[:0], o)
	more:
		for len(batch) < cap(batch) {
			select {
			case o, ok := <-r.results:
				if !ok {
					break more
				}
				batch = append(batch, o)
			default:
				break more
			}
		}
		r.finish(batch)
	}
}

func (r *Runner) finish(batch []store.Outcome) {
	for attempt := 0; ; attempt++ {
		err := r.store.FinishDeliveries(context.Background(), batch)
		if err == nil {
			return
		}
		if attempt == 5 {
			// The leases run out and another pass handles these again;
			// handlers are idempotent, so that costs time, not correctness.
			r.opts.Logger.Error().Err(err).Int("deliveries", len(batch)).Msg("Could not record delivery outcomes")
			return
		}
		time.Sleep(time.Duration(attempt+1) * 200 * time.Millisecond)
	}
}

// handle runs one delivery through its handler and decides what happens next.
func (r *Runner) handle(d store.Delivery) (out store.Outcome) {
	out = store.Outcome{ID: d.ID, Owner: r.opts.Owner}
	logger := r.opts.Logger.With().
		Str(githubapp.LogKeyEventType, d.Event).
		Str(githubapp.LogKeyDeliveryID, d.ID).
		Int("attempt", d.Attempts).Logger()
	ctx := logger.WithContext(context.Background())

	h, ok := r.handlers[d.Event]
	if !ok {
		logger.Warn().Msg("No handler for stored delivery; dropping it")
		return out
	}
	start := time.Now()
	err := safeHandle(ctx, h, d)
	var panicked handlerPanic
	if errors.As(err, &panicked) {
		r.opts.Observer.Panicked("handler")
	}
	elapsed := time.Since(start)
	if err == nil {
		r.opts.Observer.Handled(d.Event, elapsed, nil, false, false)
		return out
	}

	out.Err = err.Error()
	var perm permanent
	switch {
	case errors.As(err, &perm) || errors.As(err, &panicked) || d.Attempts >= r.opts.MaxAttempts:
		out.Dead = true
		logger.Error().Err(err).Msg("Delivery failed for the last time; kept as a dead letter")
	default:
		out.RetryAt = time.Now().Add(r.backoff(d.Attempts, err))
		logger.Warn().Err(err).Time("retry_at", out.RetryAt).Msg("Delivery failed; will retry")
	}
	r.opts.Observer.Handled(d.Event, elapsed, err, !out.Dead, out.Dead)
	return out
}

func safeHandle(ctx context.Context, h githubapp.EventHandler, d store.Delivery) (err error) {
	defer func() {
		if p := recover(); p != nil {
			err = handlerPanic{fmt.Errorf("handler panicked: %v\n%s", p, debug.Stack())}
		}
	}()
	return h.Handle(ctx, d.Event, d.ID, d.Payload)
}

// backoff is exponential with full jitter; an error that knows when to try
// again (a rate limit) decides instead.
func (r *Runner) backoff(attempt int, err error) time.Duration {
	if r.opts.RetryAt != nil {
		if at, ok := r.opts.RetryAt(err, time.Now()); ok {
			if wait := time.Until(at); wait > 0 {
				return wait
			}
		}
	}
	ceiling := r.opts.RetryBase << min(attempt-1, 20)
	if ceiling > r.opts.RetryMax || ceiling <= 0 {
		ceiling = r.opts.RetryMax
	}
	return ceiling/2 + rand.N(ceiling/2+1)
}

// handlerPanic is a recovered panic: the same payload would panic again,
// so the delivery becomes a dead letter at once (`deliveries retry` runs it
// again once the bug is fixed).
type handlerPanic struct{ error }

type permanent struct{ error }

func (p permanent) Unwrap() error { return p.error }

// Permanent marks an error that retrying cannot fix (a payload that does not
// decode, say): the delivery becomes a dead letter at once.
func Permanent(err error) error {
	if err == nil {
		return nil
	}
	return permanent{err}
}
