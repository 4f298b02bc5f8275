package repoconfig

import (
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite testdata/*.golden")

// TestInvalidExamples pins what FormatProblems prints for each invalid
// example, so end-to-end tests of `mentorbot check` can rely on it.
func TestInvalidExamples(t *testing.T) {
	files, err := filepath.Glob("testdata/invalid-*.yml")
	if err != nil || len(files) == 0 {
		t.Fatalf("no invalid examples: %v", err)
	}
	for _, f := range files {
		t.Run(filepath.Base(f), func(t *testing.T) {
			data, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			c, err := Parse(data)
			if err == nil || c != nil {
				t.Fatalf("Parse(%s) = %v, nil; want problems", f, c)
			}
			got := FormatProblems(filepath.Base(f), err)
			golden := strings.TrimSuffix(f, ".yml") + ".golden"
			if *update {
				if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("read golden (run with -update): %v", err)
			}
			if got != string(want) {
				t.Errorf("FormatProblems mismatch\n got:\n%s\nwant:\n%s", got, want)
			}
		})
	}
}
