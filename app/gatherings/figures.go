package gatherings

import (
	"context"
	"fmt"
	"slices"
	"strconv"
	"time"

	"github.com/rs/zerolog"

	"github.com/mentorbot/mentorbot/app/gatherings/schedule"
)

// satisfactionWindow is how far back recaps' pulse votes count.
const satisfactionWindow = 90 * 24 * time.Hour

// period is (from, to].
type period struct{ from, to time.Time }

// figures are the program's figures for the recap's period.
func (s *Service) figures(ctx context.Context, gh GitHub, p Program, pd period, att schedule.Attendance, newcomers, merged int) ([]schedule.Figure, error) {
	owner := p.Repo.Owner
	times, unanswered, err := s.Store.FirstResponseTimes(ctx, owner, pd.from, pd.to)
	if err != nil {
		return nil, err
	}
	out := []schedule.Figure{
		{Name: "Time to first response (median)", Value: responseFigure(times, unanswered)},
		{Name: "First-time contributors", Value: strconv.Itoa(newcomers)},
		{Name: "First pull requests merged", Value: strconv.Itoa(merged)},
	}
	if s.CompletedClaims != nil {
		n, err := s.CompletedClaims(ctx, owner, pd.from, pd.to)
		if err != nil {
			return nil, err
		}
		out = append(out, schedule.Figure{Name: "Claims completed", Value: strconv.Itoa(n)})
	}
	out = append(out, schedule.Figure{Name: "RSVPs", Value: fmt.Sprintf("👍 %d · 😕 %d", att.Attending, att.Maybe)})
	up, down, err := s.pulse(ctx, gh, p)
	if err != nil {
		return nil, err
	}
	if up+down > 0 {
		out = append(out, schedule.Figure{Name: "Satisfaction (earlier recaps' pulse)",
			Value: fmt.Sprintf("%d%% 👍 (%d of %d votes)", (100*up+(up+down)/2)/(up+down), up, up+down)})
	}
	return out, nil
}

// pulse reads again the 👍 and 👎 on the target's recent recaps, stores
// them (they feed the satisfaction figure) and sums them. A recap that
// cannot be read keeps its last count.
func (s *Service) pulse(ctx context.Context, gh GitHub, p Program) (up, down int, err error) {
	target := p.StoreTarget()
	recaps, err := s.Store.HoursRecaps(ctx, target, s.now().Add(-satisfactionWindow))
	if err != nil {
		return 0, 0, err
	}
	for _, r := range recaps {
		u, d, err := gh.Pulse(ctx, r.NodeID)
		if err != nil {
			zerolog.Ctx(ctx).Warn().Err(err).Str("session", r.SessionKey).Msg("Could not read a recap's pulse; keeping the last count")
			u, d = r.PulseUp, r.PulseDown
		} else if err := s.Store.SaveHoursPulse(ctx, target, r.SessionKey, u, d); err != nil {
			return 0, 0, err
		}
		up, down = up+u, down+d
	}
	return up, down, nil
}

// responseFigure is the median time to first response, e.g. "3 h 20 min
// (4 of 5 answered)", or "no first-timer pull requests or issues".
func responseFigure(times []time.Duration, unanswered int) string {
	total := len(times) + unanswered
	if total == 0 {
		return "no first-timer pull requests or issues"
	}
	if len(times) == 0 {
		return fmt.Sprintf("none answered yet (0 of %d)", total)
	}
	return fmt.Sprintf("%s (%d of %d answered)", humanDuration(median(times)), len(times), total)
}

// median of a non-empty list.
func median(ds []time.Duration) time.Duration {
	s := slices.Clone(ds)
	slices.Sort(s)
	n := len(s)
	if n%2 == 1 {
		return s[n/2]
	}
	return (s[n/2-1] + s[n/2]) / 2
}

// humanDuration writes "2 d 4 h", "3 h 20 min" or "45 min", rounded down
// to the minute.
func humanDuration(d time.Duration) string {
	m := int(d / time.Minute)
	days, hours, mins := m/(24*60), m/60%24, m%60
	switch {
	case days > 0:
		return fmt.Sprintf("%d d %d h", days, hours)
	case hours > 0:
		return fmt.Sprintf("%d h %d min", hours, mins)
	default:
		return fmt.Sprintf("%d min", mins)
	}
}

func itoa(n int) string { return strconv.Itoa(n) }
