package transport

import (
	"context"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus"
)

// stillClock never waits, so benchmarks measure the middleware alone.
type stillClock struct{}

func (stillClock) Now() time.Time                                   { return epoch }
func (stillClock) Sleep(ctx context.Context, _ time.Duration) error { return ctx.Err() }

// okTransport answers every request at once, without a network.
var okTransport = roundTripperFunc(func(r *http.Request) (*http.Response, error) {
	if r.Body != nil {
		_, _ = io.Copy(io.Discard, r.Body)
		_ = r.Body.Close()
	}
	h := http.Header{"X-Ratelimit-Remaining": {"4999"}, "X-Ratelimit-Resource": {"core"}}
	return &http.Response{StatusCode: 200, Header: h, Body: http.NoBody, Request: r}, nil
})

func benchmarkStack(b *testing.B, method, path, body string) {
	stack := Stack(prometheus.NewRegistry(), RetryOptions{Clock: stillClock{}}, ThrottleOptions{Clock: stillClock{}})
	var t http.RoundTripper = okTransport
	for i := len(stack) - 1; i >= 0; i-- {
		t = stack[i](t)
	}
	ctx := context.Background()
	b.ReportAllocs()
	for b.Loop() {
		req, _ := http.NewRequestWithContext(ctx, method, "https://ghe.example.com/api"+path, strings.NewReader(body))
		req.Header.Set("User-Agent", "mentorbot/1.0 (installation: 42)")
		resp, err := t.RoundTrip(req)
		if err != nil {
			b.Fatal(err)
		}
		resp.Body.Close()
	}
}

func BenchmarkStackRESTGet(b *testing.B) { benchmarkStack(b, "GET", "/v3/repos/o/r/issues/1", "") }

func BenchmarkStackRESTPost(b *testing.B) {
	benchmarkStack(b, "POST", "/v3/repos/o/r/issues/1/comments", `{"body":"Welcome!"}`)
}

func BenchmarkStackGraphQLQuery(b *testing.B) {
	benchmarkStack(b, "POST", "/graphql", `{"query":"query($owner:String!,$name:String!){repository(owner:$owner,name:$name){issue(number:1){title author{login}}}}","variables":{"owner":"o","name":"r"}}`)
}
