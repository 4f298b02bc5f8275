package app

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus"
)

// A non-2xx GitHub answer must not hold a goroutine or memory once the
// caller has it: 10,000 of them (the two 404s of an event from a
// repository without mentorship.yml, 5,000 times) through the service's
// own client stack, then goroutines and heap back near where they began.
func TestNonSuccessAnswersLeakNothing(t *testing.T) {
	if testing.Short() {
		t.Skip("10,000 requests")
	}
	const answers, workers = 10_000, 8
	// A bare server rather than the emulator: the figures are the
	// client's alone, and 10,000 emulated calls take a minute under -race.
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json; charset=utf-8")
		if r.Method == http.MethodPost && strings.HasSuffix(r.URL.Path, "/access_tokens") {
			w.WriteHeader(http.StatusCreated)
			fmt.Fprintf(w, `{"token":"ghs_test","expires_at":%q}`, time.Now().Add(time.Hour).Format(time.RFC3339))
			return
		}
		w.WriteHeader(http.StatusNotFound)
		io.WriteString(w, `{"message":"Not Found","documentation_url":"https://docs.github.com/rest/repos/contents#get-repository-content","status":"404"}`)
	}))
	t.Cleanup(srv.Close)
	cfg := testConfig(t, srv.URL)
	creator, err := newClientCreator(cfg, prometheus.NewRegistry())
	if err != nil {
		t.Fatal(err)
	}
	client, err := creator.NewInstallationClient(installationID)
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	get := func() {
		_, _, res, err := client.Repositories.GetContents(ctx, org, repoName, ".github/mentorship.yml", nil)
		if err == nil || res == nil || res.StatusCode != http.StatusNotFound {
			t.Errorf("GetContents() = %v, %v; want 404", res, err)
		}
	}
	get() // token, connections and caches made before the baseline
	goroutines0, heap0 := settledFigures(0, 0)

	var wg sync.WaitGroup
	for range workers {
		wg.Go(func() {
			for range answers / workers {
				get()
			}
		})
	}
	wg.Wait()
	goroutines1, heap1 := runtime.NumGoroutine(), heapInUse()
	goroutines, heap := settledFigures(goroutines0+20, heap0+8<<20)
	t.Logf("after %d non-2xx answers: goroutines %d → %d (%d settled), heap %.1f → %.1f MB (%.1f settled)",
		answers, goroutines0, goroutines1, goroutines, mb(heap0), mb(heap1), mb(heap))
	if goroutines > goroutines0+20 {
		t.Errorf("goroutines = %d after %d non-2xx answers, want about %d", goroutines, answers, goroutines0)
	}
	if heap > heap0+8<<20 {
		t.Errorf("heap in use = %.1f MB after %d non-2xx answers, want about %.1f MB", mb(heap), answers, mb(heap0))
	}
}

// settledFigures collects garbage and returns the goroutine count and heap
// in use, waiting up to ten seconds for them to fall to the given ceilings
// (none when zero).
func settledFigures(maxGoroutines int, maxHeap uint64) (int, uint64) {
	deadline := time.Now().Add(10 * time.Second)
	for {
		runtime.GC()
		g, h := runtime.NumGoroutine(), heapInUse()
		if maxGoroutines == 0 || (g <= maxGoroutines && h <= maxHeap) || time.Now().After(deadline) {
			return g, h
		}
		time.Sleep(100 * time.Millisecond)
	}
}

func heapInUse() uint64 {
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return m.HeapInuse
}

func mb(b uint64) float64 { return float64(b) / (1 << 20) }
