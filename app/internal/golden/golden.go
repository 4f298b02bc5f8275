// Package golden compares what a test renders with a file it pins
// (File), and checks the bot's texts against files under testdata/golden
// and the rules every text keeps: short, no blame, and a time of day
// always with its zone and a converter link (Check).
package golden

import (
	"errors"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// Limits are the lengths allowed, in characters without link targets:
// Default for every text, Longer for the named ones.
type Limits struct {
	Default int
	Longer  map[string]int
}

var (
	markdownLink = regexp.MustCompile(`\]\([^)]*\)`)
	clockTime    = regexp.MustCompile(`\b\d\d:\d\d\b`)
	blame        = []string{"has not replied", "did not respond", "failed to", "ignored", "inactive", "abandon"}
)

// Check compares each text with testdata/golden/NAME.md (rewriting the
// files first when update is set) and applies the rules.
func Check(t *testing.T, texts map[string]string, update bool, lim Limits) {
	t.Helper()
	for name, got := range texts {
		t.Run(name, func(t *testing.T) {
			File(t, filepath.Join("testdata", "golden", name+".md"), got+"\n", update)
			limit := lim.Default
			if l, ok := lim.Longer[name]; ok {
				limit = l
			}
			if n := len([]rune(markdownLink.ReplaceAllString(got, "]"))); n > limit {
				t.Errorf("%d characters, over %d: keep it short", n, limit)
			}
			for _, bad := range blame {
				if strings.Contains(strings.ToLower(got), bad) {
					t.Errorf("the text says %q", bad)
				}
			}
			if clockTime.MatchString(got) && (!strings.Contains(got, "UTC") || !strings.Contains(got, "timeanddate.com")) {
				t.Errorf("a time of day without its zone or a converter link:\n%s", got)
			}
		})
	}
}

// File compares got with the file at path, after rewriting the file with
// got when update is set (each package's -update flag).
func File(t *testing.T, path, got string, update bool) {
	t.Helper()
	if update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if errors.Is(err, os.ErrNotExist) {
		t.Fatalf("no %s (run with -update)", path)
	}
	if err != nil {
		t.Fatal(err)
	}
	if got != string(want) {
		t.Errorf("%s changed (run with -update and read it):\n got:\n%s\nwant:\n%s", path, got, want)
	}
}
