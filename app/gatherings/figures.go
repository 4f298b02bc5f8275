package gatherings

import (
	"context"
	"fmt"
	"strconv"
	"time"

	"github.com/rs/zerolog"

	"github.com/mentorbot/mentorbot/app/figures"
	"github.com/mentorbot/mentorbot/app/gatherings/schedule"
)

// satisfactionWindow is how far back recaps' pulse votes count.
const satisfactionWindow = 90 * 24 * time.Hour

// programFigures are the program's figures for the recap's period,
// computed and formatted by package figures as the dashboard and
// `mentorbot report` compute and format them, then the session's RSVPs and
// the satisfaction of the series' recent recaps.
func (s *Service) programFigures(ctx context.Context, gh GitHub, p Program, pd figures.Period, att schedule.Attendance) ([]schedule.Figure, error) {
	scope := figures.Scope{Owner: p.Repo.Owner}
	d, err := s.Store.LoadMetrics(ctx, scope, figures.Needs(pd, 0), nil)
	if err != nil {
		return nil, err
	}
	var out []schedule.Figure
	for _, l := range figures.RecapLines(figures.Compute(d, scope, pd)) {
		out = append(out, schedule.Figure{Name: l.Name, Value: l.Value})
	}
	out = append(out, schedule.Figure{Name: "RSVPs", Value: fmt.Sprintf("👍 %d · 😕 %d", att.Attending, att.Maybe)})
	up, down, err := s.pulse(ctx, gh, p)
	if err != nil {
		return nil, err
	}
	if up+down > 0 {
		out = append(out, schedule.Figure{Name: "Satisfaction (earlier recaps' pulse)", Value: figures.Share{Part: up, Whole: up + down}.Text()})
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

func itoa(n int) string { return strconv.Itoa(n) }
