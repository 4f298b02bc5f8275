package transport

import (
	"bytes"
	"net/http"
	"time"

	"github.com/palantir/go-githubapp/githubapp"
	"github.com/rs/zerolog"
)

// noPermission is GitHub's message when an installation token lacks a
// permission the request needs (a 403 that is not a rate limit).
const noPermission = "Resource not accessible by integration"

// MissingPermission is the log line of such a refusal; the README's
// troubleshooting section quotes it.
const MissingPermission = "GitHub refused a request: the app lacks a permission. Accept the permissions the app requests in the installation's settings (or grant the one in accepted_permissions), then retry the dead letters"

// Refusals returns middleware that logs, as a warning, each GitHub answer
// refusing a request for want of a permission: the method, the path (no
// query string) and GitHub's X-Accepted-GitHub-Permissions, which names
// the permission needed. Other answers pass untouched.
func Refusals() githubapp.ClientMiddleware {
	return func(next http.RoundTripper) http.RoundTripper {
		return roundTripperFunc(func(req *http.Request) (*http.Response, error) {
			resp, err := next.RoundTrip(req)
			if err != nil || resp.StatusCode != http.StatusForbidden || rateLimit(resp, time.Now()) != nil {
				return resp, err
			}
			if bytes.Contains(peek(resp), []byte(noPermission)) {
				zerolog.Ctx(req.Context()).Warn().Str("method", req.Method).Str("path", req.URL.Path).
					Str("accepted_permissions", resp.Header.Get("X-Accepted-GitHub-Permissions")).Msg(MissingPermission)
			}
			return resp, err
		})
	}
}
