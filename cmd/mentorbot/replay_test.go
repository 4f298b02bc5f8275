package main

import (
	"bytes"
	"database/sql"
	"fmt"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/mentorbot/mentorbot/app/ghemu"
)

// emulator is the GitHub emulator served over HTTP for a child process.
func emulator(t *testing.T) (*ghemu.Emulator, string) {
	t.Helper()
	emu, err := ghemu.New(ghemu.Options{AppID: 7, AppSlug: "mentorbot"})
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(emu)
	t.Cleanup(srv.Close)
	t.Cleanup(func() { emu.Close() })
	emu.SetBaseURL(srv.URL)
	return emu, srv.URL
}

func githubEnv(url string) []string {
	return []string{"GITHUB_WEB_URL=" + url, "GITHUB_V3_API_URL=" + url + "/api/v3/", "GITHUB_V4_API_URL=" + url + "/api/graphql"}
}

// installationOf is GitHub's installation.created example for an
// installation of our own numbering, so each delivery records its own.
func installationOf(t *testing.T, id int64) []byte {
	t.Helper()
	b, err := os.ReadFile("../../testdata/webhooks/installation/created.payload.json")
	if err != nil {
		t.Fatal(err)
	}
	out := bytes.Replace(b, []byte(`"id": 957387,`), []byte(fmt.Sprintf(`"id": %d,`, 500000+id)), 1)
	if bytes.Equal(out, b) {
		t.Fatal("the example's installation ID moved")
	}
	return out
}

func runBinary(t *testing.T, env []string, args ...string) (string, int) {
	t.Helper()
	cmd := exec.Command(binary, args...)
	cmd.Env = append(cmd.Environ(), env...)
	cmd.Dir = t.TempDir()
	out, err := cmd.CombinedOutput()
	if _, exited := err.(*exec.ExitError); err != nil && !exited {
		t.Fatal(err)
	}
	return string(out), cmd.ProcessState.ExitCode()
}

// TestReplayAfterDowntime makes deliveries while the service is down (the
// emulator records them as failed), replays them with the CLI, and checks
// that a restarted service handles each exactly once.
func TestReplayAfterDowntime(t *testing.T) {
	emu, ghURL := emulator(t)
	dbURL := "sqlite://" + filepath.Join(t.TempDir(), "replay.db")
	port := freePort(t)
	env := append(githubEnv(ghURL),
		fmt.Sprintf("GITHUB_APP_INTEGRATION_ID=%d", emu.AppID()),
		"GITHUB_APP_WEBHOOK_SECRET="+secret,
		"GITHUB_APP_PRIVATE_KEY="+string(emu.PrivateKeyPEM()),
		"MENTORBOT_DATABASE_URL="+dbURL,
		fmt.Sprintf("MENTORBOT_PORT=%d", port),
		"MENTORBOT_LOG_LEVEL=warn")
	deliver := func(event string, payload []byte, want int) ghemu.Delivery {
		t.Helper()
		d, _ := emu.Deliver(event, payload)
		if d.StatusCode != want {
			t.Fatalf("%s delivery: status %d (%s), want %d", event, d.StatusCode, d.Status, want)
		}
		return d
	}

	// Up: three installations arrive, and an event mentorbot does not handle.
	up := startService(t, env)
	emu.SetWebhookTarget(up.url+"/api/github/hook", secret)
	for i := range 3 {
		deliver("installation", installationOf(t, int64(i)), 200)
	}
	deliver("watch", []byte(`{"action":"started"}`), 202)
	up.cmd.Process.Signal(syscall.SIGTERM)
	if err := up.cmd.Wait(); err != nil {
		t.Fatalf("stop: %v\n%s", err, up.stderr)
	}

	// Down: five more, one of them redelivered by hand, and a star.
	emu.SetWebhookTarget(fmt.Sprintf("http://127.0.0.1:%d/api/github/hook", port), secret)
	var missed []string
	for i := 10; i < 15; i++ {
		missed = append(missed, deliver("installation", installationOf(t, int64(i)), 0).GUID)
	}
	last := emu.Deliveries()[len(emu.Deliveries())-1]
	if d, _ := emu.Redeliver(last.ID); d.StatusCode != 0 || d.GUID != last.GUID {
		t.Fatalf("redelivery %+v", d)
	}
	deliver("star", []byte(`{"action":"created"}`), 0)

	out, code := runBinary(t, env, "deliveries", "replay", "--since", "1h")
	if code != 0 || !strings.Contains(out, "GitHub recorded 11 delivery attempts") ||
		!strings.Contains(out, "Found 8 deliveries of events mentorbot handles (2 of other events skipped).") ||
		!strings.Contains(out, "Already known: 3. Enqueued: 5.") {
		t.Fatalf("replay: exit %d\n%s", code, out)
	}
	out, code = runBinary(t, env, "deliveries", "replay")
	if code != 0 || !strings.Contains(out, "Already known: 8. Enqueued: 0.") {
		t.Fatalf("second replay: exit %d\n%s", code, out)
	}
	pending := list(t, env, "pending")
	for _, id := range missed {
		if !strings.Contains(pending, id) {
			t.Fatalf("%s is not queued:\n%s", id, pending)
		}
	}

	// Up again: the workers handle each replayed delivery once.
	again := startService(t, env)
	deadline := time.Now().Add(20 * time.Second)
	for {
		done := list(t, env, "done")
		handled := 0
		for _, line := range strings.Split(done, "\n") {
			f := strings.Fields(line)
			for _, id := range missed {
				if len(f) > 4 && f[0] == id {
					if f[4] != "1" {
						t.Fatalf("handled more than once: %s", line)
					}
					handled++
				}
			}
		}
		if handled == len(missed) {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("%d of %d replayed deliveries handled:\n%s\n%s", handled, len(missed), done, again.stderr)
		}
		time.Sleep(50 * time.Millisecond)
	}
	again.cmd.Process.Signal(syscall.SIGTERM)
	if err := again.cmd.Wait(); err != nil {
		t.Fatalf("stop: %v\n%s", err, again.stderr)
	}
	// The app never reads installations back; the test reads the file.
	db, err := sql.Open("sqlite", "file:"+strings.TrimPrefix(dbURL, "sqlite://")+"?_pragma=query_only(1)")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var insts int
	if err := db.QueryRow(`SELECT COUNT(*) FROM installations`).Scan(&insts); err != nil || insts != 8 {
		t.Fatalf("%d installations recorded, want 8 (%v)", insts, err)
	}
}

func TestReplayUsage(t *testing.T) {
	for _, args := range [][]string{{"--since", "-1h"}, {"--since", "soon"}, {"extra"}} {
		out, code := runBinary(t, nil, append([]string{"deliveries", "replay"}, args...)...)
		if code != 2 || !strings.Contains(out, "Usage: mentorbot deliveries replay") {
			t.Errorf("%v: exit %d\n%s", args, code, out)
		}
	}
	out, code := runBinary(t, []string{"GITHUB_APP_INTEGRATION_ID="}, "deliveries", "replay")
	if code != 1 || !strings.Contains(strings.ToLower(out), "integration_id") {
		t.Errorf("without credentials: exit %d\n%s", code, out)
	}
}
