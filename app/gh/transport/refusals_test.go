package transport

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/rs/zerolog"
)

// A 403 for want of a permission is logged with the permission GitHub
// names; the body still reaches the caller whole, and a secondary rate
// limit (also a 403) is not taken for one.
func TestRefusalsLogAMissingPermission(t *testing.T) {
	const body = `{"message":"Resource not accessible by integration","documentation_url":"https://docs.github.com/rest"}`
	srv, _ := scriptServer(t,
		reply{status: 403, header: map[string]string{"X-Accepted-GitHub-Permissions": "issues=write"}, body: body},
		reply{status: 403, header: map[string]string{"Retry-After": "60"}, body: `{"message":"You have exceeded a secondary rate limit"}`},
	)
	var out bytes.Buffer
	ctx := zerolog.New(&out).WithContext(context.Background())
	client := &http.Client{Transport: Refusals()(http.DefaultTransport)}
	for i := range 2 {
		req, _ := http.NewRequestWithContext(ctx, "POST", srv.URL+"/repos/o/r/issues/1/comments?secret=x", strings.NewReader(`{}`))
		resp, err := client.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		got, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if i == 0 && string(got) != body {
			t.Errorf("the caller got %q, want the body whole", got)
		}
	}
	lines := strings.Split(strings.TrimSpace(out.String()), "\n")
	if len(lines) != 1 || !strings.Contains(lines[0], MissingPermission) || !strings.Contains(lines[0], `"accepted_permissions":"issues=write"`) ||
		!strings.Contains(lines[0], `"path":"/repos/o/r/issues/1/comments"`) || strings.Contains(lines[0], "secret") {
		t.Fatalf("want one warning naming the permission and the path:\n%s", out.String())
	}
}
