package app

import (
	"os"
	"runtime"
	"testing"
	"time"
)

// TestResidentMemoryAt200EventsPerSecond measures the process while
// repositories without mentorship.yml send 200 pull_request events a
// second for 10 s: each costs a config read (a 404 the first time, then
// the cache) and nothing else. It prints the figure; set
// MENTORBOT_RSS_LOAD=1 to run it (the process holds the emulator and the
// test too, so the service alone uses less).
//
//	MENTORBOT_RSS_LOAD=1 go test -count=1 -run TestResidentMemoryAt200EventsPerSecond -v ./app
func TestResidentMemoryAt200EventsPerSecond(t *testing.T) {
	if os.Getenv("MENTORBOT_RSS_LOAD") == "" {
		t.Skip("set MENTORBOT_RSS_LOAD=1 to measure resident memory under load")
	}
	w := newWorld(t, "") // no mentorship.yml: the app is off there
	base := readPayload(t, "webhooks/pull_request/opened.payload.json")
	const rate, seconds = 200, 10
	tick := time.NewTicker(time.Second / rate)
	defer tick.Stop()
	start := time.Now()
	for i := range rate * seconds {
		<-tick.C
		body := editJSON(t, base, func(m map[string]any) {
			ours(m)
			m["number"] = i + 1
			m["pull_request"].(map[string]any)["number"] = i + 1
		})
		if res := post(t, w.app.url, "pull_request", newDeliveryID(), body); res.StatusCode >= 300 {
			t.Fatalf("delivery %d: %s", i, res.Status)
		}
	}
	sent := time.Since(start)
	w.settle()
	runtime.GC()
	t.Logf("%d events in %v (%.0f/s), all handled; peak RSS %s, RSS now %s, goroutines %d",
		rate*seconds, sent.Round(time.Millisecond), float64(rate*seconds)/sent.Seconds(),
		procStatus("VmHWM"), procStatus("VmRSS"), runtime.NumGoroutine())
}
