package transport

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"strconv"
	"sync/atomic"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/testutil"
)

func TestBudgetDefersWaitableWorkBelowTheReserve(t *testing.T) {
	now := time.Date(2026, 12, 2, 10, 0, 0, 0, time.UTC)
	reset := now.Add(30 * time.Minute)
	var remaining atomic.Int64
	remaining.Store(4000)
	var hits atomic.Int64
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hits.Add(1)
		w.Header().Set("X-RateLimit-Limit", "5000")
		w.Header().Set("X-RateLimit-Remaining", strconv.FormatInt(remaining.Load(), 10))
		w.Header().Set("X-RateLimit-Reset", strconv.FormatInt(reset.Unix(), 10))
		w.Header().Set("X-RateLimit-Resource", "core")
	}))
	defer srv.Close()
	reg := prometheus.NewRegistry()
	b := NewBudget(reg, DefaultReserve, srv.URL+"/graphql")
	b.now = func() time.Time { return now }
	client := &http.Client{Transport: b.Middleware()(http.DefaultTransport)}
	get := func(ctx context.Context) error {
		req, _ := http.NewRequestWithContext(WithInstallation(ctx, 42), http.MethodGet, srv.URL+"/repos/o/r", nil)
		resp, err := client.Do(req)
		if err == nil {
			resp.Body.Close()
		}
		return err
	}
	waitable := Deferrable(context.Background())

	if err := get(waitable); err != nil { // plenty left
		t.Fatal(err)
	}
	remaining.Store(900) // 18%: below the 20% reserve
	if err := get(context.Background()); err != nil {
		t.Fatal(err)
	}
	before := hits.Load()
	err := get(waitable)
	var deferred *DeferredError
	if !errors.As(err, &deferred) || !deferred.Until.Equal(reset) {
		t.Fatalf("waitable work below the reserve: %v", err)
	}
	if hits.Load() != before {
		t.Fatal("a deferred request reached GitHub")
	}
	if until, ok := RateLimitedUntil(err, now); !ok || !until.Equal(reset) {
		t.Fatalf("RateLimitedUntil = %v, %v", until, ok)
	}
	if err := get(context.Background()); err != nil { // people still get answers
		t.Fatalf("urgent work below the reserve: %v", err)
	}
	if n := testutil.ToFloat64(b.deferred.WithLabelValues("core")); n != 1 {
		t.Fatalf("deferred counter %v", n)
	}

	now = reset.Add(time.Second) // the window reset: the deferred work runs
	if err := get(waitable); err != nil {
		t.Fatalf("after the reset: %v", err)
	}
	if got, err := testutil.GatherAndCount(reg, "mentorbot_github_budget_remaining"); err != nil || got != 1 {
		t.Fatalf("budget gauge series %d, %v", got, err)
	}
}
