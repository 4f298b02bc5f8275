package main

import (
	"bufio"
	"bytes"
	"fmt"
	"os"
	"strconv"
	"sync"
	"time"
)

// rssInterval is how often the target's memory is read.
const rssInterval = 50 * time.Millisecond

// procMemory reads VmRSS and VmHWM (kB) from a /proc/PID/status text.
func procMemory(status []byte) (rss, hwm int64, err error) {
	sc := bufio.NewScanner(bytes.NewReader(status))
	found := 0
	for sc.Scan() {
		line := sc.Bytes()
		var dst *int64
		switch {
		case bytes.HasPrefix(line, []byte("VmRSS:")):
			dst = &rss
		case bytes.HasPrefix(line, []byte("VmHWM:")):
			dst = &hwm
		default:
			continue
		}
		fields := bytes.Fields(line)
		if len(fields) < 2 {
			return 0, 0, fmt.Errorf("malformed line %q", line)
		}
		n, err := strconv.ParseInt(string(fields[1]), 10, 64)
		if err != nil {
			return 0, 0, fmt.Errorf("malformed line %q: %w", line, err)
		}
		*dst = n
		found++
	}
	if found < 2 {
		return 0, 0, fmt.Errorf("no VmRSS/VmHWM lines")
	}
	return rss, hwm, nil
}

// rssSampler watches one process's memory until stopped.
type rssSampler struct {
	mu   sync.Mutex
	out  RSS
	stop chan struct{}
	done chan struct{}
}

func startRSS(pid int) *rssSampler {
	s := &rssSampler{out: RSS{PID: pid}, stop: make(chan struct{}), done: make(chan struct{})}
	s.sample()
	s.out.StartKB = s.out.PeakKB
	go func() {
		defer close(s.done)
		t := time.NewTicker(rssInterval)
		defer t.Stop()
		for {
			select {
			case <-s.stop:
				s.sample()
				return
			case <-t.C:
				s.sample()
			}
		}
	}()
	return s
}

func (s *rssSampler) sample() {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", s.out.PID))
	var rss, hwm int64
	if err == nil {
		rss, hwm, err = procMemory(b)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if err != nil {
		s.out.LastError = err.Error()
		return
	}
	s.out.Samples++
	s.out.PeakKB = max(s.out.PeakKB, rss)
	s.out.VmHWMKB = max(s.out.VmHWMKB, hwm)
}

func (s *rssSampler) finish() *RSS {
	close(s.stop)
	<-s.done
	s.mu.Lock()
	defer s.mu.Unlock()
	out := s.out
	return &out
}
