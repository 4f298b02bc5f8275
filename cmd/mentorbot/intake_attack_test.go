package main

import (
	"errors"
	"fmt"
	"io/fs"
	"path/filepath"
	"strings"
	"testing"

	"github.com/mentorbot/mentorbot/app/hooktest"
)

// residentKB reads a memory line of /proc/PID/status, in kB; it skips the
// test where there is no /proc.
func residentKB(t *testing.T, pid int, key string) int64 {
	t.Helper()
	kB, err := hooktest.MemoryKB(pid, key)
	if errors.Is(err, fs.ErrNotExist) {
		t.Skipf("no /proc here: %v", err)
	}
	if err != nil {
		t.Fatal(err)
	}
	return kB
}

// TestForgedBodiesAgainstTheBinary sends 32 concurrent 25 MiB bodies to
// the real binary, with a wrong signature and with none at all: every one
// is refused, nothing is stored, and its resident memory stays under
// 150 MB.
func TestForgedBodiesAgainstTheBinary(t *testing.T) {
	if testing.Short() {
		t.Skip("sends 2 × 800 MB over loopback")
	}
	for _, tc := range []struct{ name, signature string }{
		{"wrong signature", hooktest.WrongSignature},
		{"unsigned", ""},
	} {
		t.Run(tc.name, func(t *testing.T) { bigBodies(t, tc.signature) })
	}
}

// bigBodies sends 32 concurrent 25 MiB bodies carrying signature (none
// when "") to a fresh binary and checks what they cost.
func bigBodies(t *testing.T, signature string) {
	dbURL := "sqlite://" + filepath.Join(t.TempDir(), "attack.db")
	s := startService(t, baseEnv(t, dbURL, freePort(t)))
	pid := s.cmd.Process.Pid
	idle := residentKB(t, pid, "VmRSS")
	const n, size = 32, 25 << 20
	answers := hooktest.Forge(s.url+"/api/github/hook", n, size, signature, func(i int) string { return fmt.Sprintf("forged-%d", i) })
	peak := residentKB(t, pid, "VmHWM")
	for _, i := range answers.Accepted() {
		t.Errorf("forged request %d accepted: %d", i, answers[i])
	}
	t.Logf("%d × 25 MiB (%s): answers %v; resident %.1f MB idle, peak %.1f MB", n, t.Name(), answers.Count(), float64(idle)/1024, float64(peak)/1024)
	if peak*1024 > 150e6 {
		t.Errorf("peak resident memory %.1f MB, want under 150 MB", float64(peak)/1024)
	}
	if out := list(t, []string{"MENTORBOT_DATABASE_URL=" + dbURL}, "all"); strings.Contains(out, "forged-") {
		t.Errorf("a forged delivery was stored:\n%s", out)
	}
}
