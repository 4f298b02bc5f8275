package schedule

import (
	"cmp"
	"slices"
	"time"
)

// DefaultRecapLookback is how far back Due looks for sessions that still
// need a recap when the caller passes no lookback.
const DefaultRecapLookback = 14 * 24 * time.Hour

// ActionKind says what a due Action asks for.
type ActionKind string

// The kinds of Action.
const (
	ActionAnnounce ActionKind = "announce"
	ActionRecap    ActionKind = "recap"
	ActionRemind   ActionKind = "remind"
)

// Action is a post a session needs now.
type Action struct {
	Kind    ActionKind
	Session Session
	// DueAt is when the action became due: Start − AnnounceBefore for an
	// announcement, End for a recap. Now minus DueAt tells how late it is.
	DueAt time.Time
}

// Due lists what needs posting at now, ordered by DueAt, then Kind, then
// Key:
//
//   - an announcement for every session whose announcement time has come
//     (Start − AnnounceBefore ≤ now) and that has not started (now < Start),
//     so after downtime a future session is still announced, late, and a
//     started or past one never is;
//
//   - a recap for every session that ended within the lookback window
//     (now − lookback < End ≤ now), whether or not it was announced.
//
//   - with RemindBefore > 0, a reminder for every session whose reminder
//     time has come (Start − RemindBefore ≤ now) and that has not started.
//
// Cancelled sessions (on a Skip date) are neither announced nor recapped.
// The result depends only on now and the plan, so every replica and every
// retry computes the same list; the caller skips the actions whose session
// Key its store already has. A lookback ≤ 0 means DefaultRecapLookback.
// An invalid plan has nothing due.
func (p Plan) Due(now time.Time, lookback time.Duration) []Action {
	sc, err := p.compile()
	if err != nil {
		return nil
	}
	if lookback <= 0 {
		lookback = DefaultRecapLookback
	}
	now = now.UTC()
	var out []Action
	for i := sc.firstEndingAfter(now.Add(-lookback)); ; i++ {
		s := sc.at(i)
		if s.End.After(now) {
			break
		}
		if s.Cancelled {
			continue
		}
		out = append(out, Action{Kind: ActionRecap, Session: s, DueAt: s.End})
	}
	for i := sc.firstEndingAfter(now); ; i++ {
		s := sc.at(i)
		announceAt := s.Start.Add(-sc.announce)
		if sc.announce == 0 {
			// "0 days before" means on the day: from the start of the
			// session's UTC day, so there is a moment to announce it.
			announceAt = s.Start.Truncate(24 * time.Hour)
		}
		if announceAt.After(now) {
			break
		}
		if s.Start.After(now) && !s.Cancelled {
			out = append(out, Action{Kind: ActionAnnounce, Session: s, DueAt: announceAt})
		}
	}
	if sc.remind > 0 {
		for i := sc.firstEndingAfter(now); ; i++ {
			s := sc.at(i)
			remindAt := s.Start.Add(-sc.remind)
			if remindAt.After(now) {
				break
			}
			if s.Start.After(now) && !s.Cancelled {
				out = append(out, Action{Kind: ActionRemind, Session: s, DueAt: remindAt})
			}
		}
	}
	slices.SortFunc(out, func(a, b Action) int {
		return cmp.Or(a.DueAt.Compare(b.DueAt), cmp.Compare(a.Kind, b.Kind), cmp.Compare(a.Session.Key, b.Session.Key))
	})
	return out
}
