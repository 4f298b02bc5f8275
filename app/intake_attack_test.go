package app

import (
	"io"
	"net/http"
	"os"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// filler streams n bytes of a JSON-looking body without holding them, so
// the attacker's side of the test costs no memory.
type filler struct{ left int64 }

func (f *filler) Read(p []byte) (int, error) {
	if f.left <= 0 {
		return 0, io.EOF
	}
	if int64(len(p)) > f.left {
		p = p[:f.left]
	}
	for i := range p {
		p[i] = 'a'
	}
	p[0] = '{'
	f.left -= int64(len(p))
	return len(p), nil
}

// memoryPeak samples the heap in use until stop is called, and returns the
// highest figure with the process's resident high-water mark.
func memoryPeak() (stop func() (heapPeak uint64, rssPeak string)) {
	var peak atomic.Uint64
	done := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		var ms runtime.MemStats
		for {
			runtime.ReadMemStats(&ms)
			if ms.HeapInuse > peak.Load() {
				peak.Store(ms.HeapInuse)
			}
			select {
			case <-done:
				return
			case <-time.After(5 * time.Millisecond):
			}
		}
	}()
	return func() (uint64, string) {
		close(done)
		wg.Wait()
		return peak.Load(), procStatus("VmHWM")
	}
}

func procStatus(key string) string {
	b, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return "n/a"
	}
	for _, line := range strings.Split(string(b), "\n") {
		if v, ok := strings.CutPrefix(line, key+":"); ok {
			return strings.TrimSpace(v)
		}
	}
	return "n/a"
}

// TestForgedBodiesCostLittleMemory sends 32 concurrent 25 MiB bodies with a
// wrong signature, then 32 with none, to the running service: every one is
// refused and the heap stays small (contract section 3: a forged request
// costs no more than a small buffer).
func TestForgedBodiesCostLittleMemory(t *testing.T) {
	if testing.Short() {
		t.Skip("sends 1.6 GB over loopback")
	}
	r := start(t, testConfig(t, ""))
	const n = 32
	const size = 25 << 20
	for _, c := range []struct{ name, signature string }{
		{"wrong signature", "sha256=" + strings.Repeat("0", 64)},
		{"no signature", ""},
	} {
		t.Run(c.name, func(t *testing.T) {
			runtime.GC()
			stop := memoryPeak()
			var wg sync.WaitGroup
			statuses := make([]int, n)
			errs := make([]error, n)
			for i := range n {
				wg.Add(1)
				go func() {
					defer wg.Done()
					req, _ := http.NewRequest(http.MethodPost, r.url+"/api/github/hook", &filler{left: size})
					req.ContentLength = size
					req.Header.Set("Content-Type", "application/json")
					req.Header.Set("X-GitHub-Event", "ping")
					req.Header.Set("X-GitHub-Delivery", newDeliveryID())
					if c.signature != "" {
						req.Header.Set("X-Hub-Signature-256", c.signature)
					}
					res, err := http.DefaultClient.Do(req)
					if err != nil {
						errs[i] = err
						return
					}
					io.Copy(io.Discard, res.Body)
					res.Body.Close()
					statuses[i] = res.StatusCode
				}()
			}
			wg.Wait()
			heap, rss := stop()
			count := map[int]int{}
			for i := range n {
				if statuses[i] >= 200 && statuses[i] < 300 {
					t.Errorf("request %d accepted: %d", i, statuses[i])
				}
				count[statuses[i]]++
			}
			t.Logf("%d × 25 MiB, %s: answers %v (0: connection closed while sending); peak heap in use %.1f MB; process VmHWM %s",
				n, c.name, count, float64(heap)/1e6, rss)
			if heap > 150e6 {
				t.Errorf("peak heap in use %.1f MB, want under 150 MB", float64(heap)/1e6)
			}
		})
	}
	depth, _ := r.app.Store().QueueDepth(t.Context())
	for state, k := range depth {
		if k != 0 {
			t.Errorf("%d deliveries %s after forged requests", k, state)
		}
	}
}
