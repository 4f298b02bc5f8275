package figures

import (
	"testing"
	"time"
)

func hours(hs ...float64) []time.Duration {
	out := make([]time.Duration, len(hs))
	for i, h := range hs {
		out[i] = time.Duration(h * float64(time.Hour))
	}
	return out
}

func TestQuantile(t *testing.T) {
	cases := []struct {
		name   string
		values []time.Duration
		q      float64
		want   time.Duration
		ok     bool
	}{
		{"empty", nil, 0.5, 0, false},
		{"one value", hours(3), 0.5, 3 * time.Hour, true},
		{"odd count median", hours(5, 1, 3), 0.5, 3 * time.Hour, true},
		{"even count median averages the middle two", hours(4, 1, 2, 3), 0.5, 150 * time.Minute, true},
		{"p90 of ten interpolates", hours(1, 2, 3, 4, 5, 6, 7, 8, 9, 10), 0.9, 9*time.Hour + 6*time.Minute, true},
		{"p90 of two", hours(0, 10), 0.9, 9 * time.Hour, true},
		{"q 0 is the minimum", hours(7, 2, 9), 0, 2 * time.Hour, true},
		{"q 1 is the maximum", hours(7, 2, 9), 1, 9 * time.Hour, true},
		{"ties", hours(2, 2, 2, 2), 0.9, 2 * time.Hour, true},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got, ok := Quantile(c.values, c.q)
			if got != c.want || ok != c.ok {
				t.Fatalf("Quantile(%v, %v) = %v, %v; want %v, %v", c.values, c.q, got, ok, c.want, c.ok)
			}
		})
	}
}

func TestQuantileLeavesInputUnsorted(t *testing.T) {
	v := hours(3, 1, 2)
	Quantile(v, 0.5)
	Summarize(v)
	if v[0] != 3*time.Hour || v[1] != time.Hour {
		t.Fatalf("input changed: %v", v)
	}
}

func TestSummarize(t *testing.T) {
	s := Summarize(hours(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 100))
	if s.N != 11 || s.Median != 6*time.Hour || s.P90 != 10*time.Hour {
		t.Fatalf("got %+v", s)
	}
	if (Summarize(nil) != Summary{}) {
		t.Fatal("empty summary should be zero")
	}
}

func TestMaxMin(t *testing.T) {
	cases := []struct {
		name   string
		counts []int
		want   Ratio
	}{
		{"no mentors", nil, Ratio{}},
		{"one mentor", []int{4}, Ratio{Value: 1, Defined: true, Max: 4, Min: 4}},
		{"even", []int{3, 3, 3}, Ratio{Value: 1, Defined: true, Max: 3, Min: 3}},
		{"uneven", []int{6, 2, 4}, Ratio{Value: 3, Defined: true, Max: 6, Min: 2}},
		{"someone idle", []int{5, 0, 2, 0}, Ratio{Max: 5, Min: 0, Idle: 2}},
		{"all idle", []int{0, 0}, Ratio{Idle: 2}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := MaxMin(c.counts); got != c.want {
				t.Fatalf("MaxMin(%v) = %+v, want %+v", c.counts, got, c.want)
			}
		})
	}
}

func TestShare(t *testing.T) {
	if v, ok := (Share{Part: 1, Whole: 4}).Value(); !ok || v != 0.25 {
		t.Fatalf("1/4 = %v %v", v, ok)
	}
	if _, ok := (Share{}).Value(); ok {
		t.Fatal("0/0 must be undefined")
	}
}
