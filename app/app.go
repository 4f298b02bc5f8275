// Package app is mentorbot's composition root: it builds the store, the
// GitHub client creator, the handlers, the durable intake and the HTTP
// routes from one Config, and runs them until told to stop.
package app

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"os"
	"sync"
	"sync/atomic"
	"time"

	"github.com/palantir/go-githubapp/githubapp"
	"github.com/prometheus/client_golang/prometheus"
	"github.com/rs/zerolog"

	"github.com/mentorbot/mentorbot/app/claims"
	"github.com/mentorbot/mentorbot/app/gatherings"
	"github.com/mentorbot/mentorbot/app/gh"
	"github.com/mentorbot/mentorbot/app/gh/transport"
	"github.com/mentorbot/mentorbot/app/mentoring"
	"github.com/mentorbot/mentorbot/app/queue"
	"github.com/mentorbot/mentorbot/app/replay"
	"github.com/mentorbot/mentorbot/app/store"
	"github.com/mentorbot/mentorbot/handlers"
)

// Timeouts and intervals of the service.
const (
	shutdownGrace     = 2 * time.Second // after the deadline: for cancelled handlers to return, the listener to close
	readHeaderTimeout = 10 * time.Second
	readTimeout       = 60 * time.Second
	writeTimeout      = 60 * time.Second
	pruneInterval     = time.Hour
	DefaultRetention  = 14 * 24 * time.Hour // finished deliveries are kept this long for deduplication
)

// App is one running mentorbot service.
type App struct {
	cfg      *Config
	logger   zerolog.Logger
	db       *store.DB
	registry *prometheus.Registry
	metrics  *serviceMetrics
	clients  githubapp.ClientCreator
	handlers []githubapp.EventHandler
	intake   *queue.Intake
	runner   *queue.Runner
	mux      *http.ServeMux
	base     *handlers.Base
	// The features, built once by buildServices.
	github     *gh.Installations
	program    *mentoring.Service
	claims     *claims.Service
	gatherings *gatherings.Service
	programs   hoursSource         // where the gatherings' programs come from (the job and the calendar)
	signin     *signIn             // nil unless dashboard.access is signin and configured
	backfill   *visibilityBackfill // once per process: visibility of repositories recorded before it was
	now        func() time.Time
	owner      string
	sweeper    replay.Sweeper // paces the delivery-log replay
	draining   atomic.Bool    // set on shutdown: new webhooks and /readyz get 503
	// handlerCtx is the parent of every handler's context; stopHandlers
	// cancels it at the shutdown deadline.
	handlerCtx   context.Context
	stopHandlers context.CancelFunc
}

// Option changes how New builds the service.
type Option func(*App)

// WithClock fixes the service's idea of now (`schedule run --now`).
func WithClock(now func() time.Time) Option { return func(a *App) { a.now = now } }

// New builds the service; nothing runs until Run.
func New(ctx context.Context, cfg *Config, logger zerolog.Logger, opts ...Option) (*App, error) {
	db, err := store.Open(ctx, cfg.Database.URL)
	if err != nil {
		return nil, fmt.Errorf("open store: %w", err)
	}
	a := &App{cfg: cfg, logger: logger, db: db, registry: prometheus.NewRegistry(), now: time.Now, owner: instanceName(),
		sweeper: replay.Sweeper{Interval: ReplayInterval, Window: ReplayWindow, StartWindow: ReplayStartWindow}}
	for _, o := range opts {
		o(a)
	}
	a.handlerCtx, a.stopHandlers = context.WithCancel(context.Background())
	db.SetClock(a.now)
	a.metrics = newServiceMetrics(a.registry, db)
	registerProgramMetrics(a.registry, db)
	a.clients, err = newClientCreator(cfg, a.registry)
	if err != nil {
		db.Close()
		return nil, fmt.Errorf("github clients: %w", err)
	}
	a.buildServices()
	if a.signin, err = newSignIn(cfg, db, a.now); err != nil {
		db.Close()
		return nil, err
	}
	if a.signin == nil && cfg.Dashboard.Access == AccessSignin && cfg.DashboardEnabled() {
		logger.Info().Msg("Dashboard: no one can sign in (dashboard.oauth_client_id, oauth_client_secret and session_key are not all set); it shows public repositories only")
	}
	var events []string
	for _, h := range a.handlers {
		events = append(events, h.Handles()...)
	}
	a.metrics.preset(events)
	a.runner = queue.NewRunner(db, stoppable(recordingVisibility(a.handlers, db), a.handlerCtx), queue.RunnerOptions{
		Owner:          a.owner,
		Workers:        cfg.Workers,
		MaxAttempts:    cfg.Queue.MaxAttempts,
		RetryBase:      cfg.Queue.RetryBase,
		Lease:          cfg.Queue.Lease,
		HandlerTimeout: cfg.Queue.HandlerTimeout,
		Observer:       a.metrics,
		Logger:         logger,
		RetryAt:        a.retryAt,
	})
	a.intake = queue.NewIntake(db, a.metrics, a.runner.Wake)
	a.mux = a.routes()
	return a, nil
}

// Handler is the service's HTTP surface.
func (a *App) Handler() http.Handler { return a.mux }

// Store is the service's store.
func (a *App) Store() *store.DB { return a.db }

// Run serves until ctx ends, then stops gracefully within
// server.shutdown_timeout (see drain) and leaves what did not finish
// queued. ready, if not nil, learns the address once the listener is open.
func (a *App) Run(ctx context.Context, ready func(addr string)) error {
	ln, err := net.Listen("tcp", a.cfg.Addr())
	if err != nil {
		a.Close()
		return fmt.Errorf("listen: %w", err)
	}
	srv := &http.Server{
		Handler:           a.mux,
		ReadHeaderTimeout: readHeaderTimeout,
		ReadTimeout:       readTimeout,
		WriteTimeout:      writeTimeout,
		BaseContext:       func(net.Listener) context.Context { return a.logger.WithContext(context.Background()) },
	}
	workCtx, stopWork := context.WithCancel(context.Background())
	var wg sync.WaitGroup
	wg.Add(3)
	go func() { defer wg.Done(); a.runner.Run(workCtx) }()
	go func() { defer wg.Done(); a.prune(workCtx) }()
	go func() { defer wg.Done(); a.scheduleLoop(workCtx) }()

	serveErr := make(chan error, 1)
	go func() { serveErr <- srv.Serve(ln) }()
	a.logger.Info().Str("address", ln.Addr().String()).Str("store", a.db.Dialect()).Int("workers", a.cfg.Workers).Msg("mentorbot is listening")
	if ready != nil {
		ready(ln.Addr().String())
	}

	select {
	case <-ctx.Done():
	case err = <-serveErr:
	}
	a.drain(stopWork, &wg)
	httpCtx, cancel := context.WithTimeout(context.Background(), shutdownGrace)
	defer cancel()
	if serr := srv.Shutdown(httpCtx); serr != nil && !errors.Is(serr, http.ErrServerClosed) {
		a.logger.Warn().Err(serr).Msg("HTTP server did not stop cleanly")
		srv.Close()
	}
	a.intake.Close()
	a.Close()
	a.logger.Info().Msg("Stopped")
	if errors.Is(err, http.ErrServerClosed) {
		return nil
	}
	return err
}

// drain stops taking work while the listener stays open: new webhooks and
// /readyz get 503, running handlers may finish until the shutdown
// deadline, then their contexts are cancelled. Whatever did not finish
// stays in the store for the next start.
func (a *App) drain(stopWork context.CancelFunc, work *sync.WaitGroup) {
	timeout := a.cfg.Server.ShutdownTimeout
	if timeout <= 0 {
		timeout = DefaultShutdownTimeout
	}
	a.draining.Store(true)
	a.logger.Info().Dur("timeout", timeout).Msg("Stopping: new webhooks get 503; running handlers may finish until the deadline")
	stopWork()
	drained := make(chan struct{})
	go func() { work.Wait(); close(drained) }()
	deadline := time.NewTimer(timeout)
	defer deadline.Stop()
	select {
	case <-drained:
	case <-deadline.C:
		a.logger.Warn().Msg("Shutdown deadline reached: cancelling running handlers; their deliveries stay queued")
		a.stopHandlers()
		select {
		case <-drained:
		case <-time.After(shutdownGrace):
			a.logger.Error().Msg("Handlers did not return after cancellation; their leases hold their deliveries for the next start")
		}
	}
	a.stopHandlers()
}

// retryAt tells the queue when a failed delivery may run again: at once
// (on the next start) when shutdown cut it short, at a rate limit's reset
// when GitHub said so.
func (a *App) retryAt(err error, now time.Time) (time.Time, bool) {
	if a.handlerCtx.Err() != nil {
		return now.Add(time.Millisecond), true // the queue wants a time after now
	}
	return transport.RateLimitedUntil(err, now)
}

// stoppable gives each handler a context that also ends at the shutdown
// deadline.
func stoppable(hs []githubapp.EventHandler, stop context.Context) []githubapp.EventHandler {
	out := make([]githubapp.EventHandler, len(hs))
	for i, h := range hs {
		out[i] = stoppableHandler{h, stop}
	}
	return out
}

type stoppableHandler struct {
	githubapp.EventHandler
	stop context.Context
}

func (h stoppableHandler) Handle(ctx context.Context, event, id string, payload []byte) error {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	defer context.AfterFunc(h.stop, cancel)()
	return h.EventHandler.Handle(ctx, event, id, payload)
}

// Close releases what New took; Run calls it on its way out.
func (a *App) Close() {
	a.intake.Close()
	if err := a.db.Close(); err != nil {
		a.logger.Warn().Err(err).Msg("Closing the store failed")
	}
}

// prune drops finished deliveries once they are too old to be redelivered.
func (a *App) prune(ctx context.Context) {
	retention := a.cfg.Queue.Retention
	if retention == 0 {
		retention = DefaultRetention
	}
	t := time.NewTicker(pruneInterval)
	defer t.Stop()
	for {
		if n, err := a.db.PruneDeliveries(ctx, time.Now().Add(-retention)); err != nil && ctx.Err() == nil {
			a.logger.Warn().Err(err).Msg("Pruning old deliveries failed")
		} else if n > 0 {
			a.logger.Debug().Int64("deliveries", n).Msg("Pruned old deliveries")
		}
		if n, err := a.db.PruneSessions(ctx); err != nil && ctx.Err() == nil {
			a.logger.Warn().Err(err).Msg("Pruning expired dashboard sessions failed")
		} else if n > 0 {
			a.logger.Debug().Int64("sessions", n).Msg("Pruned expired dashboard sessions")
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}

func instanceName() string {
	host, _ := os.Hostname()
	return fmt.Sprintf("%s-%d-%d", host, os.Getpid(), time.Now().UnixNano()%1e6)
}
