// Package hooktest is the attacker's side of the intake's attack tests:
// it sends large forged webhook deliveries concurrently, and reads what
// they cost the process that received them. The service's tests (package
// app) and the binary's (cmd/mentorbot) share it.
package hooktest

import (
	"fmt"
	"io"
	"net/http"
	"os"
	"strconv"
	"strings"
	"sync"
)

// WrongSignature is a well-formed X-Hub-Signature-256 that matches no body.
var WrongSignature = "sha256=" + strings.Repeat("0", 64)

// body streams a JSON-looking body of left bytes without holding them, so
// the attacker's side costs no memory.
type body struct{ left int64 }

func (b *body) Read(p []byte) (int, error) {
	if b.left <= 0 {
		return 0, io.EOF
	}
	if int64(len(p)) > b.left {
		p = p[:b.left]
	}
	for i := range p {
		p[i] = 'a'
	}
	p[0] = '{'
	b.left -= int64(len(p))
	return len(p), nil
}

// Answers holds the status of each forged request, 0 where the connection
// closed while sending.
type Answers []int

// Forge sends n concurrent ping deliveries of size bytes each to hookURL,
// carrying signature (none when "") and the delivery ID id(i), and returns
// their answers once all are done.
func Forge(hookURL string, n int, size int64, signature string, id func(i int) string) Answers {
	answers := make(Answers, n)
	var wg sync.WaitGroup
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			req, err := http.NewRequest(http.MethodPost, hookURL, &body{left: size})
			if err != nil {
				return
			}
			req.ContentLength = size
			req.Header.Set("Content-Type", "application/json")
			req.Header.Set("X-GitHub-Event", "ping")
			req.Header.Set("X-GitHub-Delivery", id(i))
			if signature != "" {
				req.Header.Set("X-Hub-Signature-256", signature)
			}
			res, err := http.DefaultClient.Do(req)
			if err != nil {
				return // 0: the connection closed while sending
			}
			_, _ = io.Copy(io.Discard, res.Body)
			res.Body.Close()
			answers[i] = res.StatusCode
		}()
	}
	wg.Wait()
	return answers
}

// Accepted lists the requests that were answered with success.
func (a Answers) Accepted() []int {
	var out []int
	for i, code := range a {
		if code >= 200 && code < 300 {
			out = append(out, i)
		}
	}
	return out
}

// Count is how many requests got each status.
func (a Answers) Count() map[int]int {
	count := map[int]int{}
	for _, code := range a {
		count[code]++
	}
	return count
}

// MemoryKB reads a memory line of /proc/PID/status (VmRSS, VmHWM), in kB;
// pid 0 is this process. It fails where there is no /proc.
func MemoryKB(pid int, key string) (int64, error) {
	proc := "self"
	if pid != 0 {
		proc = strconv.Itoa(pid)
	}
	b, err := os.ReadFile("/proc/" + proc + "/status")
	if err != nil {
		return 0, err
	}
	for _, line := range strings.Split(string(b), "\n") {
		if v, ok := strings.CutPrefix(line, key+":"); ok {
			return strconv.ParseInt(strings.TrimSuffix(strings.TrimSpace(v), " kB"), 10, 64)
		}
	}
	return 0, fmt.Errorf("no %s in /proc/%s/status", key, proc)
}
