package app

import (
	"net/http"
	"regexp"
	"strings"
	"testing"
)

func TestMetricsToken(t *testing.T) {
	cfg := testConfig(t, "")
	cfg.Metrics.Token = "scrape-token-1234"
	r := start(t, cfg)
	seedAccess(t, r.app.Store())
	for _, c := range []struct {
		name, auth string
		want       int
	}{
		{"no header", "", http.StatusUnauthorized},
		{"wrong token", "Bearer scrape-token-1235", http.StatusUnauthorized},
		{"basic", "Basic c2NyYXBlLXRva2VuLTEyMzQ=", http.StatusUnauthorized},
		{"right token", "Bearer scrape-token-1234", http.StatusOK},
	} {
		t.Run(c.name, func(t *testing.T) {
			req, _ := http.NewRequest(http.MethodGet, r.url+"/metrics", nil)
			if c.auth != "" {
				req.Header.Set("Authorization", c.auth)
			}
			res, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			var b strings.Builder
			buf := make([]byte, 64<<10)
			for {
				n, err := res.Body.Read(buf)
				b.Write(buf[:n])
				if err != nil {
					break
				}
			}
			res.Body.Close()
			if res.StatusCode != c.want {
				t.Fatalf("GET /metrics with %q = %d, want %d", c.auth, res.StatusCode, c.want)
			}
			if c.want != http.StatusOK {
				if strings.Contains(b.String(), "mentorbot_") {
					t.Error("a refused scrape still carries metrics")
				}
				return
			}
			body := b.String()
			if !strings.Contains(body, "\nmentorbot_active_mentorships 3\n") {
				t.Errorf("want the total of the three seeded mentorships in:\n%s", grepLines(body, "mentorbot_active"))
			}
			for _, r := range []accessRepo{publicRepo, privateRepo, unknownRepo} {
				for _, n := range append(r.names(), "octo-org", "acme") {
					if strings.Contains(body, n) {
						t.Errorf("/metrics names %q", n)
					}
				}
			}
		})
	}
	if code, _ := get(t, r.url+"/healthz"); code != http.StatusOK {
		t.Errorf("healthz needs no token, got %d", code)
	}
}

func grepLines(s, substr string) string {
	var out []string
	for _, l := range regexp.MustCompile("\n").Split(s, -1) {
		if strings.Contains(l, substr) {
			out = append(out, l)
		}
	}
	return strings.Join(out, "\n")
}
