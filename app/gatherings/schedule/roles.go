package schedule

import (
	"cmp"
	"fmt"
	"strings"
	"time"
)

// RoleCandidate is a mentor who may take a facilitator role.
type RoleCandidate struct {
	Login string
	Away  bool // away mentors are never chosen
	Order int  // the mentor's place in the configuration; the last tie-break
	// Location is the mentor's time zone; nil means UTC. A mentor whose
	// local time during the session is outside the waking hours is not
	// chosen.
	Location *time.Location
}

// Waking is a daily window of local time, in minutes after midnight. To
// before From wraps past midnight (a night owl's 20:00–04:00); From equal to
// To is the whole day.
type Waking struct {
	From, To int
}

// DefaultWaking is 08:00–22:00.
var DefaultWaking = Waking{From: 8 * 60, To: 22 * 60}

// ParseWaking reads ["08:00", "22:00"].
func ParseWaking(from, to string) (Waking, error) {
	f, err := parseClock(from)
	if err != nil {
		return Waking{}, err
	}
	t, err := parseClock(to)
	if err != nil {
		return Waking{}, err
	}
	return Waking{From: f, To: t}, nil
}

// String is "08:00–22:00".
func (w Waking) String() string {
	return fmt.Sprintf("%02d:%02d–%02d:%02d", w.From/60, w.From%60, w.To/60, w.To%60)
}

// Fits reports whether a session from start for d lies inside the window in
// loc (nil means UTC).
func (w Waking) Fits(start time.Time, d time.Duration, loc *time.Location) bool {
	if loc == nil {
		loc = time.UTC
	}
	l := start.In(loc)
	offset := (l.Hour()*60 + l.Minute() - w.From + 2*day) % day
	length := (w.To - w.From + 2*day) % day
	if length == 0 {
		length = day
	}
	return offset+int(d/time.Minute) <= length
}

const day = 24 * 60

// RoleRecord is a role someone held in an earlier session.
type RoleRecord struct {
	SessionKey string
	Role       string
	Login      string
	Start      time.Time // the session's start
}

// RoleAssignment is who takes a role in a session, and why.
type RoleAssignment struct {
	Role  string
	Login string // "" when nobody could take the role; Why says so
	Why   string
}

// NoMentorReason is the Why of every role when no mentor is listed.
const NoMentorReason = "no mentor is listed in the configuration"

// roleStats is a mentor's record so far.
type roleStats struct {
	c        RoleCandidate
	turns    int       // roles held in earlier sessions
	last     time.Time // start of the latest of them; zero if none
	lastRole string
	now      []string // roles taken in this session
}

// AssignRoles is AssignRolesWithin for DefaultWaking.
func AssignRoles(roles []string, mentors []RoleCandidate, history []RoleRecord, s Session) []RoleAssignment {
	return AssignRolesWithin(roles, mentors, history, s, DefaultWaking)
}

// AssignRolesWithin gives each role, in order, to an available mentor: one
// who is not away and whose local time during s lies within waking. The
// candidate who has held any role least often in sessions before s wins,
// then the one whose last role is oldest (never beats any date), then the
// lower Order, then the login. Nobody takes two roles in one session while
// someone available has none. Records of s itself are ignored, so computing
// the roles again for s gives the same answer. With no mentor available every
// role comes back with an empty Login and a Why that says who could not
// take it and why.
func AssignRolesWithin(roles []string, mentors []RoleCandidate, history []RoleRecord, s Session, waking Waking) []RoleAssignment {
	if len(roles) == 0 {
		return nil
	}
	pool, left := candidates(mentors, history, s, waking)
	out := make([]RoleAssignment, 0, len(roles))
	for _, role := range roles {
		if len(pool) == 0 {
			out = append(out, RoleAssignment{Role: role, Why: openReason(left, waking)})
			continue
		}
		choice := pool
		if fresh := filter(pool, func(r *roleStats) bool { return len(r.now) == 0 }); len(fresh) > 0 {
			choice = fresh
		}
		best := choice[0]
		for _, r := range choice[1:] {
			if betterCandidate(r, best) {
				best = r
			}
		}
		why := explain(best, choice)
		if len(best.now) > 0 {
			why = fmt.Sprintf("also %s this session: only %s available for %d roles",
				strings.Join(best.now, " and "), mentorsAvailable(len(pool)), len(roles))
		}
		out = append(out, RoleAssignment{Role: role, Login: best.c.Login, Why: why})
		best.now = append(best.now, role)
	}
	return out
}

// leftOut is a mentor who cannot take a role in a session, and why.
type leftOut struct {
	login string
	away  bool
	local time.Time // the session's start in the mentor's zone
}

// candidates collects the available mentors, each once, with their turns
// in sessions before s, and the mentors left out.
func candidates(mentors []RoleCandidate, history []RoleRecord, s Session, waking Waking) ([]*roleStats, []leftOut) {
	byLogin := map[string]*roleStats{}
	seen := map[string]bool{}
	var pool []*roleStats
	var left []leftOut
	for _, m := range mentors {
		k := strings.ToLower(m.Login)
		if m.Login == "" || seen[k] {
			continue
		}
		seen[k] = true
		loc := m.Location
		if loc == nil {
			loc = time.UTC
		}
		if m.Away || !waking.Fits(s.Start, s.End.Sub(s.Start), loc) {
			left = append(left, leftOut{login: m.Login, away: m.Away, local: s.Start.In(loc)})
			continue
		}
		byLogin[k] = &roleStats{c: m}
		pool = append(pool, byLogin[k])
	}
	for _, h := range history {
		r := byLogin[strings.ToLower(h.Login)]
		if r == nil || h.SessionKey == s.Key || !h.Start.Before(s.Start) {
			continue
		}
		r.turns++
		if h.Start.After(r.last) || (h.Start.Equal(r.last) && h.Role < r.lastRole) {
			r.last, r.lastRole = h.Start, h.Role
		}
	}
	return pool, left
}

// openReason says why nobody could take a role.
func openReason(left []leftOut, waking Waking) string {
	if len(left) == 0 {
		return NoMentorReason
	}
	var away, asleep []string
	for _, l := range left {
		if l.away {
			away = append(away, l.login)
		} else {
			asleep = append(asleep, fmt.Sprintf("%s (%s)", l.login, l.local.Format("15:04")))
		}
	}
	var parts []string
	if len(away) > 0 {
		parts = append(parts, joinAnd(away)+" "+isAre(len(away))+" away")
	}
	if len(asleep) > 0 {
		parts = append(parts, "the session falls outside the waking hours ("+waking.String()+") of "+joinAnd(asleep))
	}
	return "nobody can take it: " + strings.Join(parts, "; ")
}

func isAre(n int) string {
	if n == 1 {
		return "is"
	}
	return "are"
}

func betterCandidate(a, b *roleStats) bool {
	return cmp.Or(
		cmp.Compare(a.turns+len(a.now), b.turns+len(b.now)),
		a.last.Compare(b.last),
		cmp.Compare(a.c.Order, b.c.Order),
		cmp.Compare(strings.ToLower(a.c.Login), strings.ToLower(b.c.Login)),
	) < 0
}

// explain says, in words true of best alone, which rule chose best over the
// rest of choice, naming the mentors it was compared with.
func explain(best *roleStats, choice []*roleStats) string {
	held := rolesSoFar(best.turns)
	last := ""
	if !best.last.IsZero() {
		last = fmt.Sprintf("last was %s on %s", best.lastRole, best.last.UTC().Format("2 Jan 2006"))
	}
	if len(choice) == 1 {
		return joinComma("the only available mentor without a role in this session", held, last)
	}
	var tiedTurns, tiedLast []string
	for _, r := range choice {
		if r == best || r.turns+len(r.now) != best.turns+len(best.now) {
			continue
		}
		tiedTurns = append(tiedTurns, r.c.Login)
		if r.last.Equal(best.last) {
			tiedLast = append(tiedLast, r.c.Login)
		}
	}
	switch {
	case len(tiedTurns) == 0:
		return joinComma(held+", fewer than any other available mentor", last)
	case len(tiedLast) == 0:
		if last == "" {
			return fmt.Sprintf("%s, as many as %s, and never held one before", held, joinAnd(tiedTurns))
		}
		return fmt.Sprintf("%s, as many as %s; the longest since a role (%s)", held, joinAnd(tiedTurns), last)
	case best.last.IsZero():
		return fmt.Sprintf("%s, like %s; listed before %s among the mentors", held, joinAnd(tiedLast), them(tiedLast))
	default:
		return fmt.Sprintf("%s, the latest on %s, the same as %s; listed before %s among the mentors",
			held, best.last.UTC().Format("2 Jan 2006"), joinAnd(tiedLast), them(tiedLast))
	}
}

// rolesSoFar is "no role yet", "1 role so far", "4 roles so far".
func rolesSoFar(n int) string {
	switch n {
	case 0:
		return "no role yet"
	case 1:
		return "1 role so far"
	}
	return fmt.Sprintf("%d roles so far", n)
}

func them(logins []string) string {
	if len(logins) == 1 {
		return logins[0]
	}
	return "them"
}

// joinComma joins the non-empty parts with ", ".
func joinComma(parts ...string) string {
	var out []string
	for _, p := range parts {
		if p != "" {
			out = append(out, p)
		}
	}
	return strings.Join(out, ", ")
}

func filter(pool []*roleStats, keep func(*roleStats) bool) []*roleStats {
	var out []*roleStats
	for _, r := range pool {
		if keep(r) {
			out = append(out, r)
		}
	}
	return out
}

func mentorsAvailable(n int) string {
	if n == 1 {
		return "1 mentor is"
	}
	return fmt.Sprintf("%d mentors are", n)
}
