package transport

import (
	"bufio"
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"slices"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/bradleyfalzon/ghinstallation/v2"
)

func noJitter(d time.Duration) time.Duration { return d }

func retryClient(opts RetryOptions, base http.RoundTripper) *http.Client {
	if base == nil {
		base = http.DefaultTransport
	}
	return &http.Client{Transport: Retry(opts)(base)}
}

func newRequest(t *testing.T, ctx context.Context, method, url, body string) *http.Request {
	t.Helper()
	var r io.Reader
	if body != "" {
		r = strings.NewReader(body)
	}
	req, err := http.NewRequestWithContext(ctx, method, url, r)
	if err != nil {
		t.Fatal(err)
	}
	return req
}

func TestRetryServerErrors(t *testing.T) {
	const ms = time.Millisecond
	tests := []struct {
		name       string
		method     string
		path       string
		body       string
		statuses   []int
		wantStatus int
		wantSleeps []time.Duration
	}{
		{"get succeeds after two server errors", "GET", "/repos/o/r", "", []int{500, 502, 200}, 200, []time.Duration{200 * ms, 400 * ms}},
		{"get gives up after four attempts", "GET", "/repos/o/r", "", []int{503}, 503, []time.Duration{200 * ms, 400 * ms, 800 * ms}},
		{"get is not retried on 404", "GET", "/repos/o/r", "", []int{404, 200}, 404, nil},
		// GitHub may apply a write and still answer 5xx: the caller's queue retries it, through the marker lookup.
		{"post is not retried on 502", "POST", "/repos/o/r/issues/1/comments", `{"body":"hi"}`, []int{502, 201}, 502, nil},
		{"patch is not retried on 503", "PATCH", "/repos/o/r/issues/1", `{"state":"closed"}`, []int{503, 200}, 503, nil},
		{"put is not retried on 504", "PUT", "/repos/o/r/issues/1/labels", `{"labels":["x"]}`, []int{504, 200}, 504, nil},
		{"delete is not retried on 502", "DELETE", "/repos/o/r/issues/1/labels/x", "", []int{502, 200}, 502, nil},
		{"post is not retried on 500", "POST", "/repos/o/r/issues/1/comments", `{"body":"hi"}`, []int{500, 201}, 500, nil},
		{"post is not retried on 422", "POST", "/repos/o/r/issues/1/comments", `{}`, []int{422, 201}, 422, nil},
		{"graphql query is retried on 500", "POST", "/api/graphql", `{"query":"query{viewer{login}}"}`, []int{500, 200}, 200, []time.Duration{200 * ms}},
		{"graphql query is retried on 502", "POST", "/api/graphql", `{"query":"{viewer{login}}"}`, []int{502, 200}, 200, []time.Duration{200 * ms}},
		{"graphql mutation is not retried on 500", "POST", "/api/graphql", `{"query":"mutation{addComment(input:{}){clientMutationId}}"}`, []int{500, 200}, 500, nil},
		{"graphql mutation is not retried on 502", "POST", "/api/graphql", `{"query":"  # a comment\n mutation M{createDiscussion(input:{}){discussion{id}}}"}`, []int{502, 200}, 502, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			replies := make([]reply, len(tt.statuses))
			for i, s := range tt.statuses {
				replies[i] = reply{status: s, body: "answer " + strconv.Itoa(i+1)}
			}
			srv, rec := scriptServer(t, replies...)
			clock := newFakeClock()
			client := retryClient(RetryOptions{Clock: clock, Jitter: noJitter}, nil)

			resp, err := client.Do(newRequest(t, context.Background(), tt.method, srv.URL+tt.path, tt.body))
			if err != nil {
				t.Fatalf("Do() error = %v", err)
			}
			got, _ := io.ReadAll(resp.Body)
			resp.Body.Close()

			attempts := rec.requests()
			if resp.StatusCode != tt.wantStatus {
				t.Errorf("status = %d, want %d", resp.StatusCode, tt.wantStatus)
			}
			if want := "answer " + strconv.Itoa(min(len(attempts), len(replies))); string(got) != want {
				t.Errorf("body = %q, want the last answer %q", got, want)
			}
			if len(attempts) != len(tt.wantSleeps)+1 {
				t.Errorf("attempts = %d, want %d", len(attempts), len(tt.wantSleeps)+1)
			}
			for i, a := range attempts {
				if a.method != tt.method || a.body != tt.body {
					t.Errorf("attempt %d = %s %q, want %s %q", i+1, a.method, a.body, tt.method, tt.body)
				}
			}
			if !slices.Equal(clock.Sleeps(), tt.wantSleeps) {
				t.Errorf("sleeps = %v, want %v", clock.Sleeps(), tt.wantSleeps)
			}
		})
	}
}

func TestRetryRateLimits(t *testing.T) {
	reset := func(d time.Duration) string { return strconv.FormatInt(epoch.Add(d).Unix(), 10) }
	ok := reply{status: 200, body: "done"}
	tests := []struct {
		name       string
		method     string
		replies    []reply
		wantStatus int             // when the request succeeds
		wantErr    *RateLimitError // when it fails
		wantSleeps []time.Duration
		wantTries  int
	}{
		{
			name:       "secondary limit with Retry-After is waited out",
			replies:    []reply{{status: 403, header: map[string]string{"Retry-After": "30"}}, ok},
			wantStatus: 200, wantSleeps: []time.Duration{30 * time.Second}, wantTries: 2,
		},
		{
			name:       "429 with Retry-After is waited out",
			method:     "POST",
			replies:    []reply{{status: 429, header: map[string]string{"Retry-After": "5"}}, ok},
			wantStatus: 200, wantSleeps: []time.Duration{5 * time.Second}, wantTries: 2,
		},
		{
			name:       "Retry-After as an HTTP date",
			replies:    []reply{{status: 403, header: map[string]string{"Retry-After": epoch.Add(20 * time.Second).Format(http.TimeFormat)}}, ok},
			wantStatus: 200, wantSleeps: []time.Duration{20 * time.Second}, wantTries: 2,
		},
		{
			name:       "Retry-After of exactly MaxWait is waited out",
			replies:    []reply{{status: 403, header: map[string]string{"Retry-After": "60"}}, ok},
			wantStatus: 200, wantSleeps: []time.Duration{time.Minute}, wantTries: 2,
		},
		{
			name:       "primary limit waits until the reset",
			replies:    []reply{{status: 403, header: map[string]string{"X-RateLimit-Remaining": "0", "X-RateLimit-Reset": reset(45 * time.Second)}}, ok},
			wantStatus: 200, wantSleeps: []time.Duration{45 * time.Second}, wantTries: 2,
		},
		{
			name:       "a reset in the past retries at once",
			replies:    []reply{{status: 429, header: map[string]string{"X-RateLimit-Remaining": "0", "X-RateLimit-Reset": reset(-time.Second)}}, ok},
			wantStatus: 200, wantSleeps: []time.Duration{0}, wantTries: 2,
		},
		{
			name:       "secondary limit named only in the message waits a minute",
			method:     "POST",
			replies:    []reply{{status: 403, body: `{"message":"You have exceeded a secondary rate limit. Please wait a few minutes before you try again."}`}, ok},
			wantStatus: 200, wantSleeps: []time.Duration{time.Minute}, wantTries: 2,
		},
		{
			name:       "graphql RATE_LIMITED answer waits until the reset",
			method:     "POST",
			replies:    []reply{{status: 200, header: map[string]string{"X-RateLimit-Remaining": "0", "X-RateLimit-Reset": reset(10 * time.Second)}, body: `{"errors":[{"type":"RATE_LIMITED","message":"API rate limit exceeded"}]}`}, ok},
			wantStatus: 200, wantSleeps: []time.Duration{10 * time.Second}, wantTries: 2,
		},
		{
			name:       "last request of the quota is not a rate limit",
			replies:    []reply{{status: 200, header: map[string]string{"X-RateLimit-Remaining": "0", "X-RateLimit-Reset": reset(10 * time.Second)}, body: `{"errors":[{"type":"NOT_FOUND"}]}`}},
			wantStatus: 200, wantTries: 1,
		},
		{
			name:       "a 403 that is no rate limit is returned",
			replies:    []reply{{status: 403, body: `{"message":"Resource not accessible by integration"}`}, ok},
			wantStatus: 403, wantTries: 1,
		},
		{
			name:      "Retry-After beyond MaxWait returns a secondary RateLimitError",
			replies:   []reply{{status: 403, header: map[string]string{"Retry-After": "61"}}, ok},
			wantErr:   &RateLimitError{Until: epoch.Add(61 * time.Second), Secondary: true},
			wantTries: 1,
		},
		{
			name:      "a reset beyond MaxWait returns a primary RateLimitError",
			replies:   []reply{{status: 403, header: map[string]string{"X-RateLimit-Remaining": "0", "X-RateLimit-Reset": reset(time.Hour)}}, ok},
			wantErr:   &RateLimitError{Until: epoch.Add(time.Hour)},
			wantTries: 1,
		},
		{
			name:       "a limit still there after the last attempt returns a RateLimitError",
			replies:    []reply{{status: 429, header: map[string]string{"Retry-After": "2"}}},
			wantErr:    &RateLimitError{Until: epoch.Add(8 * time.Second), Secondary: true},
			wantSleeps: []time.Duration{2 * time.Second, 2 * time.Second, 2 * time.Second}, wantTries: 4,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv, rec := scriptServer(t, tt.replies...)
			clock := newFakeClock()
			client := retryClient(RetryOptions{Clock: clock, Jitter: noJitter}, nil)
			method := cmp(tt.method, "GET")
			body := ""
			if method == "POST" {
				body = `{"query":"query{viewer{login}}"}`
			}

			resp, err := client.Do(newRequest(t, context.Background(), method, srv.URL+"/api/graphql", body))
			if tt.wantErr != nil {
				var got *RateLimitError
				if !errors.As(err, &got) {
					t.Fatalf("Do() error = %v, want a *RateLimitError", err)
				}
				if !got.Until.Equal(tt.wantErr.Until) || got.Secondary != tt.wantErr.Secondary {
					t.Errorf("RateLimitError = %+v, want %+v", got, tt.wantErr)
				}
			} else {
				if err != nil {
					t.Fatalf("Do() error = %v", err)
				}
				resp.Body.Close()
				if resp.StatusCode != tt.wantStatus {
					t.Errorf("status = %d, want %d", resp.StatusCode, tt.wantStatus)
				}
			}
			if n := len(rec.requests()); n != tt.wantTries {
				t.Errorf("attempts = %d, want %d", n, tt.wantTries)
			}
			if !slices.Equal(clock.Sleeps(), tt.wantSleeps) {
				t.Errorf("sleeps = %v, want %v", clock.Sleeps(), tt.wantSleeps)
			}
		})
	}
}

func cmp(s, fallback string) string {
	if s == "" {
		return fallback
	}
	return s
}

// countingTransport counts round trips on their way to the network.
type countingTransport struct {
	n    atomic.Int32
	next http.RoundTripper
}

func (c *countingTransport) RoundTrip(r *http.Request) (*http.Response, error) {
	c.n.Add(1)
	return c.next.RoundTrip(r)
}

// hangUpServer reads each request whole and closes the connection unanswered.
func hangUpServer(t *testing.T) string {
	t.Helper()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, _ = io.ReadAll(r.Body)
		conn, _, err := w.(http.Hijacker).Hijack()
		if err != nil {
			t.Error(err)
			return
		}
		conn.Close()
	}))
	t.Cleanup(srv.Close)
	return srv.URL
}

// refusedURL is an address nothing listens on.
func refusedURL(t *testing.T) string {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := l.Addr().String()
	l.Close()
	return "http://" + addr
}

func TestRetryNetworkErrors(t *testing.T) {
	refused, hangUp := refusedURL(t), hangUpServer(t)
	tests := []struct {
		name      string
		method    string
		url       string
		wantTries int32
	}{
		{"get is retried when the connection is refused", "GET", refused, 4},
		{"post is retried when the connection is refused", "POST", refused, 4},
		{"get is retried when the server hangs up", "GET", hangUp, 4},
		{"post is not retried once it was written", "POST", hangUp, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			counter := &countingTransport{next: &http.Transport{DisableKeepAlives: true}}
			client := retryClient(RetryOptions{Clock: newFakeClock(), Jitter: noJitter}, counter)
			body := ""
			if tt.method == "POST" {
				body = `{"body":"hi"}`
			}
			_, err := client.Do(newRequest(t, context.Background(), tt.method, tt.url+"/repos/o/r/issues", body))
			if err == nil {
				t.Fatal("Do() error = nil, want a network error")
			}
			if n := counter.n.Load(); n != tt.wantTries {
				t.Errorf("attempts = %d, want %d", n, tt.wantTries)
			}
		})
	}
}

// blockingClock announces each Sleep and then waits for the context to end.
type blockingClock struct{ sleeping chan time.Duration }

func (blockingClock) Now() time.Time { return epoch }

func (c blockingClock) Sleep(ctx context.Context, d time.Duration) error {
	c.sleeping <- d
	<-ctx.Done()
	return ctx.Err()
}

func TestRetryStopsWaitingWhenCancelled(t *testing.T) {
	tests := []struct {
		name     string
		reply    reply
		wantWait time.Duration
	}{
		{"during backoff", reply{status: 503}, 200 * time.Millisecond},
		{"during a rate-limit wait", reply{status: 403, header: map[string]string{"Retry-After": "30"}}, 30 * time.Second},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv, rec := scriptServer(t, tt.reply)
			clock := blockingClock{sleeping: make(chan time.Duration, 1)}
			client := retryClient(RetryOptions{Clock: clock, Jitter: noJitter}, nil)
			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()

			done := make(chan error, 1)
			go func() {
				resp, err := client.Do(newRequest(t, ctx, "GET", srv.URL+"/repos/o/r", ""))
				if err == nil {
					resp.Body.Close()
				}
				done <- err
			}()
			if d := nextSleep(t, clock.sleeping); d != tt.wantWait {
				t.Errorf("wait = %v, want %v", d, tt.wantWait)
			}
			cancel()
			if err := <-done; !errors.Is(err, context.Canceled) {
				t.Errorf("Do() error = %v, want context.Canceled", err)
			}
			if n := len(rec.requests()); n != 1 {
				t.Errorf("attempts = %d, want 1", n)
			}
		})
	}
}

func TestRetryNeedsGetBody(t *testing.T) {
	srv, rec := scriptServer(t, reply{status: 502}, reply{status: 201})
	client := retryClient(RetryOptions{Clock: newFakeClock(), Jitter: noJitter}, nil)
	req := newRequest(t, context.Background(), "POST", srv.URL+"/repos/o/r/issues", "")
	req.Body = io.NopCloser(strings.NewReader(`{"title":"x"}`)) // no GetBody
	resp, err := client.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 502 || len(rec.requests()) != 1 {
		t.Errorf("status %d after %d attempts, want 502 after 1", resp.StatusCode, len(rec.requests()))
	}
}

func TestRetryableError(t *testing.T) {
	refusedErr := &net.OpError{Op: "dial", Net: "tcp", Err: errors.New("connection refused")}
	tokenErr := func(cause error, status int) error {
		e := &ghinstallation.HTTPError{RootCause: cause}
		if status != 0 {
			e.Response = &http.Response{StatusCode: status, Body: io.NopCloser(strings.NewReader(""))}
		}
		return fmt.Errorf("could not refresh installation id 1's token: %w", e)
	}
	tests := []struct {
		name           string
		err            error
		write, written bool
		want           bool
	}{
		{"read after a network error", refusedErr, false, true, true},
		{"write before its headers were written", refusedErr, true, false, true},
		{"write after its headers were written", io.ErrUnexpectedEOF, true, true, false},
		{"cancelled", fmt.Errorf("read: %w", context.Canceled), false, false, false},
		{"deadline", context.DeadlineExceeded, false, false, false},
		{"bad certificate", &tls.CertificateVerificationError{Err: errors.New("unknown authority")}, false, false, false},
		{"token refresh met a network error", tokenErr(refusedErr, 0), true, true, true},
		{"token refresh got a 502", tokenErr(nil, 502), true, false, true},
		{"token refresh got a 401", tokenErr(nil, 401), false, false, false},
		{"token refresh cancelled", tokenErr(context.Canceled, 0), false, false, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := retryableError(tt.err, tt.write, tt.written); got != tt.want {
				t.Errorf("retryableError() = %v, want %v", got, tt.want)
			}
		})
	}
}

func TestBackoff(t *testing.T) {
	const ms = time.Millisecond
	tr := &retryTransport{opts: RetryOptions{Jitter: noJitter}.withDefaults()}
	want := []time.Duration{200 * ms, 400 * ms, 800 * ms, 1600 * ms, 3200 * ms, 6400 * ms, 10000 * ms, 10000 * ms, 10000 * ms}
	for i, w := range want {
		if got := tr.backoff(i + 1); got != w {
			t.Errorf("backoff(%d) = %v, want %v", i+1, got, w)
		}
	}
}

func TestBackoffFullJitterStaysInRange(t *testing.T) {
	tr := &retryTransport{opts: RetryOptions{}.withDefaults()}
	for n := 1; n <= 8; n++ {
		ceiling := min(DefaultBaseDelay<<(n-1), DefaultMaxDelay)
		for range 200 {
			if d := tr.backoff(n); d < 0 || d > ceiling {
				t.Fatalf("backoff(%d) = %v, want within [0, %v]", n, d, ceiling)
			}
		}
	}
}

func TestRetryAfter(t *testing.T) {
	tests := []struct {
		in     string
		want   time.Duration
		wantOK bool
	}{
		{"", 0, false},
		{"0", 0, true},
		{"17", 17 * time.Second, true},
		{"-3", 0, false},
		{"soon", 0, false},
		{epoch.Add(90 * time.Second).Format(http.TimeFormat), 90 * time.Second, true},
		{epoch.Add(-time.Hour).Format(http.TimeFormat), 0, true},
	}
	for _, tt := range tests {
		got, ok := retryAfter(tt.in, epoch)
		if got != tt.want || ok != tt.wantOK {
			t.Errorf("retryAfter(%q) = %v, %v; want %v, %v", tt.in, got, ok, tt.want, tt.wantOK)
		}
	}
}

func TestResetTime(t *testing.T) {
	tests := []struct {
		in   string
		want time.Time
	}{
		{strconv.FormatInt(epoch.Unix()+300, 10), epoch.Add(300 * time.Second)},
		{"", epoch.Add(time.Minute)},
		{"0", epoch.Add(time.Minute)},
		{"tomorrow", epoch.Add(time.Minute)},
	}
	for _, tt := range tests {
		if got := resetTime(tt.in, epoch); !got.Equal(tt.want) {
			t.Errorf("resetTime(%q) = %v, want %v", tt.in, got, tt.want)
		}
	}
}

func TestPeekKeepsTheWholeBody(t *testing.T) {
	long := strings.Repeat("x", peekLimit+10)
	resp := &http.Response{Body: io.NopCloser(bufio.NewReader(strings.NewReader(long)))}
	if got := peek(resp); len(got) != peekLimit {
		t.Fatalf("peek() returned %d bytes, want %d", len(got), peekLimit)
	}
	rest, err := io.ReadAll(resp.Body)
	if err != nil || string(rest) != long {
		t.Errorf("body after peek has %d bytes (err %v), want %d", len(rest), err, len(long))
	}
}
