package selection

import (
	"slices"
	"testing"
)

func TestMatchAreas(t *testing.T) {
	areas := map[string]AreaRule{
		"docs":    {Labels: []string{"area/docs"}, Paths: []string{"docs/**", "**/*.md"}},
		"ci":      {Paths: []string{".github/workflows/*.yml"}},
		"core":    {Labels: []string{"area/core", "Kind/Core"}, Paths: []string{"src/core/**"}},
		"scripts": {Paths: []string{"scripts/?.sh"}},
		"build":   {Paths: []string{"/build/"}},
		"web":     {Paths: []string{"web/{css,js}/**"}},
		"broken":  {Paths: []string{"src/[a-"}},
		"empty":   {},
	}
	tests := []struct {
		name          string
		paths, labels []string
		want          []string
	}{
		{"nothing", nil, nil, nil},
		{"unmatched path", []string{"LICENSE"}, nil, nil},
		{"markdown at the root", []string{"README.md"}, nil, []string{"docs"}},
		{"markdown deep down", []string{"a/b/c/NOTES.md"}, nil, []string{"docs"}},
		{"docs folder", []string{"docs/guide/intro.txt"}, nil, []string{"docs"}},
		{"docs folder itself is not a file", []string{"docsx/a.txt"}, nil, nil},
		{"workflow file", []string{".github/workflows/ci.yml"}, nil, []string{"ci"}},
		{"single star stays in its folder", []string{".github/workflows/sub/ci.yml"}, nil, nil},
		{"single star needs the extension", []string{".github/workflows/ci.yaml"}, nil, nil},
		{"question mark is one character", []string{"scripts/a.sh"}, nil, []string{"scripts"}},
		{"question mark is not two", []string{"scripts/ab.sh"}, nil, nil},
		{"trailing slash means the folder", []string{"build/x/y.go"}, nil, []string{"build"}},
		{"leading slash in the path", []string{"/build/x.go"}, nil, []string{"build"}},
		{"braces", []string{"web/css/site.css"}, nil, []string{"web"}},
		{"braces, other branch", []string{"web/img/a.png"}, nil, nil},
		{"paths are case-sensitive", []string{"SRC/core/a.go"}, nil, nil},
		{"invalid glob matches nothing", []string{"src/[a-"}, nil, nil},
		{"several areas, sorted", []string{"src/core/a.go", "docs/x", ".github/workflows/w.yml"}, nil, []string{"ci", "core", "docs"}},
		{"label", nil, []string{"area/docs"}, []string{"docs"}},
		{"label case-insensitive", nil, []string{"AREA/DOCS"}, []string{"docs"}},
		{"second label of an area", nil, []string{"kind/core"}, []string{"core"}},
		{"unknown label", nil, []string{"good first issue"}, nil},
		{"label and path", []string{"README.md"}, []string{"area/core"}, []string{"core", "docs"}},
		{"same area twice is listed once", []string{"docs/a.md"}, []string{"area/docs"}, []string{"docs"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := MatchAreas(areas, tt.paths, tt.labels); !slices.Equal(got, tt.want) {
				t.Errorf("MatchAreas(%v, %v) = %v, want %v", tt.paths, tt.labels, got, tt.want)
			}
		})
	}
	if got := MatchAreas(nil, []string{"README.md"}, []string{"area/docs"}); got != nil {
		t.Errorf("no areas configured: got %v", got)
	}
}

func TestValidPattern(t *testing.T) {
	tests := map[string]bool{
		"docs/**":      true,
		"**/*.md":      true,
		"/build/":      true,
		"a?c":          true,
		"web/{a,b}/*":  true,
		"[abc].go":     true,
		"":             false,
		"src/[a-":      false,
		"web/{a,b/*.c": false,
	}
	for p, want := range tests {
		if got := ValidPattern(p); got != want {
			t.Errorf("ValidPattern(%q) = %v, want %v", p, got, want)
		}
	}
}
