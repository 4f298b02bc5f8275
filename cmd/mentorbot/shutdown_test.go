package main

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/mentorbot/mentorbot/app/ghemu"
)

const shutdownMentorship = `version: 1
mentors:
  - login: ana
  - login: bo
`

// TestShutdownWithSlowGitHub stops the real binary with SIGTERM while a
// handler waits on a GitHub that does not answer: the service answers 503
// while it drains, exits 0 within server.shutdown_timeout and a small
// margin, and the next start finishes the acknowledged delivery.
func TestShutdownWithSlowGitHub(t *testing.T) {
	const timeout = 3 * time.Second
	const margin = 3 * time.Second
	emu, err := ghemu.New(ghemu.Options{AppID: 7, AppSlug: "mentorbot", EmitWebhooks: true})
	if err != nil {
		t.Fatal(err)
	}
	emuSrv := httptest.NewServer(emu)
	t.Cleanup(emuSrv.Close)
	t.Cleanup(func() { emu.Close() })
	emu.SetBaseURL(emuSrv.URL)
	const org, repo = "octo-org", "widgets"
	emu.AddOrg(org)
	emu.AddOrgMember(org, "ana")
	emu.AddOrgMember(org, "bo")
	emu.AddRepo(org, repo, ghemu.RepoOptions{})
	emu.AddInstallation(99, org, repo)
	emu.PutFile(org, repo, ".github/mentorship.yml", []byte(shutdownMentorship))

	dbURL := "sqlite://" + filepath.Join(t.TempDir(), "shutdown.db")
	env := append(githubEnv(emuSrv.URL),
		fmt.Sprintf("GITHUB_APP_INTEGRATION_ID=%d", emu.AppID()),
		"GITHUB_APP_WEBHOOK_SECRET="+secret,
		"GITHUB_APP_PRIVATE_KEY="+string(emu.PrivateKeyPEM()),
		"MENTORBOT_DATABASE_URL="+dbURL,
		fmt.Sprintf("MENTORBOT_PORT=%d", freePort(t)),
		"MENTORBOT_LOG_LEVEL=info",
		"MENTORBOT_WRITE_INTERVAL=1ms",
		fmt.Sprintf("MENTORBOT_SHUTDOWN_TIMEOUT=%s", timeout))

	// GitHub takes a minute to list the pull request's files: the welcome
	// cannot finish before the deadline.
	removeFault := emu.InjectFault(ghemu.Fault{Method: http.MethodGet, Path: slowPath, Delay: time.Minute})
	first := startService(t, env)
	emu.SetWebhookTarget(first.url+"/api/github/hook", secret)
	number := emu.OpenPullRequest(org, repo, "newcomer", ghemu.PullOptions{Title: "A first change"})
	emu.WaitIdle()
	deliveries := emu.Deliveries()
	if len(deliveries) == 0 || deliveries[len(deliveries)-1].StatusCode != http.StatusOK {
		t.Fatalf("the pull request was not acknowledged: %+v", deliveries)
	}
	acked := deliveries[len(deliveries)-1].GUID
	waitFor(t, "the handler to start", func() bool {
		return strings.Contains(list(t, env, "running"), acked)
	})
	time.Sleep(300 * time.Millisecond) // the slow call is in flight

	start := time.Now()
	first.cmd.Process.Signal(syscall.SIGTERM)
	// While it drains: webhooks get 503 with Retry-After, /readyz 503.
	waitFor(t, "/readyz to say 503", func() bool {
		res, err := http.Get(first.url + "/readyz")
		if err != nil {
			t.Fatalf("listener closed while draining: %v", err)
		}
		res.Body.Close()
		return res.StatusCode == http.StatusServiceUnavailable
	})
	req, _ := http.NewRequest(http.MethodPost, first.url+"/api/github/hook", strings.NewReader(`{}`))
	req.Header.Set("Content-Type", "application/json")
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatalf("listener closed while draining: %v", err)
	}
	res.Body.Close()
	if res.StatusCode != http.StatusServiceUnavailable || res.Header.Get("Retry-After") == "" {
		t.Fatalf("webhook while draining: %d, Retry-After %q", res.StatusCode, res.Header.Get("Retry-After"))
	}
	err = first.cmd.Wait()
	took := time.Since(start)
	t.Logf("SIGTERM with a handler waiting on slow GitHub: exited after %v (shutdown_timeout %v), exit code %d", took.Round(time.Millisecond), timeout, first.cmd.ProcessState.ExitCode())
	if err != nil {
		t.Fatalf("SIGTERM: %v\n%s", err, first.stderr)
	}
	if took > timeout+margin {
		t.Fatalf("stopped after %v, want within %v", took, timeout+margin)
	}
	if !strings.Contains(list(t, env, "pending"), acked) {
		t.Fatalf("acknowledged delivery %s not pending after the stop:\n%s\n%s", acked, list(t, env, "all"), first.stderr)
	}

	// GitHub is quick again: the next start finishes the delivery.
	removeFault()
	second := startService(t, env)
	emu.SetWebhookTarget(second.url+"/api/github/hook", secret)
	waitFor(t, "the delivery to finish after the restart", func() bool {
		return strings.Contains(list(t, env, "done"), acked)
	})
	if n := len(emu.Comments(org, repo, number)); n != 1 {
		t.Fatalf("%d comments on the pull request, want one welcome", n)
	}
	second.cmd.Process.Signal(syscall.SIGTERM)
	if err := second.cmd.Wait(); err != nil {
		t.Fatalf("second stop: %v\n%s", err, second.stderr)
	}
}

func waitFor(t *testing.T, what string, ok func() bool) {
	t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for !ok() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// slowPath is a read the welcome makes before it writes anything.
const slowPath = "/repos/*/*/pulls/*/files"
