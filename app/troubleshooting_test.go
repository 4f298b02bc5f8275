package app

import (
	"encoding/json"
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// The README's troubleshooting section quotes log lines and metrics; each
// message and metric name must be one the code has, word for word, so the
// section and the code stay in step.
func TestTroubleshootingQuotesTheCode(t *testing.T) {
	data, err := os.ReadFile("../README.md")
	if err != nil {
		t.Fatal(err)
	}
	readme := string(data)
	start := strings.Index(readme, "\n## Troubleshooting\n")
	if start < 0 {
		t.Fatal("README.md has no Troubleshooting section")
	}
	section := readme[start+1:]
	if end := strings.Index(section, "\n## "); end > 0 {
		section = section[:end]
	}
	literals := goStringLiterals(t, "..")

	var messages []string
	for _, block := range regexp.MustCompile("(?s)```json\n(.*?)```").FindAllStringSubmatch(section, -1) {
		for _, line := range strings.Split(strings.TrimSpace(block[1]), "\n") {
			var entry struct {
				Level   string `json:"level"`
				Message string `json:"message"`
			}
			if err := json.Unmarshal([]byte(line), &entry); err != nil || entry.Message == "" || entry.Level == "" {
				t.Errorf("not a log line with a level and a message (%v): %s", err, line)
				continue
			}
			messages = append(messages, entry.Message)
		}
	}
	if len(messages) < 6 {
		t.Fatalf("only %d log lines quoted; the five failures need more", len(messages))
	}
	for _, m := range messages {
		if !literals[m] {
			t.Errorf("the troubleshooting section quotes the log message %q, which no Go string in the code is", m)
		}
	}
	metrics := regexp.MustCompile(`mentorbot_[a-z_]+`).FindAllString(section, -1)
	if len(metrics) < 4 {
		t.Fatalf("only %d metrics quoted", len(metrics))
	}
	for _, m := range metrics {
		if !literals[m] {
			t.Errorf("the troubleshooting section names the metric %s, which the code does not register", m)
		}
	}
	for _, failure := range []string{"webhook secret", "permission", "Discussions are off", "category is missing", "rate limit"} {
		if !strings.Contains(section, failure) {
			t.Errorf("the troubleshooting section does not cover %q", failure)
		}
	}
}

// goStringLiterals are the string literals of the module's Go files,
// tests and test data aside.
func goStringLiterals(t *testing.T, root string) map[string]bool {
	t.Helper()
	out := map[string]bool{}
	fset := token.NewFileSet()
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		switch {
		case err != nil:
			return err
		case d.IsDir() && (d.Name() == "testdata" || strings.HasPrefix(d.Name(), ".")) && path != root:
			return filepath.SkipDir
		case d.IsDir() || !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go"):
			return nil
		}
		f, err := parser.ParseFile(fset, path, nil, parser.SkipObjectResolution)
		if err != nil {
			return err
		}
		ast.Inspect(f, func(n ast.Node) bool {
			if lit, ok := n.(*ast.BasicLit); ok && lit.Kind == token.STRING {
				if s, err := strconv.Unquote(lit.Value); err == nil {
					out[s] = true
				}
			}
			return true
		})
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}
