package app

import (
	"bytes"
	"context"
	"errors"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

func get(t *testing.T, url string) (int, string) {
	t.Helper()
	res, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	var b bytes.Buffer
	io.Copy(&b, res.Body)
	return res.StatusCode, b.String()
}

func shownFigure(t *testing.T, page, id string) string {
	t.Helper()
	m := regexp.MustCompile(`data-figure="` + id + `">([^<]*)<`).FindStringSubmatch(page)
	if m == nil {
		t.Fatalf("the dashboard shows no %s figure", id)
	}
	return m[1]
}

func TestDashboardAndProgramGaugesFollowTheProgram(t *testing.T) {
	w := newWorld(t, defaultMentorship)
	first := w.openPR("newbie1")
	w.settle()
	w.openPR("newbie2")
	w.settle()
	mentor := w.mentorOf(first)
	w.emu.Comment(org, repoName, first, mentor, "Thanks! One small change, please.")
	w.settle()
	w.emu.MergePullRequest(org, repoName, first, "maintainer")
	w.settle()

	c, err := w.db.GetContribution(context.Background(), org+"/"+repoName, first)
	if err != nil || c.FirstResponder != mentor {
		t.Fatalf("first responder %q (%v), want the mentor %s: the bot's welcome is no answer", c.FirstResponder, err, mentor)
	}
	code, page := get(t, w.app.url+"/")
	if code != http.StatusOK {
		t.Fatalf("GET / = %d", code)
	}
	for id, want := range map[string]string{"newcomers": "2", "merged": "1", "mentoring": "1"} {
		if got := shownFigure(t, page, id); got != want {
			t.Errorf("dashboard %s = %q, want %q", id, got, want)
		}
	}
	for _, secret := range []string{testSecret, "BEGIN RSA"} {
		if strings.Contains(page, secret) {
			t.Errorf("the dashboard shows a secret (%q)", secret)
		}
	}
	code, page = get(t, w.app.url+"/?repo="+org+"/"+repoName+"&period=7d")
	if code != http.StatusOK || shownFigure(t, page, "newcomers") != "2" {
		t.Errorf("repository page: %d", code)
	}
	if code, _ := get(t, w.app.url+"/?period=forever"); code != http.StatusBadRequest {
		t.Errorf("bad period: %d, want 400", code)
	}

	_, metrics := get(t, w.app.url+"/metrics")
	for _, line := range []string{
		"\nmentorbot_active_mentorships 1\n",
		"\nmentorbot_waiting_newcomers 0\n",
		"\nmentorbot_open_claims 0\n",
		`mentorbot_queue_depth{state=`,
	} {
		if !strings.Contains(metrics, line) {
			t.Errorf("/metrics lacks %s", line)
		}
	}
}

func TestDashboardCanBeTurnedOff(t *testing.T) {
	cfg := testConfig(t, "")
	off := false
	cfg.Server.Dashboard = &off
	r := start(t, cfg)
	if code, _ := get(t, r.url+"/"); code != http.StatusNotFound {
		t.Errorf("GET / with the dashboard off = %d, want 404", code)
	}
	if code, _ := get(t, r.url+"/healthz"); code != http.StatusOK {
		t.Errorf("healthz %d", code)
	}
}

func TestDashboardSetting(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "mentorbot.yml")
	cases := []struct {
		name string
		yaml string
		env  string
		want bool
		key  string
	}{
		{"default on", "", "", true, ""},
		{"off in the file", "server:\n  dashboard: false\n", "", false, ""},
		{"environment wins", "server:\n  dashboard: false\n", "true", true, ""},
		{"off by environment", "", "0", false, ""},
		{"not a boolean", "", "sometimes", false, "MENTORBOT_DASHBOARD"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if err := os.WriteFile(file, []byte(c.yaml), 0o600); err != nil {
				t.Fatal(err)
			}
			if c.env != "" {
				t.Setenv("MENTORBOT_DASHBOARD", c.env)
			}
			cfg, err := LoadConfig(file, false)
			var ce *ConfigError
			switch {
			case c.key != "":
				if !errors.As(err, &ce) || ce.Key != c.key {
					t.Fatalf("want an error naming %s, got %v", c.key, err)
				}
			case err != nil:
				t.Fatal(err)
			case cfg.Server.DashboardEnabled() != c.want:
				t.Fatalf("dashboard %v, want %v", cfg.Server.DashboardEnabled(), c.want)
			}
		})
	}
}
