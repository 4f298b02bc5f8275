package figures

import "time"

// Point is one step of a trend line.
type Point struct {
	Start     time.Time
	Newcomers int
	// Response is the median time to first response of the step's items
	// (Response.N zero: nobody answered an item of that step).
	Response Summary
}

// Series splits p into n equal steps and computes the newcomer count and
// the median time to first response of each, for the headline trends.
func Series(items []Item, s Scope, p Period, n int) []Point {
	if n <= 0 || p.Length() <= 0 {
		return nil
	}
	step := p.Length() / time.Duration(n)
	out := make([]Point, n)
	buckets := make([][]Item, n)
	for i := range out {
		out[i].Start = p.Since.Add(time.Duration(i) * step)
	}
	for _, it := range scopedItems(items, s, p) {
		i := min(int(it.OpenedAt.Sub(p.Since)/step), n-1)
		buckets[i] = append(buckets[i], it)
	}
	for i, b := range buckets {
		out[i].Newcomers = countPeople(b)
		out[i].Response = ResponseTimes(b).Times
	}
	return out
}
