package replay

import (
	"context"
	"errors"
	"testing"
	"time"
)

func TestSweeperPlan(t *testing.T) {
	m := time.Minute
	type step struct {
		at    time.Duration // since t0
		fail  bool
		ran   bool
		since time.Duration // since t0, when ran
	}
	cases := []struct {
		name  string
		steps []step
	}{
		{"first sweep looks back the start window", []step{{at: 0, ran: true, since: -72 * time.Hour}}},
		{"later sweeps look back from the last success, every interval", []step{
			{at: 0, ran: true, since: -72 * time.Hour},
			{at: 1 * m, ran: false},
			{at: 9 * m, ran: false},
			{at: 10 * m, ran: true, since: -60 * m},
			{at: 20 * m, ran: true, since: -50 * m},
		}},
		{"a failed sweep widens the next", []step{
			{at: 0, ran: true, since: -72 * time.Hour},
			{at: 10 * m, fail: true, ran: true, since: -60 * m},
			{at: 15 * m, ran: false},
			{at: 20 * m, ran: true, since: -60 * m},
			{at: 30 * m, ran: true, since: -40 * m},
		}},
		{"a failed first sweep is retried with the start window", []step{
			{at: 0, fail: true, ran: true, since: -72 * time.Hour},
			{at: 10 * m, ran: true, since: 10*m - 72*time.Hour},
		}},
		{"the window never passes the start window", []step{
			{at: 0, ran: true, since: -72 * time.Hour},
			{at: 100 * time.Hour, ran: true, since: 28 * time.Hour},
		}},
		{"a clock that goes back sweeps", []step{
			{at: 0, ran: true, since: -72 * time.Hour},
			{at: -5 * m, ran: true, since: -60 * m},
		}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			s := &Sweeper{Interval: 10 * m, Window: time.Hour, StartWindow: 72 * time.Hour}
			for i, st := range c.steps {
				var got time.Time
				ran, err := s.Run(context.Background(), t0.Add(st.at), func(_ context.Context, since time.Time) error {
					got = since
					if st.fail {
						return errors.New("GitHub is down")
					}
					return nil
				})
				if ran != st.ran || (err != nil) != st.fail {
					t.Fatalf("step %d: ran %v, err %v", i, ran, err)
				}
				if ran && !got.Equal(t0.Add(st.since)) {
					t.Fatalf("step %d: since %v, want %v", i, got.Sub(t0), st.since)
				}
			}
		})
	}
}
