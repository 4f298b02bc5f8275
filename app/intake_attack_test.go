package app

import (
	"fmt"
	"runtime"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/mentorbot/mentorbot/app/hooktest"
)

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

// procStatus is a memory line of this process's /proc status, or "n/a".
func procStatus(key string) string {
	kB, err := hooktest.MemoryKB(0, key)
	if err != nil {
		return "n/a"
	}
	return fmt.Sprintf("%d kB", kB)
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
		{"wrong signature", hooktest.WrongSignature},
		{"no signature", ""},
	} {
		t.Run(c.name, func(t *testing.T) {
			runtime.GC()
			stop := memoryPeak()
			answers := hooktest.Forge(r.url+"/api/github/hook", n, size, c.signature, func(int) string { return newDeliveryID() })
			heap, rss := stop()
			for _, i := range answers.Accepted() {
				t.Errorf("request %d accepted: %d", i, answers[i])
			}
			t.Logf("%d × 25 MiB, %s: answers %v (0: connection closed while sending); peak heap in use %.1f MB; process VmHWM %s",
				n, c.name, answers.Count(), float64(heap)/1e6, rss)
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
