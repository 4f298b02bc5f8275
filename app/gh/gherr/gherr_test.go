package gherr

import (
	"errors"
	"fmt"
	"net/http"
	"testing"

	"github.com/google/go-github/v60/github"
)

func answer(status int, msg string, h http.Header) error {
	if h == nil {
		h = http.Header{}
	}
	return fmt.Errorf("edit comment: %w", &github.ErrorResponse{Response: &http.Response{StatusCode: status, Header: h}, Message: msg})
}

func TestClassify(t *testing.T) {
	for _, tc := range []struct {
		name string
		err  error
		want Kind
	}{
		{"nil", nil, Temporary},
		{"network", errors.New("connection reset"), Temporary},
		{"502", answer(502, "Server Error", nil), Temporary},
		{"404", answer(404, "Not Found", nil), NotFound},
		{"410", answer(410, "Issues are disabled for this repo", nil), Gone},
		{"422", answer(422, "Validation Failed", nil), Invalid},
		{"403 permission", answer(403, "Resource not accessible by integration", nil), Forbidden},
		{"403 primary limit", answer(403, "API rate limit exceeded", http.Header{"X-Ratelimit-Remaining": {"0"}}), Temporary},
		{"403 secondary limit", answer(403, "You have exceeded a secondary rate limit", nil), Temporary},
		{"403 retry-after", answer(403, "slow down", http.Header{"Retry-After": {"60"}}), Temporary},
		{"go-github rate limit", &github.RateLimitError{Response: &http.Response{StatusCode: 403}}, Temporary},
	} {
		if got := Classify(tc.err); got != tc.want {
			t.Errorf("%s: Classify = %s, want %s", tc.name, got, tc.want)
		}
	}
}

func TestPermissionComesFromGitHubsHeader(t *testing.T) {
	err := answer(403, "Resource not accessible by integration", http.Header{"X-Accepted-Github-Permissions": {"issues=write; pull_requests=write"}})
	if got := Permission(err); got != "issues=write; pull_requests=write" {
		t.Fatalf("Permission = %q", got)
	}
}
