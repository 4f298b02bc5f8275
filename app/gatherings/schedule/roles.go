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
}

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

// NoMentorReason is the Why of every role when no mentor is available.
const NoMentorReason = "no mentor is available: none is listed or all are away"

// roleStats is a mentor's record so far.
type roleStats struct {
	c        RoleCandidate
	turns    int       // roles held in earlier sessions
	last     time.Time // start of the latest of them; zero if none
	lastRole string
	now      []string // roles taken in this session
}

// AssignRoles gives each role, in order, to an available mentor. The
// candidate who has held any role least often in sessions before s wins,
// then the one whose last role is oldest (never beats any date), then the
// lower Order, then the login. Nobody takes two roles in one session while
// someone available has none. Records of s itself are ignored, so computing
// the roles again for s gives the same answer. With no mentor available every
// role comes back with an empty Login and NoMentorReason.
func AssignRoles(roles []string, mentors []RoleCandidate, history []RoleRecord, s Session) []RoleAssignment {
	if len(roles) == 0 {
		return nil
	}
	pool := candidates(mentors, history, s)
	out := make([]RoleAssignment, 0, len(roles))
	for _, role := range roles {
		if len(pool) == 0 {
			out = append(out, RoleAssignment{Role: role, Why: NoMentorReason})
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
			why = fmt.Sprintf("also %s this session: only %s available for %d roles; %s",
				strings.Join(best.now, " and "), mentorsAvailable(len(pool)), len(roles), why)
		}
		out = append(out, RoleAssignment{Role: role, Login: best.c.Login, Why: why})
		best.now = append(best.now, role)
	}
	return out
}

// candidates collects the available mentors, each once, with their turns
// in sessions before s.
func candidates(mentors []RoleCandidate, history []RoleRecord, s Session) []*roleStats {
	byLogin := map[string]*roleStats{}
	var pool []*roleStats
	for _, m := range mentors {
		k := strings.ToLower(m.Login)
		if m.Away || m.Login == "" || byLogin[k] != nil {
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
	return pool
}

func betterCandidate(a, b *roleStats) bool {
	return cmp.Or(
		cmp.Compare(a.turns+len(a.now), b.turns+len(b.now)),
		a.last.Compare(b.last),
		cmp.Compare(a.c.Order, b.c.Order),
		cmp.Compare(strings.ToLower(a.c.Login), strings.ToLower(b.c.Login)),
	) < 0
}

// explain says which rule decided between best and the rest of choice.
func explain(best *roleStats, choice []*roleStats) string {
	last := "never held a role"
	if !best.last.IsZero() {
		last = fmt.Sprintf("last was %s on %s", best.lastRole, best.last.UTC().Format("2 Jan 2006"))
	}
	if len(choice) == 1 {
		return fmt.Sprintf("the only mentor available (%d turns so far), %s", best.turns, last)
	}
	tiedTurns, tiedLast := 0, 0
	for _, r := range choice {
		if r == best || r.turns+len(r.now) != best.turns+len(best.now) {
			continue
		}
		tiedTurns++
		if r.last.Equal(best.last) {
			tiedLast++
		}
	}
	switch {
	case tiedTurns == 0:
		return fmt.Sprintf("fewest turns so far (%d), %s", best.turns, last)
	case tiedLast == 0:
		return fmt.Sprintf("tied for fewest turns (%d), longest since a role: %s", best.turns, last)
	case best.last.IsZero():
		return fmt.Sprintf("tied for fewest turns (%d), never held a role, first in mentor order", best.turns)
	default:
		return fmt.Sprintf("tied for fewest turns (%d) and for the oldest last role (%s on %s), first in mentor order",
			best.turns, best.lastRole, best.last.UTC().Format("2 Jan 2006"))
	}
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
