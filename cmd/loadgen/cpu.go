package main

import (
	"bytes"
	"fmt"
	"os"
	"strconv"
	"time"
)

// clockTicks is USER_HZ, the unit of /proc's CPU times; 100 on Linux.
const clockTicks = 100

// cpuSnapshot is the machine's busy CPU time and that of the processes
// under test (this one and the target), in clock ticks.
type cpuSnapshot struct {
	at      time.Time
	machine int64
	ours    int64
	err     error
}

// machineBusy sums the busy columns of /proc/stat's "cpu" line: user,
// nice, system, irq, softirq, steal (guest time is inside user).
func machineBusy(stat []byte) (int64, error) {
	line, _, _ := bytes.Cut(stat, []byte("\n"))
	f := bytes.Fields(line)
	if len(f) < 9 || string(f[0]) != "cpu" {
		return 0, fmt.Errorf("unexpected /proc/stat line %q", line)
	}
	var busy int64
	for _, i := range []int{1, 2, 3, 6, 7, 8} {
		n, err := strconv.ParseInt(string(f[i]), 10, 64)
		if err != nil {
			return 0, fmt.Errorf("/proc/stat: %w", err)
		}
		busy += n
	}
	return busy, nil
}

// processBusy reads utime+stime from a /proc/PID/stat text. The command
// name, in parentheses, may hold spaces, so fields count from the last ')'.
func processBusy(stat []byte) (int64, error) {
	i := bytes.LastIndexByte(stat, ')')
	if i < 0 {
		return 0, fmt.Errorf("unexpected /proc/PID/stat %q", stat)
	}
	f := bytes.Fields(stat[i+1:])
	if len(f) < 13 {
		return 0, fmt.Errorf("short /proc/PID/stat")
	}
	// After the name: state(0) ... utime(11) stime(12).
	var total int64
	for _, j := range []int{11, 12} {
		n, err := strconv.ParseInt(string(f[j]), 10, 64)
		if err != nil {
			return 0, fmt.Errorf("/proc/PID/stat: %w", err)
		}
		total += n
	}
	return total, nil
}

func takeCPU(pids ...int) cpuSnapshot {
	s := cpuSnapshot{at: time.Now()}
	b, err := os.ReadFile("/proc/stat")
	if err == nil {
		s.machine, err = machineBusy(b)
	}
	for _, pid := range pids {
		if err != nil {
			break
		}
		var pb []byte
		if pb, err = os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid)); err == nil {
			var n int64
			n, err = processBusy(pb)
			s.ours += n
		}
	}
	s.err = err
	return s
}

// otherCores is how many cores, on average between two snapshots, went to
// processes other than those under test: the noise in the figures.
func otherCores(before, after cpuSnapshot) (float64, error) {
	if before.err != nil {
		return 0, before.err
	}
	if after.err != nil {
		return 0, after.err
	}
	secs := after.at.Sub(before.at).Seconds()
	if secs <= 0 {
		return 0, fmt.Errorf("no time between snapshots")
	}
	others := float64((after.machine-before.machine)-(after.ours-before.ours)) / clockTicks / secs
	return max(0, others), nil
}
