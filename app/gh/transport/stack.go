package transport

import (
	"github.com/palantir/go-githubapp/githubapp"
	"github.com/prometheus/client_golang/prometheus"
)

// Stack returns this package's middleware in the order to pass to
// githubapp.WithClientMiddleware, outermost first: DrainBodies, Retry,
// Throttle, Logging, Metrics, Permissions (the package documentation says why).
func Stack(reg prometheus.Registerer, retry RetryOptions, throttle ThrottleOptions) []githubapp.ClientMiddleware {
	return []githubapp.ClientMiddleware{DrainBodies(), Retry(retry), Throttle(throttle), Logging(), Metrics(reg), Permissions(reg)}
}
