package main

import (
	"bufio"
	"fmt"
	"html"
	"io"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/mentorbot/mentorbot/app"
)

var (
	startLine     = regexp.MustCompile(`Open (http://\S+) and press the button`)
	formAction    = regexp.MustCompile(`<form action="([^"]*)" method="post">`)
	manifestInput = regexp.MustCompile(`name="manifest" value="([^"]*)"`)
)

// pressTheButton does what the user's browser does: it loads the local
// page, posts its form to GitHub and follows GitHub's redirect back.
func pressTheButton(t *testing.T, page string) string {
	t.Helper()
	noFollow := &http.Client{Timeout: 10 * time.Second, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	body := func(res *http.Response, err error) string {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
		defer res.Body.Close()
		b, _ := io.ReadAll(res.Body)
		return string(b)
	}
	start := body(noFollow.Get(page))
	action, manifest := formAction.FindStringSubmatch(start), manifestInput.FindStringSubmatch(start)
	if action == nil || manifest == nil {
		t.Fatalf("no form on the setup page:\n%s", start)
	}
	res, err := noFollow.PostForm(html.UnescapeString(action[1]), url.Values{"manifest": {html.UnescapeString(manifest[1])}})
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != http.StatusFound {
		t.Fatalf("GitHub answered %d", res.StatusCode)
	}
	return body(noFollow.Get(res.Header.Get("Location")))
}

// startSetup runs `mentorbot setup` and returns the address of its page
// and a function that waits for the process and returns its output.
func startSetup(t *testing.T, env []string, args ...string) (page string, finish func() (string, error)) {
	t.Helper()
	cmd := exec.Command(binary, append([]string{"setup", "--listen", "127.0.0.1:0", "--no-browser"}, args...)...)
	cmd.Env = append(os.Environ(), env...)
	cmd.Dir = t.TempDir()
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	var stderr strings.Builder
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if cmd.ProcessState == nil {
			cmd.Process.Kill()
			cmd.Wait()
		}
	})
	lines := make(chan string)
	go func() {
		sc := bufio.NewScanner(stdout)
		for sc.Scan() {
			lines <- sc.Text()
		}
		close(lines)
	}()
	all := []string{}
	finish = func() (string, error) {
		for l := range lines { // all of stdout first: Wait closes the pipe
			all = append(all, l)
		}
		err := cmd.Wait()
		return strings.Join(all, "\n") + "\n" + stderr.String(), err
	}
	select {
	case l, ok := <-lines:
		m := startLine.FindStringSubmatch(l)
		if !ok || m == nil {
			out, _ := finish()
			t.Fatalf("setup printed %q\n%s", l, out)
		}
		all = append(all, l)
		return m[1], finish
	case <-time.After(20 * time.Second):
		t.Fatal("setup printed nothing")
	}
	return "", nil
}

func TestSetupRegistersTheApp(t *testing.T) {
	emu, ghURL := emulator(t)
	emu.AddOrg("octo-org")
	dir := t.TempDir()
	config := filepath.Join(dir, "mentorbot.yml")
	before := "# Our mentorbot.\ndatabase:\n  url: sqlite://" + filepath.Join(dir, "mentorbot.db") + " # next to the config\nworkers: 2\n"
	if err := os.WriteFile(config, []byte(before), 0o644); err != nil {
		t.Fatal(err)
	}
	port := freePort(t)
	public := fmt.Sprintf("http://127.0.0.1:%d", port)

	page, finish := startSetup(t, githubEnv(ghURL), "--config", config, "--org", "octo-org", "--public-url", public)
	if done := pressTheButton(t, page); !strings.Contains(done, "is registered") {
		t.Fatalf("last page:\n%s", done)
	}
	out, err := finish()
	if err != nil {
		t.Fatalf("setup: %v\n%s", err, out)
	}
	for _, want := range []string{"Registered the GitHub App", fmt.Sprintf("(ID %d,", emu.AppID()), "mode 0600", "/apps/mentorbot/installations/new"} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}

	data, err := os.ReadFile(config)
	if err != nil {
		t.Fatal(err)
	}
	if st, _ := os.Stat(config); st.Mode().Perm() != 0o600 {
		t.Errorf("mode %v", st.Mode().Perm())
	}
	for _, kept := range []string{"# Our mentorbot.", "# next to the config", "workers: 2", "v3_api_url: " + ghURL + "/api/v3/", "public_url: " + public} {
		if !strings.Contains(string(data), kept) {
			t.Errorf("file lacks %q:\n%s", kept, data)
		}
	}
	// The file is all `serve` needs (nothing comes from the environment now).
	cfg, err := app.LoadConfig(config, false)
	if err == nil {
		err = cfg.RequireApp()
	}
	if err != nil {
		t.Fatal(err)
	}
	if cfg.Github.App.IntegrationID != emu.AppID() || cfg.Github.App.PrivateKey != string(emu.PrivateKeyPEM()) || cfg.Workers != 2 {
		t.Fatalf("loaded app %d, workers %d, key matches %v", cfg.Github.App.IntegrationID, cfg.Workers, cfg.Github.App.PrivateKey == string(emu.PrivateKeyPEM()))
	}
	if strings.Contains(out, cfg.Github.App.WebhookSecret) || strings.Contains(out, "PRIVATE KEY") {
		t.Fatal("setup printed a secret")
	}

	// GitHub now signs webhooks with the new secret, and serve accepts them.
	svc := startService(t, []string{fmt.Sprintf("MENTORBOT_PORT=%d", port), "MENTORBOT_LOG_LEVEL=warn"}, "--config", config)
	d, err := emu.Deliver("ping", map[string]any{"zen": "Design for failure.", "hook_id": 1})
	if err != nil || d.StatusCode != 200 || d.Payload == nil {
		t.Fatalf("ping: %v %d %s\n%s", err, d.StatusCode, d.ResponseBody, svc.stderr)
	}
	var pages []string
	for _, c := range emu.Calls() {
		if c.Kind == "web" {
			pages = append(pages, c.Method+" "+c.Path)
		}
	}
	if len(pages) != 1 || pages[0] != "POST /organizations/octo-org/settings/apps/new" {
		t.Errorf("the browser went to %v", pages)
	}

	// Running setup again does not throw the working credentials away.
	out, code := runBinary(t, githubEnv(ghURL), "setup", "--config", config, "--no-browser", "--listen", "127.0.0.1:0")
	if code != 1 || !strings.Contains(out, "--force") {
		t.Fatalf("second setup: exit %d\n%s", code, out)
	}
	if again, _ := os.ReadFile(config); string(again) != string(data) {
		t.Fatal("the second setup changed the file")
	}
}

func TestSetupChecksBeforeRegistering(t *testing.T) {
	config := filepath.Join(t.TempDir(), "mentorbot.yml")
	out, code := runBinary(t, nil, "setup", "--config", config, "--no-browser")
	if code != 2 || !strings.Contains(out, "--public-url") {
		t.Fatalf("exit %d\n%s", code, out)
	}
	if _, err := os.Stat(config); !os.IsNotExist(err) {
		t.Fatal("a file was written")
	}
	out, code = runBinary(t, nil, "setup", "--config", filepath.Join(t.TempDir(), "gone", "mentorbot.yml"), "--public-url", "https://bot.example.org")
	if code != 1 || strings.Contains(out, "Open ") || !strings.Contains(out, "gone") {
		t.Fatalf("unwritable file: exit %d\n%s", code, out)
	}
	out, code = runBinary(t, nil, "setup", "stray")
	if code != 2 || !strings.Contains(out, "Usage: mentorbot setup") {
		t.Fatalf("stray argument: exit %d\n%s", code, out)
	}
}
