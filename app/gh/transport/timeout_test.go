package transport

import (
	"context"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"
)

func TestTimeoutBoundsTheRequest(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-r.Context().Done():
		case <-time.After(5 * time.Second):
		}
	}))
	t.Cleanup(srv.Close)
	client := &http.Client{Transport: Timeout(50 * time.Millisecond)(http.DefaultTransport)}
	req, _ := http.NewRequest(http.MethodGet, srv.URL, nil)
	if _, err := client.Do(req); !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("Do() error = %v, want the deadline", err)
	}
}

// The request's context is released as soon as its answer is read to the
// end (as go-github reads an error answer, never closing it) or closed.
func TestTimeoutReleasesAtEOFOrClose(t *testing.T) {
	for _, finish := range []string{"read to EOF", "close"} {
		var ctx context.Context
		rt := Timeout(time.Hour)(roundTripperFunc(func(r *http.Request) (*http.Response, error) {
			ctx = r.Context()
			return &http.Response{StatusCode: 404, Body: io.NopCloser(strings.NewReader(`{"message":"Not Found"}`))}, nil
		}))
		req, _ := http.NewRequest(http.MethodGet, "http://github.invalid/x", nil)
		res, err := rt.RoundTrip(req)
		if err != nil {
			t.Fatal(err)
		}
		if ctx.Err() != nil {
			t.Fatalf("%s: context done before the body was read", finish)
		}
		if finish == "close" {
			res.Body.Close()
		} else {
			io.ReadAll(res.Body)
		}
		if !errors.Is(ctx.Err(), context.Canceled) {
			t.Errorf("%s: context error = %v, want it released", finish, ctx.Err())
		}
	}
}
