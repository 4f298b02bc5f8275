package figures

import (
	"cmp"
	"slices"
	"strings"
)

// Load is mentor load: who mentors how many newcomers now, who got how
// many in the period, and how evenly.
type Load struct {
	Active  int // mentorships with a mentor, now
	Waiting int // newcomers waiting for a mentor, now
	Mentors []MentorLoad
	// Fairness is max/min of Assigned over the mentors in rotation: those
	// with an assignment in this or the previous period or a mentee now,
	// less those away now who had none in the period.
	Fairness Ratio
}

// MentorLoad is one mentor's share of the work.
type MentorLoad struct {
	Owner    string
	Login    string
	Active   int // mentees now
	Assigned int // assignments in the period
	Away     bool
}

// LoadOf computes the load of scope s: mentees now, assignments in p.
func LoadOf(d Data, s Scope, p Period) Load {
	var l Load
	byKey := map[string]*MentorLoad{}
	get := func(repo, login string) *MentorLoad {
		owner := OwnerOf(repo)
		k := strings.ToLower(owner + "/" + login)
		m, ok := byKey[k]
		if !ok {
			m = &MentorLoad{Owner: owner, Login: strings.ToLower(login)}
			byKey[k] = m
		}
		return m
	}
	for _, m := range d.Open {
		if !s.Includes(m.Repo) {
			continue
		}
		if m.Waiting || m.Mentor == "" {
			l.Waiting++
			continue
		}
		l.Active++
		get(m.Repo, m.Mentor).Active++
	}
	prev := p.Previous()
	for _, a := range d.Assignments {
		if !s.Includes(a.Repo) {
			continue
		}
		switch {
		case p.Contains(a.At):
			get(a.Repo, a.Mentor).Assigned++
		case prev.Contains(a.At):
			get(a.Repo, a.Mentor) // in rotation, though idle in this period
		}
	}
	for _, m := range d.Mentors {
		if ml, ok := byKey[strings.ToLower(m.Owner+"/"+m.Login)]; ok {
			ml.Away = m.Away
		}
	}
	var counts []int
	for _, m := range byKey {
		l.Mentors = append(l.Mentors, *m)
		if !(m.Away && m.Assigned == 0) {
			counts = append(counts, m.Assigned)
		}
	}
	slices.SortFunc(l.Mentors, func(a, b MentorLoad) int {
		return cmp.Or(cmp.Compare(b.Active, a.Active), cmp.Compare(b.Assigned, a.Assigned),
			cmp.Compare(a.Login, b.Login), cmp.Compare(a.Owner, b.Owner))
	})
	l.Fairness = MaxMin(counts)
	return l
}
