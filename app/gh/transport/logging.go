package transport

import (
	"net/http"
	"time"

	"github.com/palantir/go-githubapp/githubapp"
	"github.com/rs/zerolog"
)

// Logging returns middleware that writes one debug line per GitHub round trip
// to zerolog.Ctx(req.Context()): method, path (never the query string),
// status or error, elapsed time, whether the answer came from the HTTP cache,
// and X-RateLimit-Remaining. It never logs headers, bodies or tokens.
func Logging() githubapp.ClientMiddleware {
	return func(next http.RoundTripper) http.RoundTripper {
		return roundTripperFunc(func(req *http.Request) (*http.Response, error) {
			logger := zerolog.Ctx(req.Context())
			if logger.GetLevel() > zerolog.DebugLevel || zerolog.GlobalLevel() > zerolog.DebugLevel {
				return next.RoundTrip(req)
			}
			start := time.Now()
			resp, err := next.RoundTrip(req)
			ev := logger.Debug().
				Str("method", req.Method).
				Str("path", req.URL.Path).
				Dur("elapsed", time.Since(start))
			if err != nil {
				ev = ev.Err(err)
			} else {
				ev = ev.Int("status", resp.StatusCode).Bool("cached", resp.Header.Get(fromCache) != "")
				if n, ok := remaining(resp.Header); ok {
					ev = ev.Int64("rate_limit_remaining", n)
				}
			}
			ev.Msg("GitHub API request finished.")
			return resp, err
		})
	}
}
