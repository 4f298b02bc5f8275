package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// runIn runs the real binary in dir with env added to the environment.
func runIn(t *testing.T, dir string, env []string, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	cmd := exec.Command(binary, args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), env...)
	var out, errOut strings.Builder
	cmd.Stdout, cmd.Stderr = &out, &errOut
	if err := cmd.Run(); err != nil {
		if _, ok := err.(*exec.ExitError); !ok {
			t.Fatal(err)
		}
	}
	return out.String(), errOut.String(), cmd.ProcessState.ExitCode()
}

// TestCommandsRefuseAMissingStore: the commands that read the store say
// which file they expected instead of creating an empty one.
func TestCommandsRefuseAMissingStore(t *testing.T) {
	for _, args := range [][]string{
		{"report"},
		{"deliveries", "list"},
		{"deliveries", "retry", "some-id"},
		{"deliveries", "replay"},
		{"schedule", "run"},
	} {
		t.Run(strings.Join(args, " "), func(t *testing.T) {
			dir := t.TempDir()
			path := filepath.Join(dir, "data", "mentorbot.db")
			env := baseEnv(t, "sqlite://"+path, freePort(t))
			_, errOut, code := runIn(t, dir, env, args...)
			if code != exitFailure || !strings.Contains(errOut, path) || !strings.Contains(errOut, "mentorbot serve") {
				t.Fatalf("exit %d, stderr %q; want 1 naming %s and mentorbot serve", code, errOut, path)
			}
			if _, err := os.Stat(filepath.Dir(path)); !os.IsNotExist(err) {
				t.Fatalf("the command created %s", filepath.Dir(path))
			}
		})
	}
	t.Run("default store in the working folder", func(t *testing.T) {
		dir := t.TempDir()
		_, errOut, code := runIn(t, dir, []string{"MENTORBOT_DATABASE_URL="}, "report")
		if code != exitFailure || !strings.Contains(errOut, filepath.Join(dir, "mentorbot.db")) {
			t.Fatalf("exit %d, stderr %q", code, errOut)
		}
		if entries, _ := os.ReadDir(dir); len(entries) != 0 {
			t.Fatalf("the working folder now holds %v", entries)
		}
	})
}
