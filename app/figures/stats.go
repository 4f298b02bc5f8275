package figures

import (
	"math"
	"slices"
	"time"
)

// Quantile returns the q-quantile (0 ≤ q ≤ 1) of durations, interpolating
// linearly between the closest ranks, as a spreadsheet's PERCENTILE.INC
// does (so q = 0.5 is the usual median). ok is false for no values.
// The values need not be sorted; they are not changed.
func Quantile(values []time.Duration, q float64) (d time.Duration, ok bool) {
	if len(values) == 0 {
		return 0, false
	}
	sorted := slices.Clone(values)
	slices.Sort(sorted)
	return quantileSorted(sorted, q), true
}

func quantileSorted(sorted []time.Duration, q float64) time.Duration {
	switch {
	case q <= 0:
		return sorted[0]
	case q >= 1:
		return sorted[len(sorted)-1]
	}
	pos := q * float64(len(sorted)-1)
	lo := int(pos)
	if lo+1 >= len(sorted) {
		return sorted[lo]
	}
	frac := pos - float64(lo)
	return sorted[lo] + time.Duration(math.Round(frac*float64(sorted[lo+1]-sorted[lo])))
}

// Summary is the median and 90th percentile of some durations.
type Summary struct {
	N      int
	Median time.Duration
	P90    time.Duration
}

// Summarize sorts a copy of values and reads its median and 90th percentile.
func Summarize(values []time.Duration) Summary {
	if len(values) == 0 {
		return Summary{}
	}
	sorted := slices.Clone(values)
	slices.Sort(sorted)
	return Summary{N: len(sorted), Median: quantileSorted(sorted, 0.5), P90: quantileSorted(sorted, 0.9)}
}

// Share is Part out of Whole.
type Share struct {
	Part  int `json:"part"`
	Whole int `json:"whole"`
}

// Value is Part/Whole; ok is false when Whole is zero.
func (s Share) Value() (v float64, ok bool) {
	if s.Whole <= 0 {
		return 0, false
	}
	return float64(s.Part) / float64(s.Whole), true
}

// Ratio is the fairness figure: the most assignments a mentor had divided
// by the fewest. It is undefined (Defined false) with no mentors, or when
// someone had none (Idle counts them): no ratio captures that, and the
// dashboard says so instead.
type Ratio struct {
	Value   float64 `json:"value"`
	Defined bool    `json:"defined"`
	Max     int     `json:"max"`
	Min     int     `json:"min"`
	Idle    int     `json:"idle"`
}

// MaxMin computes the fairness ratio of per-mentor counts.
func MaxMin(counts []int) Ratio {
	if len(counts) == 0 {
		return Ratio{}
	}
	r := Ratio{Max: slices.Max(counts), Min: slices.Min(counts)}
	for _, c := range counts {
		if c == 0 {
			r.Idle++
		}
	}
	if r.Min > 0 {
		r.Value, r.Defined = float64(r.Max)/float64(r.Min), true
	}
	return r
}
