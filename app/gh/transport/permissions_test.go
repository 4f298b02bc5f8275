package transport

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/testutil"
)

// A refused permission is counted once per installation and permission;
// rate limits and other answers are not; the body still reaches the caller.
func TestPermissionsNamedOncePerInstallation(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/graphql":
			w.Write([]byte(`{"data":null,"errors":[{"type":"FORBIDDEN","message":"Resource not accessible by integration"}]}`))
		case "/limited":
			w.Header().Set("X-RateLimit-Remaining", "0")
			w.WriteHeader(403)
			w.Write([]byte(`{"message":"API rate limit exceeded"}`))
		case "/secondary":
			w.WriteHeader(403)
			w.Write([]byte(`{"message":"You have exceeded a secondary rate limit"}`))
		default:
			w.Header().Set("X-Accepted-GitHub-Permissions", "pull_requests=write")
			w.WriteHeader(403)
			w.Write([]byte(`{"message":"Resource not accessible by integration"}`))
		}
	}))
	defer srv.Close()
	reg := prometheus.NewPedanticRegistry()
	client := &http.Client{Transport: Permissions(reg)(http.DefaultTransport)}
	call := func(inst int64, method, path, body string) string {
		req, _ := http.NewRequestWithContext(WithInstallation(context.Background(), inst), method, srv.URL+path, strings.NewReader(body))
		res, err := client.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer res.Body.Close()
		b, _ := io.ReadAll(res.Body)
		return string(b)
	}
	for range 3 {
		if got := call(1, "POST", "/repos/o/r/pulls/1/requested_reviewers", "{}"); !strings.Contains(got, "not accessible") {
			t.Fatalf("body lost: %q", got)
		}
	}
	call(2, "POST", "/repos/o/r/pulls/1/requested_reviewers", "{}")
	call(1, "GET", "/limited", "")
	call(1, "GET", "/secondary", "")
	call(1, "POST", "/graphql", `{"query":"mutation { createDiscussion(input: {}) { discussion { id } } }"}`)
	call(1, "POST", "/graphql", `{"query":"mutation { createDiscussion(input: {}) { discussion { id } } }"}`)
	want := `
# HELP mentorbot_github_permission_missing_total Installations found lacking a permission, once per installation and permission (the permission to grant).
# TYPE mentorbot_github_permission_missing_total counter
mentorbot_github_permission_missing_total{permission="discussions=write"} 1
mentorbot_github_permission_missing_total{permission="pull_requests=write"} 2
`
	if err := testutil.GatherAndCompare(reg, strings.NewReader(want), "mentorbot_github_permission_missing_total"); err != nil {
		t.Fatal(err)
	}
}
