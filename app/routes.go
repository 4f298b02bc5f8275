package app

import (
	"errors"
	"fmt"
	"net/http"
	"strings"

	"github.com/palantir/go-githubapp/githubapp"
	"github.com/prometheus/client_golang/prometheus/promhttp"
	"github.com/rs/zerolog"

	"github.com/mentorbot/mentorbot/app/queue"
)

func (a *App) routes() *http.ServeMux {
	dispatcher := githubapp.NewEventDispatcher(a.handlers, a.cfg.Github.App.WebhookSecret,
		githubapp.WithScheduler(a.intake),
		githubapp.WithErrorCallback(a.webhookError),
		githubapp.WithResponseCallback(a.webhookResponse),
	)
	mux := http.NewServeMux()
	mux.Handle("POST "+githubapp.DefaultWebhookRoute, newWebhookGate(a.cfg.Github.App.WebhookSecret, dispatcher, &a.draining,
		func() { a.metrics.Received("unverified", "rejected") }))
	mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprintln(w, "ok")
	})
	mux.HandleFunc("GET /readyz", func(w http.ResponseWriter, r *http.Request) {
		if a.draining.Load() {
			unavailable(w, "shutting down")
			return
		}
		if err := a.db.CheckWritable(r.Context()); err != nil {
			zerolog.Ctx(r.Context()).Warn().Err(err).Msg("Store does not take writes; not ready")
			http.Error(w, "store unavailable", http.StatusServiceUnavailable)
			return
		}
		fmt.Fprintln(w, "ready")
	})
	mux.Handle("GET /metrics", requireBearer(a.cfg.Metrics.Token, promhttp.HandlerFor(a.registry, promhttp.HandlerOpts{Registry: a.registry})))
	mux.HandleFunc("GET /calendar/{file}", a.calendar)
	mux.HandleFunc("GET /{$}", a.index)
	if a.signin != nil {
		mux.HandleFunc("GET /login", a.signin.login)
		mux.HandleFunc("GET /login/callback", a.signin.callback)
		mux.HandleFunc("POST /logout", a.signin.logout)
	}
	return mux
}

func (a *App) webhookError(w http.ResponseWriter, r *http.Request, err error) {
	logger := zerolog.Ctx(r.Context())
	var tooLarge *http.MaxBytesError
	var invalid githubapp.ValidationError
	switch {
	case errors.As(err, &tooLarge):
		a.metrics.Received("unverified", "rejected")
		logger.Warn().Msg("Rejected webhook: body too large")
		http.Error(w, "payload too large", http.StatusRequestEntityTooLarge)
	case errors.As(err, &invalid):
		a.metrics.Received("unverified", "rejected")
		status := http.StatusBadRequest
		if r.Header.Get("X-GitHub-Event") != "" && isSignatureError(invalid.Cause) {
			status = http.StatusUnauthorized
		}
		logger.Warn().Err(invalid.Cause).Int("status", status).Msg("Rejected webhook")
		http.Error(w, "invalid webhook: "+invalid.Cause.Error(), status)
	case errors.Is(err, queue.ErrStopped):
		unavailable(w, "shutting down; GitHub will record this delivery as failed")
	default:
		logger.Error().Err(err).Msg("Could not store webhook; answering 503 so GitHub records the failure")
		http.Error(w, "store unavailable", http.StatusServiceUnavailable)
	}
}

func (a *App) webhookResponse(w http.ResponseWriter, r *http.Request, event string, handled bool) {
	if !handled {
		a.metrics.Received(event, "ignored")
		w.WriteHeader(http.StatusAccepted)
		return
	}
	w.WriteHeader(http.StatusOK)
}

// isSignatureError tells a failed HMAC check from other malformed requests.
func isSignatureError(err error) bool {
	msg := err.Error()
	return strings.Contains(msg, "signature")
}
