package app

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/palantir/go-githubapp/githubapp"

	"github.com/mentorbot/mentorbot/app/store"
)

// What the intake benchmarks post: a pull_request delivery, padded to
// 25 KB. It must be an event the app stores: BenchmarkIntake fails on a 202.
const (
	benchEvent   = "pull_request"
	benchPayload = "webhooks/pull_request/opened.payload.json"
	benchSize    = 25000
	// benchParallelism × GOMAXPROCS goroutines post at once: 64 on two
	// cores, as many as the load generator's default.
	benchParallelism = 32
	// The baseline's queue and pool, as go-githubapp apps configure them.
	baselineQueue   = 100
	baselineWorkers = 10
)

// BenchmarkIntake posts signed 25 KB deliveries to a running app over
// loopback, with no workers (the figure is the intake's alone), and checks
// that every acknowledged delivery is in the store.
//
//	go test -run '^$' -bench BenchmarkIntake -benchtime 5s ./app
func BenchmarkIntake(b *testing.B) {
	cfg := testConfig(b, "")
	cfg.Workers = 0
	r := start(b, cfg)
	res := benchPost(b, r.url+githubapp.DefaultWebhookRoute, benchBody(b))

	if n := res.status[http.StatusAccepted]; n > 0 {
		b.Fatalf("%d answers were 202: the app does not store %s deliveries, so this is no figure of a durable intake", n, benchEvent)
	}
	for code, n := range res.status {
		if code != http.StatusOK {
			b.Errorf("%d answers were %d, want 200", n, code)
		}
	}
	depth, err := r.app.Store().QueueDepth(context.Background())
	if err != nil {
		b.Fatal(err)
	}
	stored := depth[store.StatePending] + depth[store.StateRunning] + depth[store.StateDone] + depth[store.StateDead]
	if stored != res.acked {
		b.Fatalf("%d deliveries acknowledged, %d stored", res.acked, stored)
	}
}

// BenchmarkIntakeBaseline posts the same deliveries to a stock go-githubapp
// server: the event dispatcher with the in-memory QueueAsyncScheduler and a
// handler that does nothing. Its 503s (queue full) are reported, not failed.
//
//	go test -run '^$' -bench BenchmarkIntakeBaseline -benchtime 5s ./app
func BenchmarkIntakeBaseline(b *testing.B) {
	h := &countingHandler{}
	srv := httptest.NewServer(githubapp.NewEventDispatcher([]githubapp.EventHandler{h}, testSecret,
		githubapp.WithScheduler(githubapp.QueueAsyncScheduler(baselineQueue, baselineWorkers))))
	defer srv.Close()
	res := benchPost(b, srv.URL+githubapp.DefaultWebhookRoute, benchBody(b))

	for code, n := range res.status {
		if code != http.StatusOK && code != http.StatusServiceUnavailable {
			b.Errorf("%d answers were %d", n, code)
		}
	}
	deadline := time.Now().Add(10 * time.Second)
	for h.calls.Load() < int64(res.acked) && time.Now().Before(deadline) {
		time.Sleep(time.Millisecond)
	}
	if got := h.calls.Load(); got != int64(res.acked) {
		b.Fatalf("%d deliveries acknowledged, %d handled", res.acked, got)
	}
}

type countingHandler struct{ calls atomic.Int64 }

func (h *countingHandler) Handles() []string { return []string{benchEvent} }

func (h *countingHandler) Handle(context.Context, string, string, []byte) error {
	h.calls.Add(1)
	return nil
}

// benchBody is the benchmark's payload, compacted as GitHub sends it and
// padded to benchSize bytes with a string field.
func benchBody(b *testing.B) []byte {
	b.Helper()
	var buf bytes.Buffer
	if err := json.Compact(&buf, readPayload(b, benchPayload)); err != nil {
		b.Fatal(err)
	}
	const field = `,"_bench_padding":""`
	gap := benchSize - buf.Len() - len(field)
	if gap < 0 {
		b.Fatalf("%s is %d bytes compacted, more than %d", benchPayload, buf.Len(), benchSize)
	}
	body := buf.Bytes()
	out := append(body[:len(body)-1:len(body)-1], []byte(`,"_bench_padding":"`+strings.Repeat("x", gap)+`"}`)...)
	if len(out) != benchSize || !json.Valid(out) {
		b.Fatalf("padded body: %d bytes, valid %v", len(out), json.Valid(out))
	}
	return out
}

type benchResult struct {
	acked  int // 2xx answers
	status map[int]int
}

// benchPost posts b.N signed deliveries, each with a fresh ID, from
// benchParallelism×GOMAXPROCS goroutines over kept-alive connections, and
// reports acknowledged deliveries per second and the 99th percentile
// latency. Requests that get no answer fail the benchmark.
func benchPost(b *testing.B, url string, body []byte) benchResult {
	b.Helper()
	tr := &http.Transport{MaxIdleConns: 1024, MaxIdleConnsPerHost: 1024, DisableCompression: true}
	defer tr.CloseIdleConnections()
	client := &http.Client{Transport: tr, Timeout: 10 * time.Second}
	sig := sign(body, testSecret)

	var (
		mu        sync.Mutex
		latencies = make([]time.Duration, 0, b.N)
		status    = map[int]int{}
		failures  atomic.Int64
		firstErr  atomic.Value
	)
	b.SetBytes(int64(len(body)))
	b.SetParallelism(benchParallelism)
	b.ResetTimer()
	began := time.Now()
	b.RunParallel(func(pb *testing.PB) {
		lat := make([]time.Duration, 0, 1024)
		codes := map[int]int{}
		for pb.Next() {
			req, _ := http.NewRequest(http.MethodPost, url, bytes.NewReader(body))
			req.Header = http.Header{
				"Content-Type":        {"application/json"},
				"User-Agent":          {"GitHub-Hookshot/bench"},
				"X-Github-Event":      {benchEvent},
				"X-Github-Delivery":   {newDeliveryID()},
				"X-Hub-Signature-256": {sig},
			}
			t0 := time.Now()
			res, err := client.Do(req)
			if err != nil {
				failures.Add(1)
				firstErr.CompareAndSwap(nil, err.Error())
				continue
			}
			io.Copy(io.Discard, res.Body)
			res.Body.Close()
			lat = append(lat, time.Since(t0))
			codes[res.StatusCode]++
		}
		mu.Lock()
		latencies = append(latencies, lat...)
		for c, n := range codes {
			status[c] += n
		}
		mu.Unlock()
	})
	elapsed := time.Since(began)
	b.StopTimer()

	if n := failures.Load(); n > 0 {
		b.Fatalf("%d requests got no answer; first: %v", n, firstErr.Load())
	}
	res := benchResult{status: status}
	for c, n := range status {
		if c >= 200 && c < 300 {
			res.acked += n
		}
	}
	slices.Sort(latencies)
	p99 := latencies[max(0, (len(latencies)*99+99)/100-1)]
	b.ReportMetric(float64(res.acked)/elapsed.Seconds(), "deliveries/s")
	b.ReportMetric(float64(p99.Microseconds()), "p99-µs")
	b.ReportMetric(float64(status[http.StatusServiceUnavailable]), "503s")
	if testing.Verbose() {
		b.Logf("N=%d in %v: status %v", b.N, elapsed.Round(time.Millisecond), fmt.Sprint(status))
	}
	return res
}
