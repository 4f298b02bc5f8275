package claims

import (
	"testing"
	"time"
)

// NextAt names the first moment Due asks for something: Keep before it,
// something else at it.
func TestTimingNextAt(t *testing.T) {
	start := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
	day := 24 * time.Hour
	cases := map[string]struct {
		t    Timing
		now  time.Time
		want time.Time
	}{
		"fresh claim":       {Timing{Start: start, Days: 14}, start.Add(time.Hour), start.Add(252 * time.Hour)}, // 75% of 14 days
		"reminder due":      {Timing{Start: start, Days: 14}, start.Add(11 * day), start.Add(11 * day)},
		"reminded":          {Timing{Start: start, RemindedAt: start.Add(11 * day), Days: 14}, start.Add(11*day + time.Hour), start.Add(14 * day)},
		"reminded late":     {Timing{Start: start, RemindedAt: start.Add(14 * day), Days: 14}, start.Add(14*day + time.Hour), start.Add(15 * day)},
		"release due":       {Timing{Start: start, RemindedAt: start.Add(11 * day), Days: 14}, start.Add(15 * day), start.Add(15 * day)},
		"never expires":     {Timing{Start: start}, start.Add(30 * day), time.Time{}},
		"activity restarts": {Timing{Start: start.Add(12 * day), RemindedAt: start.Add(11 * day), Days: 14}, start.Add(12 * day), start.Add(12*day + 252*time.Hour)},
	}
	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			got := c.t.NextAt(c.now)
			if !got.Equal(c.want) {
				t.Fatalf("next %s, want %s", got, c.want)
			}
			if got.IsZero() {
				return
			}
			for at := c.now; at.Before(got); at = at.Add(time.Hour) {
				if a := c.t.Due(at); a != Keep {
					t.Fatalf("%v at %s, before %s", a, at, got)
				}
			}
			if c.t.Due(got) == Keep {
				t.Fatalf("nothing due at %s", got)
			}
		})
	}
}
