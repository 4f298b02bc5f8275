package main

import (
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
)

// zeros streams a body of n bytes without holding it.
type zeros struct{ left int64 }

func (z *zeros) Read(p []byte) (int, error) {
	if z.left <= 0 {
		return 0, io.EOF
	}
	if int64(len(p)) > z.left {
		p = p[:z.left]
	}
	clear(p)
	p[0] = '{'
	z.left -= int64(len(p))
	return len(p), nil
}

// residentKB reads a VmRSS-like line of /proc/PID/status, in kB.
func residentKB(t *testing.T, pid int, key string) int64 {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		t.Skipf("no /proc here: %v", err)
	}
	for _, line := range strings.Split(string(b), "\n") {
		if v, ok := strings.CutPrefix(line, key+":"); ok {
			n, _ := strconv.ParseInt(strings.TrimSuffix(strings.TrimSpace(v), " kB"), 10, 64)
			return n
		}
	}
	t.Fatalf("no %s in /proc/%d/status", key, pid)
	return 0
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
		{"wrong signature", "sha256=" + strings.Repeat("0", 64)},
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
	var wg sync.WaitGroup
	answers := make([]int, n)
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			req, _ := http.NewRequest(http.MethodPost, s.url+"/api/github/hook", &zeros{left: size})
			req.ContentLength = size
			req.Header.Set("Content-Type", "application/json")
			req.Header.Set("X-GitHub-Event", "ping")
			req.Header.Set("X-GitHub-Delivery", fmt.Sprintf("forged-%d", i))
			if signature != "" {
				req.Header.Set("X-Hub-Signature-256", signature)
			}
			res, err := http.DefaultClient.Do(req)
			if err != nil {
				return // 0: the connection closed while sending
			}
			io.Copy(io.Discard, res.Body)
			res.Body.Close()
			answers[i] = res.StatusCode
		}()
	}
	wg.Wait()
	peak := residentKB(t, pid, "VmHWM")
	count := map[int]int{}
	for i, code := range answers {
		if code >= 200 && code < 300 {
			t.Errorf("forged request %d accepted: %d", i, code)
		}
		count[code]++
	}
	t.Logf("%d × 25 MiB (%s): answers %v; resident %.1f MB idle, peak %.1f MB", n, t.Name(), count, float64(idle)/1024, float64(peak)/1024)
	if peak*1024 > 150e6 {
		t.Errorf("peak resident memory %.1f MB, want under 150 MB", float64(peak)/1024)
	}
	if out := list(t, []string{"MENTORBOT_DATABASE_URL=" + dbURL}, "all"); strings.Contains(out, "forged-") {
		t.Errorf("a forged delivery was stored:\n%s", out)
	}
}
