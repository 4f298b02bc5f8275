package commands

import (
	"strings"
	"testing"
)

func TestSelect(t *testing.T) {
	tests := []struct {
		name    string
		body    string
		trusted bool
		want    []Name
		ignored int
	}{
		{"nothing", "just talk", false, nil, 0},
		{"one", "/claim", false, []Name{Claim}, 0},
		{"repeats are read once", "/claim\n/claim\n/CLAIM", false, []Name{Claim}, 2},
		{"claim and unclaim twenty times", strings.Repeat("/claim\n/unclaim\n", 20), false, []Name{Claim, Unclaim}, 38},
		{"at most five", "/kudos @a\n/kudos @b\n/kudos @c\n/kudos @d\n/kudos @e\n/kudos @f\n/kudos @g", false,
			[]Name{Kudos, Kudos, Kudos, Kudos, Kudos}, 2},
		{"different arguments are different commands", "/kudos @a x\n/kudos @a y", false, []Name{Kudos, Kudos}, 0},
		{"same arguments in other case and spacing", "/kudos @A  great  work\n/kudos @a great work", false, []Name{Kudos}, 1},
		{"near miss from a stranger is silence", "/mentr", false, nil, 0},
		{"many near misses from a stranger", strings.Repeat("/mentr\n", 9000), false, nil, 0},
		{"near miss from a maintainer is answered", "/mentr", true, []Name{Unknown}, 0},
		{"near misses from a maintainer, once", "/mentr\n/mentr\n/claam", true, []Name{Unknown, Unknown}, 1},
		{"near misses take no slot from strangers", "/mentr\n/mentr\n/claim", false, []Name{Claim}, 0},
		{"wrong arguments are still answered", "/mentor awy", false, []Name{Mentor}, 0},
		{"away dates differ", "/mentor away until 2026-01-02\n/mentor away until 2026-01-03", false, []Name{MentorAway, MentorAway}, 0},
		{"code is not read", "```\n/claim\n/claim\n```\n/faq", false, []Name{FAQ}, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := Read(tt.body, tt.trusted)
			var got []Name
			for _, c := range r.Commands {
				got = append(got, c.Name)
			}
			if len(got) != len(tt.want) {
				t.Fatalf("read %v, want %v", got, tt.want)
			}
			for i := range got {
				if got[i] != tt.want[i] {
					t.Fatalf("read %v, want %v", got, tt.want)
				}
			}
			if r.Ignored != tt.ignored {
				t.Fatalf("ignored %d, want %d", r.Ignored, tt.ignored)
			}
		})
	}
}

func TestReadingNote(t *testing.T) {
	tests := []struct {
		ignored int
		want    string
	}{
		{0, ""},
		{1, "1 more command line was ignored"},
		{38, "38 more command lines were ignored"},
	}
	for _, tt := range tests {
		got := Reading{Ignored: tt.ignored}.Note()
		if tt.want == "" && got != "" || !strings.Contains(got, tt.want) {
			t.Errorf("Note(%d) = %q, want %q", tt.ignored, got, tt.want)
		}
		if strings.Contains(got, "@") {
			t.Errorf("Note(%d) = %q mentions someone", tt.ignored, got)
		}
	}
}

// FuzzRead checks the limits of Read, trusted or not, against Parse: never
// more than MaxPerComment commands, all distinct and in line order; every
// command line Parse finds is either read, counted as ignored, or (from an
// untrusted author only) a near miss left in silence; repeating the body
// never reads more.
func FuzzRead(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add(s, false)
	}
	f.Add(strings.Repeat("/claim\n/unclaim\n", 20), false)
	f.Add(strings.Repeat("/mentr\n", 100), false)
	f.Add(strings.Repeat("/kudos @victim thanks\n", 10), true)
	f.Fuzz(func(t *testing.T, body string, trusted bool) {
		all := Parse(body)
		r := Read(body, trusted)
		if len(r.Commands) > MaxPerComment {
			t.Fatalf("Read(%q) read %d commands", body, len(r.Commands))
		}
		seen := map[string]bool{}
		last := 0
		for _, c := range r.Commands {
			if c.Line <= last {
				t.Fatalf("Read(%q): line %d out of order", body, c.Line)
			}
			last = c.Line
			if seen[identity(c)] {
				t.Fatalf("Read(%q) read %+v twice", body, c)
			}
			seen[identity(c)] = true
			if c.Name == Unknown && !trusted {
				t.Fatalf("Read(%q) answers a near miss from a stranger", body)
			}
		}
		silent := 0
		for _, c := range all {
			if c.Name == Unknown && !trusted {
				silent++
			}
		}
		if len(r.Commands)+r.Ignored+silent != len(all) {
			t.Fatalf("Read(%q): %d read + %d ignored + %d silent != %d parsed", body, len(r.Commands), r.Ignored, silent, len(all))
		}
		if twice := Read(body+"\n\n"+body, trusted); len(twice.Commands) > MaxPerComment {
			t.Fatalf("Read of %q twice read %d", body, len(twice.Commands))
		}
	})
}
