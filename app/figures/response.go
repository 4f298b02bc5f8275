package figures

import "time"

// Response is time to first response (CHAOSS): from a first-timer's pull
// request or issue being opened to the first comment or review by someone
// other than its author and bots.
type Response struct {
	// Times summarises the answered items.
	Times Summary
	// Unanswered counts items nobody has answered yet (open or closed).
	Unanswered int
	// Buckets is the distribution of the answered items.
	Buckets []Bucket
}

// Answered counts the items that got a first response.
func (r Response) Answered() int { return r.Times.N }

// Bucket is one bar of the time-to-first-response distribution: the items
// answered in [Lower, Upper); Upper zero means no upper bound.
type Bucket struct {
	Label string
	Lower time.Duration
	Upper time.Duration
	Count int
}

// ResponseBuckets are the distribution's bars.
var ResponseBuckets = []Bucket{
	{Label: "<1h", Upper: time.Hour},
	{Label: "1–4h", Lower: time.Hour, Upper: 4 * time.Hour},
	{Label: "4–12h", Lower: 4 * time.Hour, Upper: 12 * time.Hour},
	{Label: "12–24h", Lower: 12 * time.Hour, Upper: Day},
	{Label: "1–2d", Lower: Day, Upper: 2 * Day},
	{Label: "2–4d", Lower: 2 * Day, Upper: 4 * Day},
	{Label: "4–7d", Lower: 4 * Day, Upper: 7 * Day},
	{Label: ">7d", Lower: 7 * Day},
}

// ResponseTimes computes time to first response over items.
func ResponseTimes(items []Item) Response {
	r := Response{Buckets: append([]Bucket(nil), ResponseBuckets...)}
	var waits []time.Duration
	for _, it := range items {
		if it.FirstResponseAt.IsZero() {
			r.Unanswered++
			continue
		}
		w := it.FirstResponseAt.Sub(it.OpenedAt)
		if w < 0 {
			w = 0 // clocks of different events may disagree by a little
		}
		waits = append(waits, w)
		r.Buckets[bucketOf(w)].Count++
	}
	r.Times = Summarize(waits)
	return r
}

func bucketOf(w time.Duration) int {
	for i, b := range ResponseBuckets {
		if b.Upper == 0 || w < b.Upper {
			return i
		}
	}
	return len(ResponseBuckets) - 1
}
