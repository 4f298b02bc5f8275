package main

import (
	"fmt"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestCrashLosesNothing acknowledges deliveries in a process that does not
// handle them yet, kills it with SIGKILL, and checks that a new process
// handles every one exactly once.
func TestCrashLosesNothing(t *testing.T) {
	const n = 40
	dbPath := filepath.Join(t.TempDir(), "crash.db")
	dbURL := "sqlite://" + dbPath
	port := freePort(t)

	first := startService(t, append(baseEnv(t, dbURL, port), "MENTORBOT_WORKERS=0"))
	for i := 0; i < n; i++ {
		if code := postSigned(t, first.url, "installation", fmt.Sprintf("crash-%d", i), installationCreated(t, i)); code != 200 {
			t.Fatalf("delivery %d: status %d", i, code)
		}
	}
	first.cmd.Process.Signal(syscall.SIGKILL)
	first.cmd.Wait()

	second := startService(t, append(baseEnv(t, dbURL, port), "MENTORBOT_WORKERS=4"))
	deadline := time.Now().Add(20 * time.Second)
	env := []string{"MENTORBOT_DATABASE_URL=" + dbURL}
	for {
		out := list(t, env, "done")
		if strings.Count(out, "crash-") == n {
			for _, line := range strings.Split(out, "\n") {
				if strings.HasPrefix(line, "crash-") && !strings.Contains(line, " done ") {
					t.Fatalf("unexpected row: %s", line)
				}
				if f := strings.Fields(line); len(f) > 4 && strings.HasPrefix(line, "crash-") && f[4] != "1" {
					t.Fatalf("delivery handled more than once: %s", line)
				}
			}
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("only %d of %d deliveries handled:\n%s\n%s", strings.Count(out, "crash-"), n, out, second.stderr)
		}
		time.Sleep(50 * time.Millisecond)
	}

	// Graceful stop: SIGTERM ends the process with status 0.
	second.cmd.Process.Signal(syscall.SIGTERM)
	if err := second.cmd.Wait(); err != nil {
		t.Fatalf("SIGTERM: %v\n%s", err, second.stderr)
	}
}

func list(t *testing.T, env []string, state string) string {
	t.Helper()
	cmd := exec.Command(binary, "deliveries", "list", "--state", state, "--limit", "1000")
	cmd.Env = append(cmd.Environ(), env...)
	cmd.Dir = t.TempDir()
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("deliveries list: %v\n%s", err, out)
	}
	return string(out)
}
