package figures

import (
	"strings"
	"time"
)

// Steps of a contributor's path, as the store names them.
const (
	StepStarterTask = "starter_task" // a good first issue done (their pull request merged)
	StepNextStep    = "next_step"    // a next-step issue taken after a starter task
)

// Step is one step of a contributor's path through the program.
type Step struct {
	Repo  string
	Login string
	Step  string
	At    time.Time
}

// Progression is the share of contributors who, after completing a good
// first issue in the period, have taken a next-step issue since.
type Progression struct {
	Recorded bool
	Share
}

// ProgressionOf computes the progression of scope s in period p: among
// those who completed a starter task of the scope in p, how many took a
// next-step issue (anywhere in the owner's repositories) after their
// first such task.
func ProgressionOf(d Data, s Scope, p Period) Progression {
	pr := Progression{Recorded: recorded(d.ClaimOwners, s)}
	first := map[string]time.Time{} // owner/login → first starter task in scope and period
	for _, st := range d.Steps {
		if st.Step != StepStarterTask || !s.Includes(st.Repo) || !p.Contains(st.At) {
			continue
		}
		k := personKey(st)
		if at, ok := first[k]; !ok || st.At.Before(at) {
			first[k] = st.At
		}
	}
	next := map[string][]time.Time{}
	for _, st := range d.Steps {
		if st.Step == StepNextStep {
			next[personKey(st)] = append(next[personKey(st)], st.At)
		}
	}
	for k, at := range first {
		pr.Whole++
		for _, n := range next[k] {
			if !n.Before(at) {
				pr.Part++
				break
			}
		}
	}
	return pr
}

func personKey(st Step) string { return strings.ToLower(OwnerOf(st.Repo) + "/" + st.Login) }
