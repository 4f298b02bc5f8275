package transport

import (
	"context"
	"net/http"
	"regexp"
	"strconv"
)

type installationKey struct{}

// WithInstallation returns a context that names the GitHub App installation
// on whose behalf requests made with it act.
func WithInstallation(ctx context.Context, id int64) context.Context {
	return context.WithValue(ctx, installationKey{}, id)
}

// userAgentInstallation matches the suffix go-githubapp v0.24.1 puts on the
// User-Agent of installation clients: "<agent> (installation: 42)".
var userAgentInstallation = regexp.MustCompile(`\(installation: (\d+)\)\s*$`)

// InstallationFromRequest returns the installation a request acts for: the ID
// set with WithInstallation, else the one in go-githubapp's User-Agent suffix.
func InstallationFromRequest(req *http.Request) (int64, bool) {
	if id, ok := req.Context().Value(installationKey{}).(int64); ok {
		return id, true
	}
	m := userAgentInstallation.FindStringSubmatch(req.Header.Get("User-Agent"))
	if m == nil {
		return 0, false
	}
	id, err := strconv.ParseInt(m[1], 10, 64)
	if err != nil {
		return 0, false
	}
	return id, true
}
