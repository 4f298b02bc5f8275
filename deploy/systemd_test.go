package deploy

import (
	"bufio"
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"
)

const unitFile = "systemd/mentorbot.service"

// unit is a systemd unit file: section -> key -> values in order.
type unit map[string]map[string][]string

func parseUnit(t *testing.T, data []byte) unit {
	t.Helper()
	u := unit{}
	section := ""
	sc := bufio.NewScanner(bytes.NewReader(data))
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		switch {
		case line == "" || strings.HasPrefix(line, "#") || strings.HasPrefix(line, ";"):
		case strings.HasPrefix(line, "[") && strings.HasSuffix(line, "]"):
			section = strings.Trim(line, "[]")
			u[section] = map[string][]string{}
		default:
			k, v, ok := strings.Cut(line, "=")
			if !ok || section == "" {
				t.Fatalf("%s:%d: not a key=value line in a section: %q", unitFile, n, line)
			}
			u[section][k] = append(u[section][k], v)
		}
	}
	return u
}

func (u unit) last(section, key string) (string, bool) {
	v := u[section][key]
	if len(v) == 0 {
		return "", false
	}
	return v[len(v)-1], true
}

// TestSystemdUnitHardening reads the unit and wants each hardening and
// lifecycle setting the deployment promises.
func TestSystemdUnitHardening(t *testing.T) {
	u := parseUnit(t, readFile(t, unitFile))
	want := map[string]string{
		"Type":                    "exec",
		"ExecStart":               "/usr/local/bin/mentorbot serve",
		"EnvironmentFile":         "/etc/mentorbot/env",
		"DynamicUser":             "yes",
		"StateDirectory":          "mentorbot",
		"WorkingDirectory":        "/var/lib/mentorbot",
		"Restart":                 "on-failure",
		"NoNewPrivileges":         "yes",
		"CapabilityBoundingSet":   "",
		"AmbientCapabilities":     "",
		"ProtectSystem":           "strict",
		"ProtectHome":             "yes",
		"PrivateTmp":              "yes",
		"PrivateDevices":          "yes",
		"ProtectKernelTunables":   "yes",
		"ProtectKernelModules":    "yes",
		"ProtectKernelLogs":       "yes",
		"ProtectControlGroups":    "yes",
		"RestrictAddressFamilies": "AF_INET AF_INET6 AF_UNIX",
		"RestrictSUIDSGID":        "yes",
		"MemoryDenyWriteExecute":  "yes",
		"SystemCallArchitectures": "native",
		"PrivateUsers":            "yes",
		"PrivateMounts":           "yes",
		"ProtectClock":            "yes",
		"ProtectHostname":         "yes",
		"ProtectProc":             "invisible",
		"ProcSubset":              "pid",
		"RestrictNamespaces":      "yes",
		"RestrictRealtime":        "yes",
		"LockPersonality":         "yes",
		"RemoveIPC":               "yes",
		"DevicePolicy":            "closed",
		"UMask":                   "0077",
		"KillMode":                "mixed",
	}
	for k, v := range want {
		got, ok := u.last("Service", k)
		if !ok || got != v {
			t.Errorf("[Service] %s=%q (set: %v), want %q", k, got, ok, v)
		}
	}
	if f := u["Service"]["SystemCallFilter"]; !slices.Equal(f, []string{"@system-service", "~@privileged"}) {
		t.Errorf("SystemCallFilter %v, want @system-service, then ~@privileged", f)
	}
	if wd, _ := u.last("Service", "WorkingDirectory"); wd != "/var/lib/"+want["StateDirectory"] {
		t.Errorf("WorkingDirectory %s is not the state directory: the default sqlite://mentorbot.db would land elsewhere", wd)
	}

	stop, _ := u.last("Service", "TimeoutStopSec")
	d, err := time.ParseDuration(stop)
	if err != nil || d < shutdownBudget+5*time.Second {
		t.Errorf("TimeoutStopSec=%q: want room for the %v graceful stop", stop, shutdownBudget)
	}
	memMax, _ := u.last("Service", "MemoryMax")
	max, err := parseSystemdBytes(memMax)
	if err != nil {
		t.Errorf("MemoryMax=%q: %v", memMax, err)
	}
	for _, e := range u["Service"]["Environment"] {
		k, v, _ := strings.Cut(e, "=")
		checkEnvNames(t, unitFile, []string{k})
		if k == "GOMEMLIMIT" {
			if n, err := parseGoMemLimit(v); err != nil || n >= max {
				t.Errorf("GOMEMLIMIT=%s (%v) must stay below MemoryMax=%s", v, err, memMax)
			}
		}
	}
	if got, _ := u.last("Install", "WantedBy"); got != "multi-user.target" {
		t.Errorf("[Install] WantedBy=%q, want multi-user.target", got)
	}
}

// parseSystemdBytes reads sizes such as 256M or 1G (base 1024).
func parseSystemdBytes(s string) (int64, error) {
	num, mult := s, int64(1)
	for suffix, m := range map[string]int64{"K": 1 << 10, "M": 1 << 20, "G": 1 << 30, "T": 1 << 40} {
		if n, ok := strings.CutSuffix(s, suffix); ok {
			num, mult = n, m
		}
	}
	n, err := strconv.ParseInt(num, 10, 64)
	if err != nil {
		return 0, fmt.Errorf("%q is not a size such as 256M", s)
	}
	return n * mult, nil
}

// TestSystemdAnalyze runs systemd's own checks where systemd-analyze is
// installed: `verify` (unknown keys, bad values, a missing binary) and an
// offline `security` review whose exposure must stay at most 2.0 (1.4 with
// systemd 252).
// The binary is replaced by a stand-in, since the test has not installed
// mentorbot into /usr/local/bin.
func TestSystemdAnalyze(t *testing.T) {
	analyze, err := exec.LookPath("systemd-analyze")
	if err != nil {
		t.Skip("systemd-analyze is not installed (Debian package systemd): `systemd-analyze verify` of " + unitFile + " not run")
	}
	dir := t.TempDir()
	stand := filepath.Join(dir, "mentorbot")
	if err := os.WriteFile(stand, []byte("#!/bin/sh\nexit 0\n"), 0o755); err != nil {
		t.Fatal(err)
	}
	text := strings.ReplaceAll(string(readFile(t, unitFile)), "/usr/local/bin/mentorbot", stand)
	path := filepath.Join(dir, "mentorbot.service")
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}

	cmd := exec.Command(analyze, "verify", path)
	cmd.Env = append(os.Environ(), "SYSTEMD_LOG_COLOR=0", "SYSTEMD_PAGER=")
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Errorf("systemd-analyze verify: %v\n%s", err, out)
	}
	for line := range strings.Lines(string(out)) {
		if strings.Contains(line, "mentorbot") {
			t.Errorf("systemd-analyze verify: %s", strings.TrimSpace(line))
		}
	}

	cmd = exec.Command(analyze, "security", "--offline=true", "--threshold=20", "--no-pager", path)
	cmd.Env = append(os.Environ(), "SYSTEMD_LOG_COLOR=0", "SYSTEMD_COLORS=0")
	out, err = cmd.CombinedOutput()
	summary := ""
	for line := range strings.Lines(string(out)) {
		if strings.Contains(line, "Overall exposure level") {
			summary = strings.TrimSpace(line)
		}
	}
	if err != nil || summary == "" {
		t.Errorf("systemd-analyze security --threshold=20 (exposure 2.0): %v; %s\n%s", err, summary, out)
	}
}
