package transport

import (
	"context"
	"net/http"
	"strings"
	"testing"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/testutil"
)

func TestMetrics(t *testing.T) {
	reg := prometheus.NewPedanticRegistry()
	srv, _ := scriptServer(t,
		reply{status: 200, header: map[string]string{"X-RateLimit-Remaining": "4999", "X-RateLimit-Resource": "core"}},
		reply{status: 201, header: map[string]string{"X-RateLimit-Remaining": "4998", "X-RateLimit-Resource": "core"}},
		reply{status: 200, header: map[string]string{"X-RateLimit-Remaining": "4990", "X-RateLimit-Resource": "graphql"}},
		reply{status: 404, header: map[string]string{"X-RateLimit-Remaining": "4997", "X-RateLimit-Resource": "core"}},
		reply{status: 200, header: map[string]string{"X-RateLimit-Remaining": "12", "X-RateLimit-Resource": "core", "X-From-Cache": "1"}},
		reply{status: 200, header: map[string]string{"X-RateLimit-Remaining": "30"}},
	)
	client := &http.Client{Transport: Metrics(reg)(http.DefaultTransport)}
	// A second client made with the same registerer, as go-githubapp makes
	// one per installation, shares the collectors.
	other := &http.Client{Transport: Metrics(reg)(http.DefaultTransport)}
	ctx := context.Background()
	for _, c := range []struct {
		client       *http.Client
		method, path string
	}{
		{client, "GET", "/repos/o/r"},
		{client, "POST", "/repos/o/r/issues"},
		{other, "POST", "/graphql"},
		{other, "GET", "/repos/o/r/issues/404"},
		{client, "GET", "/repos/o/r/cached"},
		{client, "GET", "/meta"},
	} {
		if err := send(ctx, c.client, c.method, srv.URL+c.path, 1, ""); err != nil {
			t.Fatal(err)
		}
	}
	if err := send(ctx, client, "GET", refusedURL(t)+"/repos/o/r", 1, ""); err == nil {
		t.Fatal("request to a closed port succeeded")
	}

	want := `
# HELP mentorbot_github_requests_total GitHub API requests by method and status code ("error" when no answer came).
# TYPE mentorbot_github_requests_total counter
mentorbot_github_requests_total{method="GET",status="200"} 3
mentorbot_github_requests_total{method="GET",status="404"} 1
mentorbot_github_requests_total{method="GET",status="error"} 1
mentorbot_github_requests_total{method="POST",status="200"} 1
mentorbot_github_requests_total{method="POST",status="201"} 1
# HELP mentorbot_github_rate_limit_remaining Requests left in the current GitHub rate-limit window, by resource.
# TYPE mentorbot_github_rate_limit_remaining gauge
mentorbot_github_rate_limit_remaining{resource="core"} 4997
mentorbot_github_rate_limit_remaining{resource="graphql"} 4990
mentorbot_github_rate_limit_remaining{resource="unknown"} 30
# HELP mentorbot_github_cached_responses_total GitHub API answers served from the HTTP cache, revalidated or not.
# TYPE mentorbot_github_cached_responses_total counter
mentorbot_github_cached_responses_total 1
`
	if err := testutil.GatherAndCompare(reg, strings.NewReader(want),
		"mentorbot_github_requests_total", "mentorbot_github_rate_limit_remaining", "mentorbot_github_cached_responses_total"); err != nil {
		t.Error(err)
	}
	if n := histogramCount(t, reg, "mentorbot_github_request_duration_seconds"); n != 7 {
		t.Errorf("duration observations = %d, want 7", n)
	}
}

func histogramCount(t *testing.T, reg prometheus.Gatherer, name string) uint64 {
	t.Helper()
	families, err := reg.Gather()
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range families {
		if f.GetName() == name {
			return f.GetMetric()[0].GetHistogram().GetSampleCount()
		}
	}
	t.Fatalf("metric %s not gathered", name)
	return 0
}
