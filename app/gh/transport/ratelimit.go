package transport

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"time"

	"github.com/google/go-github/v60/github"
)

// RateLimitError is what Retry returns instead of a rate-limited answer it
// does not wait out in-process (the wait would exceed RetryOptions.MaxWait, or
// no attempts are left): try the request again at Until. Secondary tells a
// secondary (abuse) limit from the primary hourly quota. Through the go-github
// and githubv4 clients it arrives wrapped; use errors.As or RateLimitedUntil.
type RateLimitError struct {
	Until     time.Time
	Secondary bool
}

func (e *RateLimitError) Error() string {
	kind := "primary"
	if e.Secondary {
		kind = "secondary"
	}
	return fmt.Sprintf("github %s rate limit exceeded until %s", kind, e.Until.UTC().Format(time.RFC3339))
}

// RateLimitedUntil reports when a request that failed with err may be tried
// again, for a job queue that reschedules rather than blocks. It knows
// *RateLimitError and go-github's own *github.RateLimitError (raised before a
// request once the quota is known to be spent) and *github.AbuseRateLimitError.
func RateLimitedUntil(err error, now time.Time) (time.Time, bool) {
	var own *RateLimitError
	if errors.As(err, &own) {
		return own.Until, true
	}
	var deferred *DeferredError
	if errors.As(err, &deferred) {
		return deferred.Until, true
	}
	var primary *github.RateLimitError
	if errors.As(err, &primary) {
		return primary.Rate.Reset.Time, true
	}
	var secondary *github.AbuseRateLimitError
	if errors.As(err, &secondary) {
		if secondary.RetryAfter != nil {
			return now.Add(*secondary.RetryAfter), true
		}
		return now.Add(secondaryWait), true
	}
	return time.Time{}, false
}

// secondaryWait is how long GitHub asks clients to wait after a secondary
// rate limit that names no time ("wait at least one minute").
const secondaryWait = time.Minute

// peekLimit bounds how much of a 403, 429 or quota-spent 200 body is read to
// tell what kind of answer it is.
const peekLimit = 64 << 10

// rateLimit returns the rate limit resp reports, or nil, following GitHub's
// guidance: Retry-After first (secondary), then X-RateLimit-Remaining: 0 with
// X-RateLimit-Reset (primary), else a 429 or a 403 whose message names a
// secondary limit (one minute). A GraphQL answer of 200 whose errors say
// RATE_LIMITED is a primary limit too.
func rateLimit(resp *http.Response, now time.Time) *RateLimitError {
	spent := resp.Header.Get("X-RateLimit-Remaining") == "0"
	switch resp.StatusCode {
	case http.StatusForbidden, http.StatusTooManyRequests:
		if d, ok := retryAfter(resp.Header.Get("Retry-After"), now); ok {
			return &RateLimitError{Until: now.Add(d), Secondary: true}
		}
		if spent {
			return &RateLimitError{Until: resetTime(resp.Header.Get("X-RateLimit-Reset"), now)}
		}
		if resp.StatusCode == http.StatusTooManyRequests || namesSecondaryLimit(peek(resp)) {
			return &RateLimitError{Until: now.Add(secondaryWait), Secondary: true}
		}
	case http.StatusOK:
		if spent && graphQLRateLimited(peek(resp)) {
			return &RateLimitError{Until: resetTime(resp.Header.Get("X-RateLimit-Reset"), now)}
		}
	}
	return nil
}

// retryAfter parses a Retry-After value: seconds, or an HTTP date.
func retryAfter(v string, now time.Time) (time.Duration, bool) {
	if v == "" {
		return 0, false
	}
	if s, err := strconv.ParseInt(v, 10, 64); err == nil {
		if s < 0 {
			return 0, false
		}
		return time.Duration(s) * time.Second, true
	}
	t, err := http.ParseTime(v)
	if err != nil {
		return 0, false
	}
	return max(t.Sub(now), 0), true
}

// resetTime parses X-RateLimit-Reset (Unix seconds); without a usable value
// it assumes GitHub's one minute.
func resetTime(v string, now time.Time) time.Time {
	s, err := strconv.ParseInt(v, 10, 64)
	if err != nil || s <= 0 {
		return now.Add(secondaryWait)
	}
	return time.Unix(s, 0)
}

var secondaryMarkers = [][]byte{
	[]byte("secondary rate limit"),
	[]byte("secondary-rate-limits"),
	[]byte("abuse-rate-limits"),
	[]byte("abuse detection"),
}

func namesSecondaryLimit(body []byte) bool {
	body = bytes.ToLower(body)
	for _, m := range secondaryMarkers {
		if bytes.Contains(body, m) {
			return true
		}
	}
	return false
}

func graphQLRateLimited(body []byte) bool {
	var r struct {
		Errors []struct {
			Type string `json:"type"`
		} `json:"errors"`
	}
	if json.Unmarshal(body, &r) != nil {
		return false
	}
	for _, e := range r.Errors {
		if e.Type == "RATE_LIMITED" {
			return true
		}
	}
	return false
}

// peek returns up to peekLimit bytes of resp's body and puts them back in
// front of the rest, so the caller still reads the whole body.
func peek(resp *http.Response) []byte {
	b, err := io.ReadAll(io.LimitReader(resp.Body, peekLimit))
	resp.Body = struct {
		io.Reader
		io.Closer
	}{io.MultiReader(bytes.NewReader(b), errReader{err}, resp.Body), resp.Body}
	return b
}

// errReader hands on a read error met while peeking, in its place.
type errReader struct{ err error }

func (r errReader) Read([]byte) (int, error) {
	if r.err != nil {
		return 0, r.err
	}
	return 0, io.EOF
}
