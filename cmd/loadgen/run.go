package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"strconv"
	"sync"
	"sync/atomic"
	"time"
)

// Limits that keep every run short and bounded.
const (
	maxDuration    = 120 * time.Second
	maxRequests    = 1_000_000
	maxConcurrency = 4096
	drainGrace     = 10 * time.Second // open loop: time allowed past -duration for late sends to finish
	requestTimeout = 10 * time.Second // GitHub gives up on a delivery after 10 s
)

// loadConfig is one run's settings, checked by validate.
type loadConfig struct {
	url         string
	secret      string
	event       string
	body        []byte
	rate        float64 // per second; 0: closed loop
	concurrency int
	duration    time.Duration
	requests    int // 0: bounded by maxRequests only
	pid         int
}

func (c *loadConfig) validate() error {
	if _, err := checkLoopback(c.url); err != nil {
		return err
	}
	switch {
	case c.duration <= 0 || c.duration > maxDuration:
		return fmt.Errorf("-duration %v: must be above 0 and at most %v", c.duration, maxDuration)
	case c.concurrency < 1 || c.concurrency > maxConcurrency:
		return fmt.Errorf("-concurrency %d: must be 1 to %d", c.concurrency, maxConcurrency)
	case c.rate < 0:
		return fmt.Errorf("-rate %v: must not be negative", c.rate)
	case c.requests < 0 || c.requests > maxRequests:
		return fmt.Errorf("-requests %d: must be 0 to %d", c.requests, maxRequests)
	case c.secret == "":
		return errors.New("-secret: the target's webhook secret is required")
	case c.event == "":
		return errors.New("-event: required")
	}
	return nil
}

func (c *loadConfig) requestCap() int {
	if c.requests > 0 {
		return c.requests
	}
	return maxRequests
}

// workerStats are what one worker saw; merged once the run ends.
type workerStats struct {
	latencies []time.Duration
	status    map[int]int
	errors    map[string]int
}

func newWorkerStats() *workerStats {
	return &workerStats{status: map[int]int{}, errors: map[string]int{}}
}

func (w *workerStats) record(code int, err error, latency time.Duration) {
	if err != nil {
		w.errors[errorKind(err)]++
		return
	}
	w.status[code]++
	w.latencies = append(w.latencies, latency)
}

// runLoad sends the load and gathers the result. Closed loop (rate 0):
// concurrency workers send back to back until the duration ends. Open
// loop: sends are scheduled rate times a second whatever the answers,
// and latency counts from the scheduled time, so a stalled target cannot
// hide its stall by slowing the load (coordinated omission).
func runLoad(ctx context.Context, c *loadConfig) (*Result, error) {
	if err := c.validate(); err != nil {
		return nil, err
	}
	s := newSender(c)
	defer s.close()
	var sampler *rssSampler
	if c.pid > 0 {
		sampler = startRSS(c.pid)
	}
	res := &Result{Target: c.url, Event: c.event, PayloadBytes: len(c.body), Concurrency: c.concurrency,
		Duration: c.duration.Seconds(), Status: map[string]int{}}
	var stats []*workerStats
	pids := []int{os.Getpid()}
	if c.pid > 0 && c.pid != os.Getpid() {
		pids = append(pids, c.pid)
	}
	cpuBefore := takeCPU(pids...)
	start := time.Now()
	if c.rate > 0 {
		res.Mode, res.Rate = "open", c.rate
		stats, res.Planned = openLoop(ctx, c, s, start)
	} else {
		res.Mode = "closed"
		stats = closedLoop(ctx, c, s, start)
	}
	elapsed := time.Since(start)
	if others, err := otherCores(cpuBefore, takeCPU(pids...)); err == nil {
		res.OtherCores = &others
	}
	if sampler != nil {
		res.RSS = sampler.finish()
	}
	var all []time.Duration
	for _, w := range stats {
		all = append(all, w.latencies...)
		for code, n := range w.status {
			res.Status[strconv.Itoa(code)] += n
			res.Sent += n
			if code >= 200 && code < 300 {
				res.Acknowledged += n
			}
		}
		for kind, n := range w.errors {
			if res.Errors == nil {
				res.Errors = map[string]int{}
			}
			res.Errors[kind] += n
			res.Sent += n
		}
	}
	res.Elapsed = elapsed.Seconds()
	res.AckPerSecond = float64(res.Acknowledged) / elapsed.Seconds()
	res.Latency = summarize(all)
	return res, nil
}

func closedLoop(ctx context.Context, c *loadConfig, s *sender, start time.Time) []*workerStats {
	deadline := start.Add(c.duration)
	ctx, cancel := context.WithDeadline(ctx, deadline.Add(requestTimeout))
	defer cancel()
	limit := int64(c.requestCap())
	var issued atomic.Int64
	stats := make([]*workerStats, c.concurrency)
	var wg sync.WaitGroup
	for i := range stats {
		w := newWorkerStats()
		stats[i] = w
		wg.Add(1)
		go func() {
			defer wg.Done()
			for ctx.Err() == nil && time.Now().Before(deadline) && issued.Add(1) <= limit {
				t0 := time.Now()
				code, err := s.send(ctx)
				w.record(code, err, time.Since(t0))
			}
		}()
	}
	wg.Wait()
	return stats
}

func openLoop(ctx context.Context, c *loadConfig, s *sender, start time.Time) ([]*workerStats, int) {
	planned := min(int(c.rate*c.duration.Seconds()), c.requestCap())
	interval := float64(time.Second) / c.rate
	at := func(i int) time.Time { return start.Add(time.Duration(float64(i) * interval)) }
	ctx, cancel := context.WithDeadline(ctx, start.Add(c.duration+drainGrace))
	defer cancel()

	jobs := make(chan int, min(max(planned, 1), 1<<16))
	go func() {
		defer close(jobs)
		for i := 0; i < planned; i++ {
			if d := time.Until(at(i)); d > 0 {
				select {
				case <-time.After(d):
				case <-ctx.Done():
					return
				}
			}
			select {
			case jobs <- i:
			case <-ctx.Done():
				return
			}
		}
	}()
	stats := make([]*workerStats, c.concurrency)
	var wg sync.WaitGroup
	for i := range stats {
		w := newWorkerStats()
		w.latencies = make([]time.Duration, 0, planned/c.concurrency+16)
		stats[i] = w
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range jobs {
				if ctx.Err() != nil {
					continue // past the drain deadline: counted as not sent
				}
				code, err := s.send(ctx)
				w.record(code, err, time.Since(at(i)))
			}
		}()
	}
	wg.Wait()
	return stats, planned
}
