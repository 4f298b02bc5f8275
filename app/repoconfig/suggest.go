package repoconfig

import "strings"

// closest is the candidate nearest to s when it is near enough to be a
// likely typo (case, - for _, a letter or two, a prefix), else "".
func closest(s string, candidates []string) string {
	ns := normalizeKey(s)
	best, bestDist := "", 0
	for _, c := range candidates {
		nc := normalizeKey(c)
		d := distance(ns, nc)
		switch {
		case d <= maxTypo(ns):
		case prefixLike(ns, nc):
			d = maxTypo(ns) + 1 // a prefix ranks after real typos
		default:
			continue
		}
		if best == "" || d < bestDist {
			best, bestDist = c, d
		}
	}
	return best
}

func maxTypo(s string) int {
	switch n := len([]rune(s)); {
	case n <= 3:
		return 1
	case n <= 8:
		return 2
	default:
		return 3
	}
}

// prefixLike: the shorter of a and b, at least 3 letters, starts or ends
// the longer, e.g. "max_claims" for "max_claims_per_contributor" or "day"
// for "weekday".
func prefixLike(a, b string) bool {
	if len(a) > len(b) {
		a, b = b, a
	}
	return len(a) >= 3 && (strings.HasPrefix(b, a) || strings.HasSuffix(b, a))
}

func normalizeKey(s string) string {
	return strings.NewReplacer("-", "_", " ", "_").Replace(strings.ToLower(s))
}

// distance is the Levenshtein distance between a and b in runes.
func distance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	if len(ra) > 64 || len(rb) > 64 {
		if a == b {
			return 0
		}
		return 1 << 20
	}
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}
