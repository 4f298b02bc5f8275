package selection

import (
	"slices"
	"strings"

	"github.com/bmatcuk/doublestar/v4"
)

// AreaRule is one entry under `areas` in mentorship.yml.
type AreaRule struct {
	Labels []string // matched case-insensitively against the or PR's labels
	Paths  []string // globs over repository paths: `**`, `*`, `?`, `[a-z]`, `{a,b}`
}

// MatchAreas returns the sorted names of the areas whose labels include one of
// labels or whose path globs match one of paths. A leading "/" in a glob is
// ignored (paths are relative to the repository root) and a trailing "/"
// means everything below that folder. Invalid globs match nothing; the
// config check reports them (see ValidPattern).
func MatchAreas(areas map[string]AreaRule, paths, labels []string) []string {
	var out []string
	for name, rule := range areas {
		if matchLabels(rule.Labels, labels) || matchPaths(rule.Paths, paths) {
			out = append(out, name)
		}
	}
	slices.Sort(out)
	return out
}

// ValidPattern reports whether a path glob from an area rule is well formed.
func ValidPattern(pattern string) bool {
	return pattern != "" && doublestar.ValidatePattern(normalizePattern(pattern))
}

func matchLabels(want, have []string) bool {
	for _, w := range want {
		if containsFold(have, w) {
			return true
		}
	}
	return false
}

func matchPaths(patterns, paths []string) bool {
	for _, p := range patterns {
		if !ValidPattern(p) {
			continue
		}
		p = normalizePattern(p)
		for _, path := range paths {
			if doublestar.MatchUnvalidated(p, strings.TrimPrefix(path, "/")) {
				return true
			}
		}
	}
	return false
}

func normalizePattern(p string) string {
	p = strings.TrimPrefix(p, "/")
	if strings.HasSuffix(p, "/") {
		p += "**"
	}
	return p
}
