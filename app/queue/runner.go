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

	"github.com/mentorbot/mentorbot/app/gh/gherr"
	"github.com/mentorbot/mentorbot/app/store"
)

// Defaults for Runner.
const (
	DefaultMaxAttempts    = 8
	DefaultMaxStrikes     = 3
	DefaultRetryBase      = 10 * time.Second
	DefaultRetryMax       = time.Hour
	DefaultLease          = 5 * time.Minute
	DefaultPoll           = time.Second
	DefaultHandlerTimeout = 2 * time.Minute
	DefaultAbandonAfter   = 5 * time.Second
	DefaultDrain          = 15 * time.Second

	// A store that fails is asked again after a pause that starts here and
	// doubles, with jitter, up to storeBackoffMax.
	storeBackoffMin = 100 * time.Millisecond
	storeBackoffMax = 5 * time.Second
	// recordGrace is how long outcomes and hand-backs are retried after
	// the drain ends.
	recordGrace = 5 * time.Second
)

// RunnerOptions configure a Runner.
type RunnerOptions struct {
	Owner       string // this process's name, for leases
	Workers     int    // 0: intake only, nothing is handled here
	MaxAttempts int
	// MaxStrikes is how many leases may end without an outcome (the
	// process died) or in a timeout before the delivery is quarantined as a
	// dead letter.
	MaxStrikes int
	RetryBase  time.Duration // first retry waits about this long, doubling each time
	RetryMax   time.Duration
	Lease      time.Duration
	Poll       time.Duration
	// HandlerTimeout bounds each handler run; its context ends then.
	HandlerTimeout time.Duration
	// AbandonAfter is how long a handler that ignores its context's end is
	// waited for before its worker records a timeout and moves on.
	AbandonAfter time.Duration
	// Drain is how long running handlers may go on once Run's context
	// ends; their contexts end then.
	Drain    time.Duration
	Observer Observer
	Logger   zerolog.Logger
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
}

// NewRunner builds a Runner for the handlers, keyed by the events each handles.
func NewRunner(s Store, handlers []githubapp.EventHandler, opts RunnerOptions) *Runner {
	if opts.MaxAttempts <= 0 {
		opts.MaxAttempts = DefaultMaxAttempts
	}
	if opts.MaxStrikes <= 0 {
		opts.MaxStrikes = DefaultMaxStrikes
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
	if opts.HandlerTimeout <= 0 {
		opts.HandlerTimeout = DefaultHandlerTimeout
	}
	if opts.AbandonAfter <= 0 {
		opts.AbandonAfter = DefaultAbandonAfter
	}
	if opts.Drain <= 0 {
		opts.Drain = DefaultDrain
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
	return &Runner{store: s, handlers: m, opts: opts, kick: make(chan struct{}, 1)}
}

// Wake tells the runner that new deliveries are waiting.
func (r *Runner) Wake() {
	select {
	case r.kick <- struct{}{}:
	default:
	}
}

// run is the state of one Run.
type run struct {
	*Runner
	sched    *sched
	capacity int // deliveries leased at once: running, queued, or awaiting their record
	outcomes chan store.Outcome
	handleCtx,
	recordCtx context.Context // end Drain, and Drain plus recordGrace, after Run's context
}

// Run handles deliveries until ctx ends, then hands back the deliveries no
// worker started, lets the running handlers finish (for at most Drain),
// records their outcomes and returns.
func (r *Runner) Run(ctx context.Context) error {
	if r.opts.Workers <= 0 {
		<-ctx.Done()
		return nil
	}
	if r.store.ExclusiveQueue() && !r.resume(ctx) {
		return nil
	}
	handleCtx, stopHandlers := context.WithCancel(context.WithoutCancel(ctx))
	recordCtx, stopRecording := context.WithCancel(context.WithoutCancel(ctx))
	defer stopHandlers()
	defer stopRecording()
	stopDrain := context.AfterFunc(ctx, func() {
		time.AfterFunc(r.opts.Drain, stopHandlers)
		time.AfterFunc(r.opts.Drain+r.opts.AbandonAfter+recordGrace, stopRecording)
	})
	defer stopDrain()

	capacity := 2 * r.opts.Workers
	rn := &run{Runner: r, sched: newSched(), capacity: capacity, outcomes: make(chan store.Outcome, capacity),
		handleCtx: handleCtx, recordCtx: recordCtx}
	var workers sync.WaitGroup
	for range r.opts.Workers {
		workers.Add(1)
		go func() {
			defer workers.Done()
			rn.work()
		}()
	}
	recorded := make(chan struct{})
	go func() {
		defer close(recorded)
		rn.record()
	}()
	renewing, stopRenewing := make(chan struct{}), make(chan struct{})
	go func() {
		defer close(renewing)
		rn.renew(stopRenewing)
	}()

	rn.claim(ctx)
	rn.handBack(rn.sched.stop())
	workers.Wait()
	close(rn.outcomes)
	<-recorded
	close(stopRenewing)
	<-renewing
	return nil
}

// resume returns the deliveries a previous process left running (it
// died: each gets a strike), asking again while the store fails. It
// reports false when ctx ended first.
func (r *Runner) resume(ctx context.Context) bool {
	var b storeBackoff
	for {
		n, err := r.store.ReleaseLeases(ctx)
		if err == nil {
			if n > 0 {
				r.opts.Logger.Info().Int64("deliveries", n).Msg("Resumed deliveries left running by the previous process")
			}
			return true
		}
		wait := b.next()
		r.opts.Logger.Error().Err(err).Dur("retry_in", wait).Msg("Could not resume the queue; trying again")
		if !sleep(ctx, wait) {
			return false
		}
	}
}

// claim leases ready deliveries while there is room for them, until ctx
// ends. It never waits for a worker; a store error pauses it (backing off)
// rather than making it spin.
func (rn *run) claim(ctx context.Context) {
	tick := time.NewTicker(rn.opts.Poll)
	defer tick.Stop()
	var b storeBackoff
	for ctx.Err() == nil {
		if room := rn.sched.room(rn.capacity); room > 0 {
			batch, err := rn.store.ClaimDeliveries(ctx, rn.opts.Owner, room, rn.opts.Lease)
			if err != nil {
				if ctx.Err() != nil {
					return
				}
				wait := b.next()
				rn.opts.Logger.Error().Err(err).Dur("retry_in", wait).Msg("Could not lease deliveries; trying again")
				sleep(ctx, wait)
				continue
			}
			b.reset()
			rn.sched.add(batch)
			if len(batch) == room {
				continue // probably more waiting
			}
		}
		select {
		case <-ctx.Done():
		case <-rn.kick:
		case <-tick.C:
		}
	}
}

// work runs leased deliveries one after the other until the scheduler stops.
func (rn *run) work() {
	for {
		d, ok := rn.sched.next()
		if !ok {
			return
		}
		out := rn.handle(d)
		rn.sched.done(d)
		rn.outcomes <- out // never blocks: it holds one slot per leased delivery
	}
}

// handBack releases the leases of deliveries no worker started, so another
// process (or the next start) takes them at once, without counting a try.
func (rn *run) handBack(ids []string) {
	if len(ids) == 0 {
		return
	}
	var b storeBackoff
	for {
		err := rn.store.ReleaseDeliveries(rn.recordCtx, rn.opts.Owner, ids)
		if err == nil {
			rn.opts.Logger.Info().Int("deliveries", len(ids)).Msg("Handed back deliveries not started before shutdown")
			return
		}
		if rn.recordCtx.Err() != nil {
			rn.opts.Logger.Error().Err(err).Int("deliveries", len(ids)).Msg("Could not hand back deliveries; their leases will run out")
			return
		}
		wait := b.next()
		rn.opts.Logger.Warn().Err(err).Dur("retry_in", wait).Msg("Could not hand back deliveries; trying again")
		sleep(rn.recordCtx, wait)
	}
}

// record writes outcomes, many per transaction, asking again while the
// store fails, until the outcomes are written or the drain is over.
func (rn *run) record() {
	batch := make([]store.Outcome, 0, 64)
	for o := range rn.outcomes {
		batch = append(batch[:0], o)
	more:
		for len(batch) < cap(batch) {
			select {
			case o, ok := <-rn.outcomes:
				if !ok {
					break more
				}
				batch = append(batch, o)
			default:
				break more
			}
		}
		rn.finish(batch)
		rn.sched.recorded(batch)
		rn.Wake() // room for more
	}
}

func (rn *run) finish(batch []store.Outcome) {
	var b storeBackoff
	for {
		err := rn.store.FinishDeliveries(rn.recordCtx, batch)
		if err == nil {
			return
		}
		if rn.recordCtx.Err() != nil {
			// The leases run out and another pass handles these again;
			// handlers are idempotent, so that costs time, not correctness.
			rn.opts.Logger.Error().Err(err).Int("deliveries", len(batch)).Msg("Could not record delivery outcomes before stopping")
			return
		}
		wait := b.next()
		rn.opts.Logger.Warn().Err(err).Int("deliveries", len(batch)).Dur("retry_in", wait).Msg("Could not record delivery outcomes; trying again")
		sleep(rn.recordCtx, wait)
	}
}

// renew extends the leases this process holds, a third of a lease apart,
// so a delivery that runs or waits long is not leased again elsewhere.
func (rn *run) renew(stop <-chan struct{}) {
	t := time.NewTicker(rn.opts.Lease / 3)
	defer t.Stop()
	for {
		select {
		case <-stop:
			return
		case <-t.C:
		}
		ids := rn.sched.leased()
		n, err := rn.store.RenewLeases(rn.recordCtx, rn.opts.Owner, ids, rn.opts.Lease)
		switch {
		case err != nil:
			rn.opts.Logger.Warn().Err(err).Int("deliveries", len(ids)).Msg("Could not renew leases; trying again at the next renewal")
		case n < int64(len(ids)):
			// Finished meanwhile, or the lease ran out and another took it.
			rn.opts.Logger.Debug().Int("deliveries", len(ids)).Int64("renewed", n).Msg("Some leases were no longer held")
		}
	}
}

// Reasons a delivery becomes a dead letter, for logs.
const (
	reasonPanic       = "the handler panicked"
	reasonPermanent   = "the error is permanent: retrying cannot fix it"
	reasonAttempts    = "out of attempts"
	reasonTimeouts    = "quarantined: the handler overran its deadline too often"
	reasonLostLeases  = "quarantined: its leases kept ending without an outcome (the process died or the handler hung)"
	reasonUnsupported = "no handler for this event"
	reasonGitHub      = "GitHub refuses this request and would refuse it again"
)

// notFoundAttempts is how many tries a delivery gets when GitHub answers
// 404: a webhook can arrive a moment before every GitHub replica knows
// the object, so a 404 is believed from the third try on.
const notFoundAttempts = 3

// handle runs one delivery through its handler, under its deadline, and
// decides what happens next.
func (rn *run) handle(d store.Delivery) (out store.Outcome) {
	out = store.Outcome{ID: d.ID, Owner: rn.opts.Owner}
	logger := rn.opts.Logger.With().
		Str(githubapp.LogKeyEventType, d.Event).
		Str(githubapp.LogKeyDeliveryID, d.ID).
		Int64(githubapp.LogKeyInstallationID, d.Installation).
		Int("attempt", d.Attempts).
		Int("strikes", d.Strikes).Logger()

	h, ok := rn.handlers[d.Event]
	if !ok {
		logger.Warn().Str("reason", reasonUnsupported).Msg("No handler for stored delivery; dropping it")
		return out
	}
	if d.Strikes >= rn.opts.MaxStrikes {
		// Counted when leased, so a delivery that kills the process is
		// caught too: it is not run again.
		out.Err, out.Dead = fmt.Sprintf("%s (%d times)", reasonLostLeases, d.Strikes), true
		logger.Error().Str("reason", reasonLostLeases).Msg("Delivery quarantined without running; kept as a dead letter")
		rn.opts.Observer.Handled(d.Event, 0, errors.New(out.Err), false, true)
		return out
	}

	ctx, cancel := context.WithTimeout(rn.handleCtx, rn.opts.HandlerTimeout)
	defer cancel()
	ctx = logger.WithContext(ctx)
	start := time.Now()
	err := rn.runHandler(ctx, h, d)
	elapsed := time.Since(start)
	var panicked handlerPanic
	if errors.As(err, &panicked) {
		rn.opts.Observer.Panicked("handler")
	}
	if err == nil {
		rn.opts.Observer.Handled(d.Event, elapsed, nil, false, false)
		return out
	}

	out.Err = err.Error()
	stopping := rn.handleCtx.Err() != nil
	timedOut := !stopping && errors.Is(ctx.Err(), context.DeadlineExceeded)
	var perm permanent
	reason := ""
	switch {
	case errors.As(err, &panicked):
		reason = reasonPanic
	case errors.As(err, &perm):
		reason = reasonPermanent
	case permanentOnGitHub(err, d.Attempts):
		reason = reasonGitHub
		out.Err = fmt.Sprintf("%s (%s): %v", reasonGitHub, gherr.Classify(err), err)
	case stopping:
		// Not the delivery's fault: run it again soon.
		out.RetryAt = time.Now()
		logger.Info().Err(err).Msg("Delivery interrupted by shutdown; it will run again")
	case timedOut && d.Strikes+1 >= rn.opts.MaxStrikes:
		out.Strike, reason = true, reasonTimeouts
		out.Err = fmt.Sprintf("%s (%d times, %s each): %v", reasonTimeouts, d.Strikes+1, rn.opts.HandlerTimeout, err)
	case d.Attempts >= rn.opts.MaxAttempts:
		out.Strike, reason = timedOut, reasonAttempts
	default:
		out.Strike = timedOut
		out.RetryAt = time.Now().Add(rn.backoff(d.Attempts, err))
		logger.Warn().Err(err).Bool("timed_out", timedOut).Time("retry_at", out.RetryAt).Msg("Delivery failed; will retry")
	}
	if reason != "" {
		out.Dead = true
		logger.Error().Err(err).Str("reason", reason).Msg("Delivery failed for the last time; kept as a dead letter")
	}
	rn.opts.Observer.Handled(d.Event, elapsed, err, !out.Dead, out.Dead)
	return out
}

// runHandler runs the handler and waits for it until its context ends and
// then AbandonAfter more: a handler that ignores its context (a runaway
// loop) is left behind so that its worker can go on.
func (rn *run) runHandler(ctx context.Context, h githubapp.EventHandler, d store.Delivery) error {
	done := make(chan error, 1)
	go func() { done <- safeHandle(ctx, h, d) }()
	select {
	case err := <-done:
		return err
	case <-ctx.Done():
	}
	t := time.NewTimer(rn.opts.AbandonAfter)
	defer t.Stop()
	select {
	case err := <-done:
		return err
	case <-t.C:
		zerolog.Ctx(ctx).Error().Dur("waited", rn.opts.AbandonAfter).Msg("Handler ignored the end of its context; its worker moves on without it")
		return fmt.Errorf("handler did not return after its context ended: %w", context.Cause(ctx))
	}
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

// permanentOnGitHub reports whether GitHub gave an answer it gives again
// on every try (410, 422, a 403 that is not a rate limit, and a 404 from
// notFoundAttempts on): the delivery is a dead letter at once instead of
// being retried for hours. Features give the answers they expect their
// own outcome (package gherr); what reaches here is unexpected.
func permanentOnGitHub(err error, attempts int) bool {
	switch gherr.Classify(err) {
	case gherr.Gone, gherr.Invalid, gherr.Forbidden:
		return true
	case gherr.NotFound:
		return attempts >= notFoundAttempts
	}
	return false
}

// storeBackoff spaces out requests to a store that fails: the pause starts
// at storeBackoffMin and doubles up to storeBackoffMax, each drawn between
// half and all of its ceiling, so replicas do not retry in step.
type storeBackoff struct{ ceiling time.Duration }

func (b *storeBackoff) next() time.Duration {
	if b.ceiling == 0 {
		b.ceiling = storeBackoffMin
	} else {
		b.ceiling = min(2*b.ceiling, storeBackoffMax)
	}
	return b.ceiling/2 + rand.N(b.ceiling/2+1)
}

func (b *storeBackoff) reset() { b.ceiling = 0 }

// sleep waits for d or until ctx ends, and reports whether ctx is still live.
func sleep(ctx context.Context, d time.Duration) bool {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return false
	case <-t.C:
		return true
	}
}
