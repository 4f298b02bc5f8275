package main

import (
	"encoding/json"
	"fmt"
	"io"
	"runtime"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"
)

// noisyCores is how much CPU other processes may take before a run's
// figures are flagged as disturbed.
const noisyCores = 0.2

// Latencies are the observed latencies, in milliseconds.
type Latencies struct {
	P50  float64 `json:"p50_ms"`
	P90  float64 `json:"p90_ms"`
	P99  float64 `json:"p99_ms"`
	Max  float64 `json:"max_ms"`
	Mean float64 `json:"mean_ms"`
}

// RSS is the target's memory as /proc reports it, in kB.
type RSS struct {
	PID       int    `json:"pid"`
	StartKB   int64  `json:"start_kb"`
	PeakKB    int64  `json:"peak_vmrss_kb"` // highest VmRSS seen during the run
	VmHWMKB   int64  `json:"vmhwm_kb"`      // the kernel's high-water mark since the process began
	Samples   int    `json:"samples"`
	LastError string `json:"error,omitempty"`
}

// Result is one run's outcome.
type Result struct {
	Label        string         `json:"label,omitempty"`
	Target       string         `json:"target"`
	Event        string         `json:"event"`
	PayloadBytes int            `json:"payload_bytes"`
	Mode         string         `json:"mode"` // closed or open
	Rate         float64        `json:"rate,omitempty"`
	Concurrency  int            `json:"concurrency"`
	Duration     float64        `json:"duration_s"`
	Elapsed      float64        `json:"elapsed_s"`
	Planned      int            `json:"planned,omitempty"` // open loop: sends scheduled
	Sent         int            `json:"sent"`
	Acknowledged int            `json:"acknowledged"` // 2xx answers
	AckPerSecond float64        `json:"ack_per_s"`
	Status       map[string]int `json:"status"`
	Errors       map[string]int `json:"errors,omitempty"`
	Latency      Latencies      `json:"latency"`
	Stored       *int           `json:"stored,omitempty"` // with -metrics: deliveries the store gained during the run
	RSS          *RSS           `json:"rss,omitempty"`
	OtherCores   *float64       `json:"other_cores,omitempty"` // CPU used by other processes during the run, in cores
	Warnings     []string       `json:"warnings,omitempty"`
}

// summarize computes the percentiles of ds, sorting it in place. The
// p-th percentile is the smallest value at or above p percent of samples.
func summarize(ds []time.Duration) Latencies {
	if len(ds) == 0 {
		return Latencies{}
	}
	slices.Sort(ds)
	var sum time.Duration
	for _, d := range ds {
		sum += d
	}
	return Latencies{
		P50:  ms(percentile(ds, 50)),
		P90:  ms(percentile(ds, 90)),
		P99:  ms(percentile(ds, 99)),
		Max:  ms(ds[len(ds)-1]),
		Mean: ms(sum / time.Duration(len(ds))),
	}
}

// percentile reads the nearest-rank percentile of sorted samples.
func percentile(sorted []time.Duration, p float64) time.Duration {
	if len(sorted) == 0 {
		return 0
	}
	rank := int(p/100*float64(len(sorted))+0.999999999) - 1
	rank = max(0, min(rank, len(sorted)-1))
	return sorted[rank]
}

func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }

// warn adds the warnings that a reader of the figures must see.
func (r *Result) warn() {
	if n := r.Status["202"]; n > 0 {
		r.Warnings = append(r.Warnings, fmt.Sprintf(
			"%d answers were 202 Accepted: the target does not handle %q and did not store them; this is NOT a figure of a durable intake", n, r.Event))
	}
	if n := r.Status["503"]; n > 0 {
		r.Warnings = append(r.Warnings, fmt.Sprintf("%d answers were 503 Service Unavailable: GitHub would record these deliveries as failed", n))
	}
	if r.Planned > 0 && r.Sent < r.Planned {
		r.Warnings = append(r.Warnings, fmt.Sprintf("only %d of %d scheduled requests were sent: the target or the load generator could not keep up", r.Sent, r.Planned))
	}
	if stored := r.Acknowledged - r.Status["202"]; r.Stored != nil && *r.Stored < stored {
		r.Warnings = append(r.Warnings, fmt.Sprintf("the store gained %d deliveries but %d were acknowledged as stored: deliveries were lost", *r.Stored, stored))
	}
	if r.OtherCores != nil && *r.OtherCores > noisyCores {
		r.Warnings = append(r.Warnings, fmt.Sprintf("other processes used %.2f cores during the run: the figures are low and noisy", *r.OtherCores))
	}
	if errs := sumValues(r.Errors); errs > 0 {
		r.Warnings = append(r.Warnings, fmt.Sprintf("%d requests got no answer (see errors)", errs))
	}
}

func sumValues(m map[string]int) int {
	n := 0
	for _, v := range m {
		n += v
	}
	return n
}

func (r *Result) writeJSON(w io.Writer) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(r)
}

func (r *Result) writeText(w io.Writer) {
	fmt.Fprintf(w, "target        %s\n", r.Target)
	fmt.Fprintf(w, "event         %s, %d-byte payload\n", r.Event, r.PayloadBytes)
	if r.Mode == "open" {
		fmt.Fprintf(w, "load          open loop, %.0f/s scheduled for %.0fs (%d planned), up to %d in flight\n", r.Rate, r.Duration, r.Planned, r.Concurrency)
	} else {
		fmt.Fprintf(w, "load          closed loop, %d workers, %.0fs\n", r.Concurrency, r.Duration)
	}
	fmt.Fprintf(w, "sent          %d in %.2fs\n", r.Sent, r.Elapsed)
	fmt.Fprintf(w, "acknowledged  %d (2xx), %.1f/s\n", r.Acknowledged, r.AckPerSecond)
	fmt.Fprintf(w, "status        %s\n", formatCounts(r.Status))
	if r.Stored != nil {
		fmt.Fprintf(w, "stored        %d new deliveries in the target's store\n", *r.Stored)
	}
	if len(r.Errors) > 0 {
		fmt.Fprintf(w, "errors        %s\n", formatCounts(r.Errors))
	}
	latencyFrom := "send"
	if r.Mode == "open" {
		latencyFrom = "scheduled send time"
	}
	fmt.Fprintf(w, "latency       p50 %.3fms  p90 %.3fms  p99 %.3fms  max %.3fms  (from %s)\n",
		r.Latency.P50, r.Latency.P90, r.Latency.P99, r.Latency.Max, latencyFrom)
	if r.RSS != nil {
		if r.RSS.Samples == 0 {
			fmt.Fprintf(w, "memory        pid %d: no sample (%s)\n", r.RSS.PID, r.RSS.LastError)
		} else {
			fmt.Fprintf(w, "memory        pid %d: peak VmRSS %.1f MB during the run (%.1f MB before), VmHWM %.1f MB\n",
				r.RSS.PID, mb(r.RSS.PeakKB), mb(r.RSS.StartKB), mb(r.RSS.VmHWMKB))
		}
	}
	if r.OtherCores != nil {
		fmt.Fprintf(w, "noise         other processes used %.2f of %d cores during the run\n", *r.OtherCores, runtime.NumCPU())
	}
	for _, warning := range r.Warnings {
		fmt.Fprintf(w, "WARNING       %s\n", warning)
	}
}

func mb(kb int64) float64 { return float64(kb) / 1024 }

// formatCounts prints counts sorted by key, status codes in numeric order.
func formatCounts(m map[string]int) string {
	if len(m) == 0 {
		return "none"
	}
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool {
		a, errA := strconv.Atoi(keys[i])
		b, errB := strconv.Atoi(keys[j])
		if errA == nil && errB == nil {
			return a < b
		}
		return keys[i] < keys[j]
	})
	parts := make([]string, len(keys))
	for i, k := range keys {
		parts[i] = fmt.Sprintf("%s: %d", k, m[k])
	}
	return strings.Join(parts, "  ")
}
