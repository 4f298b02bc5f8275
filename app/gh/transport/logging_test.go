package transport

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"strings"
	"testing"

	"github.com/rs/zerolog"
)

func TestLogging(t *testing.T) {
	srv, rec := scriptServer(t,
		reply{status: 200, header: map[string]string{"X-RateLimit-Remaining": "4321", "X-From-Cache": "1", "Set-Cookie": "session=cookie-secret"}},
	)
	var out bytes.Buffer
	ctx := zerolog.New(&out).Level(zerolog.DebugLevel).WithContext(context.Background())
	client := &http.Client{Transport: Logging()(http.DefaultTransport)}

	req, _ := http.NewRequestWithContext(ctx, "GET", srv.URL+"/repos/o/r/issues?access_token=query-secret&state=open", nil)
	req.Header.Set("Authorization", "token ghs_header-secret")
	resp, err := client.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if got := rec.requests()[0].header.Get("Authorization"); got != "token ghs_header-secret" {
		t.Errorf("server got Authorization %q, want the header passed on", got)
	}
	if err := send(ctx, client, "POST", refusedURL(t)+"/repos/o/r/issues", 1, `{"title":"x"}`); err == nil {
		t.Fatal("request to a closed port succeeded")
	}

	for _, secret := range []string{"header-secret", "query-secret", "cookie-secret", "Authorization", "access_token", "installation: 1"} {
		if strings.Contains(out.String(), secret) {
			t.Errorf("log contains %q:\n%s", secret, out.String())
		}
	}
	lines := strings.Split(strings.TrimSpace(out.String()), "\n")
	if len(lines) != 2 {
		t.Fatalf("log has %d lines, want 2:\n%s", len(lines), out.String())
	}
	var ok, failed map[string]any
	if err := json.Unmarshal([]byte(lines[0]), &ok); err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal([]byte(lines[1]), &failed); err != nil {
		t.Fatal(err)
	}
	for k, want := range map[string]any{"level": "debug", "method": "GET", "path": "/repos/o/r/issues", "status": 200.0, "cached": true, "rate_limit_remaining": 4321.0} {
		if ok[k] != want {
			t.Errorf("success line %s = %v, want %v", k, ok[k], want)
		}
	}
	if _, has := ok["elapsed"]; !has {
		t.Error("success line has no elapsed field")
	}
	if failed["method"] != "POST" || failed["error"] == nil || failed["status"] != nil {
		t.Errorf("failure line = %v, want method POST, an error and no status", failed)
	}
}

func TestLoggingAboveDebugWritesNothing(t *testing.T) {
	srv, rec := scriptServer(t, reply{status: 204})
	var out bytes.Buffer
	ctx := zerolog.New(&out).Level(zerolog.InfoLevel).WithContext(context.Background())
	client := &http.Client{Transport: Logging()(http.DefaultTransport)}
	if err := send(ctx, client, "DELETE", srv.URL+"/repos/o/r/issues/1/labels/x", 1, ""); err != nil {
		t.Fatal(err)
	}
	if out.Len() != 0 || len(rec.requests()) != 1 {
		t.Errorf("log %q after %d requests, want no log and 1 request", out.String(), len(rec.requests()))
	}
}
