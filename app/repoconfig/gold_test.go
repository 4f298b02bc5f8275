package repoconfig

import (
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/mentorbot/mentorbot/app/internal/golden"
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
			golden.File(t, strings.TrimSuffix(f, ".yml")+".golden", got, *update)
		})
	}
}
