package schedule_test

import (
	"math/rand/v2"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/mentorbot/mentorbot/app/gatherings/schedule"
)

var threeRoles = []string{"host", "note-taker", "activity designer"}

func candidates(logins ...string) []schedule.RoleCandidate {
	out := make([]schedule.RoleCandidate, len(logins))
	for i, l := range logins {
		out[i] = schedule.RoleCandidate{Login: l, Order: i}
	}
	return out
}

// runYear assigns roles for a year of biweekly sessions, feeding each
// session's assignments back as history. away says who is away per session.
func runYear(t *testing.T, mentors []schedule.RoleCandidate, away func(i int, login string) bool) (map[string]int, []schedule.RoleRecord) {
	t.Helper()
	p := schedule.Plan{Cadence: schedule.Biweekly, Weekday: time.Thursday, Times: []string{"17:00"}, Duration: time.Hour}
	turns := map[string]int{}
	var history []schedule.RoleRecord
	for i, s := range p.Sessions(day("2026-01-01"), 26) {
		cands := make([]schedule.RoleCandidate, len(mentors))
		copy(cands, mentors)
		available := 0
		for j := range cands {
			cands[j].Away = away(i, cands[j].Login)
			if !cands[j].Away {
				available++
			}
		}
		got := schedule.AssignRoles(threeRoles, cands, history, s)
		if len(got) != len(threeRoles) {
			t.Fatalf("session %s: %d assignments", s.Key, len(got))
		}
		inSession := map[string]bool{}
		for k, a := range got {
			if a.Role != threeRoles[k] || a.Login == "" || a.Why == "" {
				t.Fatalf("session %s: assignment %+v", s.Key, a)
			}
			if away(i, a.Login) {
				t.Fatalf("session %s: away mentor %s chosen as %s", s.Key, a.Login, a.Role)
			}
			if inSession[a.Login] && available >= len(threeRoles) {
				t.Fatalf("session %s: %s holds two roles with %d mentors available", s.Key, a.Login, available)
			}
			inSession[a.Login] = true
			turns[a.Login]++
			history = append(history, schedule.RoleRecord{SessionKey: s.Key, Role: a.Role, Login: a.Login, Start: s.Start})
		}
	}
	return turns, history
}

func TestAssignRolesFairOverAYear(t *testing.T) {
	mentors := candidates("ana", "ben", "chloe", "dev", "eli")
	turns, history := runYear(t, mentors, func(int, string) bool { return false })
	lo, hi := 1<<30, 0
	for _, m := range mentors {
		lo, hi = min(lo, turns[m.Login]), max(hi, turns[m.Login])
	}
	t.Logf("turns over a year: %v", turns)
	if lo == 0 || float64(hi)/float64(lo) > 1.5 {
		t.Errorf("turns %v: max/min = %d/%d, want at most 1.5", turns, hi, lo)
	}
	// Nobody carries the same role every time.
	roles := map[string]map[string]bool{}
	for _, h := range history {
		if roles[h.Login] == nil {
			roles[h.Login] = map[string]bool{}
		}
		roles[h.Login][h.Role] = true
	}
	for _, m := range mentors {
		if len(roles[m.Login]) < len(threeRoles) {
			t.Errorf("%s only held %v", m.Login, roles[m.Login])
		}
	}
}

func TestAssignRolesAwayNeverChosen(t *testing.T) {
	mentors := candidates("ana", "ben", "chloe", "dev", "eli", "fay")
	rng := rand.New(rand.NewPCG(1, 2))
	awayPlan := make([]map[string]bool, 26)
	for i := range awayPlan {
		awayPlan[i] = map[string]bool{"fay": true} // away all year
		for _, m := range mentors[:5] {
			if rng.IntN(4) == 0 {
				awayPlan[i][m.Login] = true
			}
		}
	}
	turns, _ := runYear(t, mentors, func(i int, login string) bool { return awayPlan[i][login] })
	if turns["fay"] != 0 {
		t.Errorf("fay, away all year, had %d turns", turns["fay"])
	}
}

func TestAssignRolesWhy(t *testing.T) {
	s := schedule.Session{Key: "2026-12-03T17:00Z", Start: utc("2026-12-03 17:00")}
	rec := func(login, role, date string) schedule.RoleRecord {
		return schedule.RoleRecord{SessionKey: date + "T17:00Z", Role: role, Login: login, Start: utc(date + " 17:00")}
	}
	history := []schedule.RoleRecord{
		rec("ana", "host", "2026-11-12"), rec("ana", "note-taker", "2026-10-29"),
		rec("ben", "host", "2026-10-29"), rec("ben", "note-taker", "2026-11-19"), rec("ben", "host", "2026-11-26"),
		rec("cy", "note-taker", "2026-11-26"), rec("cy", "host", "2026-10-15"),
		rec("dee", "host", "2026-10-15"), rec("dee", "note-taker", "2026-11-12"),
		// Records of the session itself and of later ones do not count.
		rec("ana", "host", "2026-12-03"), rec("ana", "host", "2026-12-10"),
	}
	cases := []struct {
		name    string
		roles   []string
		mentors []schedule.RoleCandidate
		want    []schedule.RoleAssignment
	}{
		{"fewest turns", []string{"host"}, candidates("ben", "ana", "cy"), []schedule.RoleAssignment{
			{Role: "host", Login: "ana", Why: "2 roles so far, as many as cy; the longest since a role (last was host on 12 Nov 2026)"},
		}},
		{"fewest turns, then recency, then order", []string{"host", "note-taker", "activity"}, candidates("ben", "new", "ana", "dee"), []schedule.RoleAssignment{
			{Role: "host", Login: "new", Why: "no role yet, fewer than any other available mentor"},
			{Role: "note-taker", Login: "ana", Why: "2 roles so far, the latest on 12 Nov 2026, the same as dee; listed before dee among the mentors"},
			{Role: "activity", Login: "dee", Why: "2 roles so far, fewer than any other available mentor, last was note-taker on 12 Nov 2026"},
		}},
		{"more roles than mentors", threeRoles, candidates("ana", "ben"), []schedule.RoleAssignment{
			{Role: "host", Login: "ana", Why: "2 roles so far, fewer than any other available mentor, last was host on 12 Nov 2026"},
			{Role: "note-taker", Login: "ben", Why: "the only available mentor without a role in this session, 3 roles so far, last was host on 26 Nov 2026"},
			{Role: "activity designer", Login: "ana", Why: "also host this session: only 2 mentors are available for 3 roles"},
		}},
		{"all away", threeRoles[:2], []schedule.RoleCandidate{{Login: "ana", Away: true}}, []schedule.RoleAssignment{
			{Role: "host", Why: "nobody can take it: ana is away"},
			{Role: "note-taker", Why: "nobody can take it: ana is away"},
		}},
		{"none listed", threeRoles[:1], nil, []schedule.RoleAssignment{
			{Role: "host", Why: schedule.NoMentorReason},
		}},
		{"newcomers tie", []string{"host"}, candidates("zoe", "yan"), []schedule.RoleAssignment{
			{Role: "host", Login: "zoe", Why: "no role yet, like yan; listed before yan among the mentors"},
		}},
		{"three newcomers, three roles", threeRoles, candidates("zoe", "yan", "xi"), []schedule.RoleAssignment{
			{Role: "host", Login: "zoe", Why: "no role yet, like yan and xi; listed before them among the mentors"},
			{Role: "note-taker", Login: "yan", Why: "no role yet, like xi; listed before xi among the mentors"},
			{Role: "activity designer", Login: "xi", Why: "the only available mentor without a role in this session, no role yet"},
		}},
		{"no roles", nil, candidates("ana"), nil},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got := schedule.AssignRoles(tc.roles, tc.mentors, history, s)
			if !reflect.DeepEqual(got, tc.want) {
				t.Errorf("got\n%s\nwant\n%s", fmtAssign(got), fmtAssign(tc.want))
			}
		})
	}
}

func fmtAssign(list []schedule.RoleAssignment) string {
	var b strings.Builder
	for _, a := range list {
		b.WriteString(a.Role + " → " + a.Login + ": " + a.Why + "\n")
	}
	return b.String()
}
