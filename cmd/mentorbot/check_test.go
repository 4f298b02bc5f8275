package main

import (
	"bytes"
	"context"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// hostileTemplates are mentorship.yml files whose welcome template would
// run away if executed as written; the template starts on line 4.
var hostileTemplates = []struct {
	name, template, want string
}{
	{"endless range", "{{range 1000000000000000}}{{end}}", ":4:13: first_timers.welcome_pr: the template ranges over a number"},
	{"doubling in a range", `{{$s := "xxxxxxxx"}}{{range 26}}{{$s = print $s $s}}{{end}}{{len $s}}`, ":4:33: first_timers.welcome_pr: the template ranges over a number"},
	{"doubling over the data", `{{$s := "xxxxxxxx"}}{{range .Checklist}}{{$s = print $s $s}}{{end}}`, ":4:47: first_timers.welcome_pr: a variable is assigned inside a `range`"},
	{"doubling written out", `{{$s := printf "%01000d" 0}}` + strings.Repeat(`{{$s = print $s $s}}`, 30), ":4:: first_timers.welcome_pr: a function would produce more than 60000 characters"},
	{"printf bomb", `{{printf "` + strings.Repeat("%0999d", 1000) + `"}}`, ":4:7: first_timers.welcome_pr: a function would produce more than 60000 characters"},
}

func hostileFile(t *testing.T, template string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "mentorship.yml")
	data := "version: 1\nfirst_timers:\n  welcome_pr: |\n    " + template + "\n"
	if err := os.WriteFile(path, []byte(data), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

// TestCheckRefusesHostileTemplates runs the real binary on each file: it
// must be refused with exit status 1 and the line (a 30 s context guards
// against a hang; BenchmarkRefuseHostile measures the cost).
func TestCheckRefusesHostileTemplates(t *testing.T) {
	for _, tt := range hostileTemplates {
		t.Run(tt.name, func(t *testing.T) {
			path := hostileFile(t, tt.template)
			ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
			defer cancel()
			cmd := exec.CommandContext(ctx, binary, "check", path)
			var stdout bytes.Buffer
			cmd.Stdout = &stdout
			start := time.Now()
			err := cmd.Run()
			elapsed := time.Since(start)
			var exit *exec.ExitError
			if !errors.As(err, &exit) || exit.ExitCode() != exitFailure {
				t.Fatalf("mentorbot check: %v after %v, want exit status %d\n%s", err, elapsed, exitFailure, stdout.String())
			}
			t.Logf("refused in %v", elapsed) // the 30 s context only guards against a hang
			assertNamesLine(t, stdout.String(), path, tt.want)
		})
	}
}

// TestRunCheckHostileTemplate goes through the check command's function.
func TestRunCheckHostileTemplate(t *testing.T) {
	tt := hostileTemplates[0]
	path := hostileFile(t, tt.template)
	var stdout, stderr bytes.Buffer
	start := time.Now()
	code := runCheck(context.Background(), []string{path}, &stdout, &stderr)
	if code != exitFailure {
		t.Fatalf("runCheck = %d after %v, want %d at once; stderr %q", code, time.Since(start), exitFailure, stderr.String())
	}
	assertNamesLine(t, stdout.String(), path, tt.want)
}

// assertNamesLine checks that out is one problem, path:line:col: message;
// "::" in want stands for any column.
func assertNamesLine(t *testing.T, out, path, want string) {
	t.Helper()
	if strings.Count(out, "\n") != 1 {
		t.Errorf("want one problem, got:\n%s", out)
	}
	prefix, rest, _ := strings.Cut(want, "::")
	if rest != "" {
		rest = ": " + strings.TrimPrefix(rest, " ")
		if !strings.HasPrefix(out, path+prefix+":") || !strings.Contains(out, rest) {
			t.Errorf("output %q, want %q, any column, then %q", out, path+prefix, rest)
		}
		return
	}
	if !strings.HasPrefix(out, path+want) {
		t.Errorf("output %q, want it to start with %q", out, path+want)
	}
}
