package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// GitHub refuses a label over 50 characters with 422, on every try:
// `mentorbot check` says so with the label's line before it is merged.
func TestCheckRefusesLabelTooLongForGitHub(t *testing.T) {
	path := filepath.Join(t.TempDir(), "mentorship.yml")
	long := strings.Repeat("newcomer-", 6) // 54 characters
	data := "version: 1\nmentors:\n  - login: ana\nfirst_timers:\n  label: " + long + "\n"
	if err := os.WriteFile(path, []byte(data), 0o600); err != nil {
		t.Fatal(err)
	}
	var out, errOut bytes.Buffer
	if code := runCheck(context.Background(), []string{path}, &out, &errOut); code != exitFailure {
		t.Fatalf("exit %d, want %d; %s%s", code, exitFailure, out.String(), errOut.String())
	}
	for _, want := range []string{":5:", "first_timers.label", "54 characters", "longer than 50"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("report lacks %q:\n%s", want, out.String())
		}
	}
}
