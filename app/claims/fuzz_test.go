package claims

import (
	"slices"
	"testing"
)

func FuzzClosingRefs(f *testing.F) {
	for _, s := range []string{"Fixes #12", "closes o/r#3 and resolves #3", "```\nfix #1\n```", "Fixes https://h/o/r/issues/9", "fix: #", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, body string) {
		refs := ClosingRefs(body, "o/r")
		seen := map[int]bool{}
		for _, n := range refs {
			if n <= 0 || seen[n] {
				t.Fatalf("ClosingRefs(%q) = %v: numbers must be positive and unique", body, refs)
			}
			seen[n] = true
		}
		if again := ClosingRefs(body, "o/r"); !slices.Equal(again, refs) {
			t.Fatalf("not deterministic: %v then %v", refs, again)
		}
	})
}
