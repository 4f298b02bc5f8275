package main

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// queueDepthMetric is mentorbot's gauge of stored deliveries by state.
const queueDepthMetric = "mentorbot_queue_depth"

// sumQueueDepth adds up every mentorbot_queue_depth sample of a Prometheus
// text exposition: the deliveries the store holds, whatever their state.
func sumQueueDepth(r io.Reader) (int, error) {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64<<10), 1<<20)
	total, seen := 0, false
	for sc.Scan() {
		line := sc.Text()
		if !strings.HasPrefix(line, queueDepthMetric+"{") && !strings.HasPrefix(line, queueDepthMetric+" ") {
			continue
		}
		fields := strings.Fields(line)
		v, err := strconv.ParseFloat(fields[len(fields)-1], 64)
		if err != nil {
			return 0, fmt.Errorf("metric line %q: %w", line, err)
		}
		total += int(v)
		seen = true
	}
	if err := sc.Err(); err != nil {
		return 0, fmt.Errorf("read metrics: %w", err)
	}
	if !seen {
		return 0, fmt.Errorf("no %s in the metrics", queueDepthMetric)
	}
	return total, nil
}

// storedCount asks a loopback /metrics endpoint how many deliveries the
// target's store holds.
func storedCount(ctx context.Context, metricsURL string) (int, error) {
	if _, err := checkLoopback(metricsURL); err != nil {
		return 0, err
	}
	ctx, cancel := context.WithTimeout(ctx, 30*time.Second)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, metricsURL, nil)
	if err != nil {
		return 0, err
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		return 0, fmt.Errorf("read metrics: %w", err)
	}
	defer res.Body.Close()
	if res.StatusCode != http.StatusOK {
		return 0, fmt.Errorf("read metrics: status %d", res.StatusCode)
	}
	return sumQueueDepth(res.Body)
}
