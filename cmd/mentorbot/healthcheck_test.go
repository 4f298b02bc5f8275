package main

import (
	"bytes"
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/mentorbot/mentorbot/app"
)

func TestHealthURL(t *testing.T) {
	cases := []struct {
		name string
		in   app.ServerConfig
		want string
	}{
		{"loopback", app.ServerConfig{Address: "127.0.0.1", Port: 8080}, "http://127.0.0.1:8080/healthz"},
		{"ipv4 wildcard", app.ServerConfig{Address: "0.0.0.0", Port: 9000}, "http://127.0.0.1:9000/healthz"},
		{"empty address", app.ServerConfig{Address: "", Port: 8080}, "http://127.0.0.1:8080/healthz"},
		{"ipv6 wildcard", app.ServerConfig{Address: "::", Port: 8080}, "http://[::1]:8080/healthz"},
		{"ipv6 address", app.ServerConfig{Address: "fd00::5", Port: 8080}, "http://[fd00::5]:8080/healthz"},
		{"host name", app.ServerConfig{Address: "mentorbot.internal", Port: 80}, "http://mentorbot.internal:80/healthz"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := healthURL(c.in); got != c.want {
				t.Errorf("healthURL(%+v) = %q, want %q", c.in, got, c.want)
			}
		})
	}
}

func TestHealthcheck(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/healthz":
			w.Write([]byte("ok\n"))
		case "/moved":
			http.Redirect(w, r, "/healthz", http.StatusFound)
		default:
			http.Error(w, "store unavailable", http.StatusServiceUnavailable)
		}
	}))
	defer srv.Close()
	closed := httptest.NewServer(http.NotFoundHandler())
	closed.Close()

	cases := []struct {
		name    string
		args    []string
		code    int
		wantErr string
	}{
		{"healthy", []string{"--url", srv.URL + "/healthz"}, exitOK, ""},
		{"unhealthy", []string{"--url", srv.URL + "/readyz"}, exitFailure, "503"},
		{"redirect is not health", []string{"--url", srv.URL + "/moved"}, exitFailure, "302"},
		{"nothing listens", []string{"--url", closed.URL + "/healthz"}, exitFailure, "healthcheck:"},
		{"not http", []string{"--url", "ftp://127.0.0.1/healthz"}, exitUsage, "not an http(s) URL"},
		{"stray argument", []string{"now"}, exitUsage, "unexpected argument"},
		{"unknown flag", []string{"--port", "1"}, exitUsage, "flag provided but not defined"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			code := run(context.Background(), append([]string{"healthcheck"}, c.args...), &stdout, &stderr)
			if code != c.code {
				t.Fatalf("exit %d, want %d; stderr: %s", code, c.code, stderr.String())
			}
			if c.wantErr != "" && !strings.Contains(stderr.String(), c.wantErr) {
				t.Errorf("stderr %q does not contain %q", stderr.String(), c.wantErr)
			}
			if c.code == exitOK && strings.TrimSpace(stdout.String()) != "ok" {
				t.Errorf("stdout %q, want ok", stdout.String())
			}
		})
	}
}

// TestHealthcheckFindsTheConfiguredPort runs without --url: the port comes
// from the environment, as in the container image.
func TestHealthcheckFindsTheConfiguredPort(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/healthz" {
			http.NotFound(w, r)
			return
		}
		w.Write([]byte("ok\n"))
	}))
	defer srv.Close()
	port := srv.URL[strings.LastIndex(srv.URL, ":")+1:]
	t.Chdir(t.TempDir())
	t.Setenv("MENTORBOT_ADDRESS", "0.0.0.0")
	t.Setenv("MENTORBOT_PORT", port)
	var stdout, stderr bytes.Buffer
	if code := run(context.Background(), []string{"healthcheck"}, &stdout, &stderr); code != exitOK {
		t.Fatalf("exit %d, want 0; stderr: %s", code, stderr.String())
	}
	t.Setenv("MENTORBOT_PORT", "http")
	stderr.Reset()
	if code := run(context.Background(), []string{"healthcheck"}, &stdout, &stderr); code != exitFailure || !strings.Contains(stderr.String(), "MENTORBOT_PORT") {
		t.Errorf("bad port: exit %d, stderr %q; want 1 naming MENTORBOT_PORT", code, stderr.String())
	}
}
