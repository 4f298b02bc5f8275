package main

import (
	"context"
	"fmt"
	"net"
	"net/http"
	"sync/atomic"
	"time"

	"github.com/palantir/go-githubapp/githubapp"
	"github.com/rs/zerolog"
)

// Defaults of the baseline: the queue and pool that go-githubapp-based
// apps (policy-bot, the library's examples) configure.
const (
	defaultBaselineQueue   = 100
	defaultBaselineWorkers = 10
)

// nopHandler handles one event by doing nothing (or, to stand for a real
// handler's GitHub calls, by waiting), and counts the calls.
type nopHandler struct {
	event string
	work  time.Duration
	calls atomic.Int64
}

func (h *nopHandler) Handles() []string { return []string{h.event} }

func (h *nopHandler) Handle(ctx context.Context, eventType, deliveryID string, payload []byte) error {
	if h.work > 0 {
		time.Sleep(h.work)
	}
	h.calls.Add(1)
	return nil
}

// baselineOptions describe the stock go-githubapp server to compare with.
type baselineOptions struct {
	event   string
	secret  string
	queue   int
	workers int
	work    time.Duration
	logger  zerolog.Logger
}

// baseline is a running stock go-githubapp webhook server: the event
// dispatcher with an in-memory QueueAsyncScheduler, whose default error
// callback answers 503 once the queue is full.
type baseline struct {
	url     string
	handler *nopHandler
	srv     *http.Server
	done    chan error
}

func startBaseline(addr string, o baselineOptions) (*baseline, error) {
	if _, err := checkLoopback("http://" + addr); err != nil {
		return nil, err
	}
	h := &nopHandler{event: o.event, work: o.work}
	dispatcher := githubapp.NewEventDispatcher([]githubapp.EventHandler{h}, o.secret,
		githubapp.WithScheduler(githubapp.QueueAsyncScheduler(o.queue, o.workers)))
	mux := http.NewServeMux()
	mux.Handle("POST "+githubapp.DefaultWebhookRoute, dispatcher)
	mux.HandleFunc("GET /readyz", func(w http.ResponseWriter, r *http.Request) { fmt.Fprintln(w, "ready") })
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return nil, fmt.Errorf("listen: %w", err)
	}
	srv := &http.Server{
		Handler:           mux,
		ReadHeaderTimeout: 10 * time.Second,
		BaseContext:       func(net.Listener) context.Context { return o.logger.WithContext(context.Background()) },
	}
	b := &baseline{url: "http://" + ln.Addr().String() + githubapp.DefaultWebhookRoute, handler: h, srv: srv, done: make(chan error, 1)}
	go func() { b.done <- srv.Serve(ln) }()
	return b, nil
}

func (b *baseline) stop() error {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := b.srv.Shutdown(ctx); err != nil {
		return fmt.Errorf("stop baseline: %w", err)
	}
	<-b.done
	return nil
}
