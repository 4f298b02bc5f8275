package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

func TestServeStopsOnBadConfig(t *testing.T) {
	good := baseEnv(t, "sqlite://x.db", freePort(t))
	cases := []struct {
		name string
		env  []string
		file string
		key  string
	}{
		{"missing app id", []string{"GITHUB_APP_INTEGRATION_ID="}, "", "GITHUB_APP_INTEGRATION_ID"},
		{"malformed app id", []string{"GITHUB_APP_INTEGRATION_ID=twelve"}, "", "GITHUB_APP_INTEGRATION_ID"},
		{"malformed port", []string{"MENTORBOT_PORT=http"}, "", "MENTORBOT_PORT"},
		{"port out of range", []string{"MENTORBOT_PORT=70000"}, "", "server.port"},
		{"bad key", []string{"GITHUB_APP_PRIVATE_KEY=not a key"}, "", "private_key"},
		{"missing secret", []string{"GITHUB_APP_WEBHOOK_SECRET="}, "", "webhook_secret"},
		{"bad api url", []string{"GITHUB_V3_API_URL=ftp://x"}, "", "v3_api_url"},
		{"bad database url", []string{"MENTORBOT_DATABASE_URL=mentorbot.db"}, "", "database.url"},
		{"negative workers", []string{"MENTORBOT_WORKERS=-1"}, "", "workers"},
		{"malformed shutdown timeout", []string{"MENTORBOT_SHUTDOWN_TIMEOUT=soon"}, "", "MENTORBOT_SHUTDOWN_TIMEOUT"},
		{"negative shutdown timeout", []string{"MENTORBOT_SHUTDOWN_TIMEOUT=-5s"}, "", "server.shutdown_timeout"},
		{"unknown key in file", nil, "server:\n  adress: 0.0.0.0\n", "adress"},
		{"missing named file", nil, "-", "file"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			args := []string{"serve"}
			dir := t.TempDir()
			switch c.file {
			case "":
			case "-":
				args = append(args, "--config", filepath.Join(dir, "absent.yml"))
			default:
				f := filepath.Join(dir, "mentorbot.yml")
				os.WriteFile(f, []byte(c.file), 0o600)
				args = append(args, "--config", f)
			}
			cmd := exec.Command(binary, args...)
			cmd.Dir = dir
			cmd.Env = append(append(os.Environ(), good...), c.env...)
			out, err := cmd.CombinedOutput()
			if ee, ok := err.(*exec.ExitError); !ok || ee.ExitCode() != 1 {
				t.Fatalf("want exit 1, got %v: %s", err, out)
			}
			lines := strings.Split(strings.TrimSpace(string(out)), "\n")
			if len(lines) > 1 && strings.Contains(lines[len(lines)-1], "mentorbot setup") {
				lines = lines[:len(lines)-1]
			}
			if len(lines) != 1 || !strings.Contains(lines[0], c.key) {
				t.Fatalf("want one line naming %s, got:\n%s", c.key, out)
			}
			if strings.Contains(string(out), "BEGIN RSA") {
				t.Fatal("the private key was printed")
			}
		})
	}
}

// TestServeListsEveryProblem: a first run with no configuration names
// every missing setting at once and points to `mentorbot setup`.
func TestServeListsEveryProblem(t *testing.T) {
	dir := t.TempDir()
	cmd := exec.Command(binary, "serve")
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GITHUB_APP_INTEGRATION_ID=", "GITHUB_APP_WEBHOOK_SECRET=", "GITHUB_APP_PRIVATE_KEY=",
		"MENTORBOT_WORKERS=-1", "MENTORBOT_PORT=http")
	out, err := cmd.CombinedOutput()
	if ee, ok := err.(*exec.ExitError); !ok || ee.ExitCode() != 1 {
		t.Fatalf("want exit 1, got %v: %s", err, out)
	}
	lines := strings.Split(strings.TrimSpace(string(out)), "\n")
	keys := []string{"GITHUB_APP_INTEGRATION_ID", "GITHUB_APP_WEBHOOK_SECRET", "GITHUB_APP_PRIVATE_KEY", "MENTORBOT_WORKERS", "MENTORBOT_PORT"}
	if len(lines) != len(keys)+1 || !strings.Contains(lines[len(lines)-1], "mentorbot setup") {
		t.Fatalf("want %d lines, one per key, then a pointer to mentorbot setup; got:\n%s", len(keys)+1, out)
	}
	for _, k := range keys {
		if n := strings.Count(string(out), k); n != 1 {
			t.Errorf("%s named %d times, want once:\n%s", k, n, out)
		}
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 0 {
		t.Errorf("serve left %v behind though it did not start", entries)
	}
}

func TestVersionAndUsage(t *testing.T) {
	out, err := exec.Command(binary, "version").CombinedOutput()
	if err != nil || !strings.Contains(string(out), "mentorbot") || !strings.Contains(string(out), "go1.") {
		t.Fatalf("version: %v %s", err, out)
	}
	for _, c := range commands() {
		for _, args := range [][]string{{"--version"}, {c.name, "--version"}} {
			out, err := exec.Command(binary, args...).CombinedOutput()
			if err != nil || !strings.HasPrefix(string(out), "mentorbot ") || !strings.Contains(string(out), "go1.") {
				t.Errorf("%v: %v %s", args, err, out)
			}
		}
		for _, help := range []string{"-h", "--help"} {
			args := []string{c.name, help}
			switch c.name {
			case "schedule":
				args = []string{c.name, "run", help}
			case "deliveries":
				args = []string{c.name, "list", help}
			}
			cmd := exec.Command(binary, args...)
			var stdout, stderr strings.Builder
			cmd.Stdout, cmd.Stderr = &stdout, &stderr
			err := cmd.Run()
			want := "Usage: mentorbot " + c.name
			if c.name == "version" {
				want = "mentorbot "
			}
			if err != nil || !strings.HasPrefix(stdout.String(), want) || stderr.Len() != 0 {
				t.Errorf("%v: %v, stdout %q, stderr %q; want exit 0 and %q on stdout", args, err, stdout.String(), stderr.String(), want)
			}
		}
	}
	cmd := exec.Command(binary, "frobnicate")
	out, _ = cmd.CombinedOutput()
	if cmd.ProcessState.ExitCode() != 2 || !strings.Contains(string(out), "unknown command") {
		t.Fatalf("unknown command: %d %s", cmd.ProcessState.ExitCode(), out)
	}
}
