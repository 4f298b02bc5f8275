package commands

import (
	"regexp"
	"strings"
	"testing"
)

// hiddenLines is an oracle written apart from Parse: for a body without
// lists, HTML or tabs in indentation, it marks the lines that are surely
// hidden (1-based): inside a top-level fenced or indented code block, or
// starting a block quote line. It reports false for bodies it does not
// cover. It never marks a line it is not sure of, so it is sound but not
// complete: lazy quote continuations and code spans are left to the tables.
func hiddenLines(body string) (map[int]bool, bool) {
	lines := strings.Split(body, "\n")
	for _, l := range lines {
		if listOrHTML.MatchString(l) || strings.HasPrefix(strings.TrimLeft(l, " "), "\t") {
			return nil, false
		}
	}
	hidden := map[int]bool{}
	var fence string // the opening fence while inside one
	prevBlank, inIndented := true, false
	for i, l := range lines {
		n := i + 1
		l = strings.TrimSuffix(l, "\r")
		indent := len(l) - len(strings.TrimLeft(l, " "))
		blank := strings.Trim(l, " \t\r\v\f") == ""
		switch {
		case fence != "":
			hidden[n] = true
			if indent <= 3 && closesFence(l[indent:], fence) {
				fence = ""
			}
		case indent >= 4 && !blank && (prevBlank || inIndented):
			hidden[n], inIndented = true, true
		case indent <= 3 && opensFence.MatchString(l[indent:]):
			hidden[n] = true
			fence = opensFence.FindString(l[indent:])
			inIndented = false
		case indent <= 3 && strings.HasPrefix(l[indent:], ">"):
			hidden[n], inIndented = true, false
		case !blank:
			inIndented = false
		}
		prevBlank = blank
	}
	return hidden, true
}

var (
	listOrHTML = regexp.MustCompile(`^ *(?:[-+*](?:[ \t]|$)|[0-9]{1,9}[.)](?:[ \t]|$)|<)`)
	opensFence = regexp.MustCompile("^(?:`{3,}[^`]*$|~{3,})")
)

// closesFence reports whether s (without indentation) closes fence.
func closesFence(s, fence string) bool {
	run := strings.TrimLeft(s, fence[:1])
	n := len(s) - len(run)
	fenceLen := len(fence) - len(strings.TrimLeft(fence, fence[:1]))
	return n >= fenceLen && strings.Trim(run, " \t\r") == ""
}

func TestHiddenLinesOracle(t *testing.T) {
	tests := []struct {
		body string
		want map[int]bool
		ok   bool
	}{
		{"a\n```\n/x\n```\n/y", map[int]bool{2: true, 3: true, 4: true}, true},
		{"~~~~\n~~~\n/x\n~~~~~\n/y", map[int]bool{1: true, 2: true, 3: true, 4: true}, true},
		{"```a`b\n/x", map[int]bool{}, true},
		{"a\n\n    /x\n\n    y\nz", map[int]bool{3: true, 5: true}, true},
		{"a\n    /x", map[int]bool{}, true},
		{"> a\n/x\n > /y", map[int]bool{1: true, 3: true}, true},
		{"- a\n/x", nil, false},
		{"<div>\n/x", nil, false},
	}
	for _, tt := range tests {
		got, ok := hiddenLines(tt.body)
		if ok != tt.ok || ok && !mapsEqual(got, tt.want) {
			t.Errorf("hiddenLines(%q) = %v, %v; want %v, %v", tt.body, got, ok, tt.want, tt.ok)
		}
	}
}

func mapsEqual(a, b map[int]bool) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if b[k] != v {
			return false
		}
	}
	return true
}
