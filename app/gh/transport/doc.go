// Package transport holds the HTTP middleware that mentorbot installs on every
// GitHub client (REST v3 and GraphQL v4) made by go-githubapp's client creator:
// retries with backoff, the per-installation write throttle, Prometheus
// metrics and debug logging.
//
// # Order
//
// Pass the middleware to githubapp.WithClientMiddleware in one call (a second
// call replaces the first), outermost first, as Stack does:
//
//	Retry → Throttle → Logging → Metrics → Permissions
//
// go-githubapp v0.24.1 (client_creator.go, applyMiddleware) then composes each
// installation client, outermost first, as
//
//	v3: setInstallationID → Retry → Throttle → Logging → Metrics → Permissions → ghinstallation (token) → httpcache → cacheControl → transport
//	v4: setUserAgentHeader → Retry → Throttle → Logging → Metrics → Permissions → ghinstallation (token) → transport
//
// so the HTTP cache sits inside (below) this middleware, not outside it:
//   - conditional requests still happen: httpcache adds If-None-Match below us
//     on every retry attempt;
//   - a 304 is never seen here as a 304: httpcache replaces it with the stored
//     200 marked "X-From-Cache: 1", exactly as it marks a fresh hit that made no
//     request at all; Metrics counts both as cached, with status "200";
//   - the Authorization header is added by ghinstallation below us, so these
//     layers never hold the token, and token requests (POST
//     /app/installations/{id}/access_tokens) never pass through them.
//
// Retry is outermost so that each attempt is throttled (a write sent again
// after a rate limit is another write for GitHub's secondary limits), logged
// and counted (5xx and 429 answers stay visible in metrics when a later
// attempt succeeds), and so that the duration histogram measures single
// round trips rather than backoff sleeps and throttle waits.
//
// Timeout goes in front of all of them, in place of go-githubapp's
// WithClientTimeout (its documentation says why), so that one deadline
// covers a request with its retries and waits.
//
// # Installation IDs
//
// go-githubapp v0.24.1 has no GetInstallationIDFromRequest and keeps the ID
// under an unexported context key; InstallationFromRequest reads WithInstallation's
// key and otherwise go-githubapp's User-Agent suffix "(installation: N)", which
// it sets on both v3 and v4 installation clients.
package transport
