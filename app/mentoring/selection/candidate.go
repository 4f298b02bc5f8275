// Package selection chooses a mentor for a newcomer and explains the choice.
// Its functions are pure: the caller passes the roster, the request and the
// current time, and stores whatever the decision changes.
package selection

import "time"

// Candidate is one listed mentor and the state the rotation needs.
type Candidate struct {
	Login    string
	Areas    []string // area names from mentorship.yml
	Capacity int      // concurrent active mentees; the config applies the default
	// AwayUntil is when the mentor is back; zero means not away by date.
	AwayUntil time.Time
	// Away is set by "/mentor away" without a date and cleared by "/mentor back".
	Away         bool
	Active       int       // current active mentees
	LastAssigned time.Time // zero if never assigned
	Order        int       // position in the config, the stable tie-break
	// Current is set when the mentor works with this newcomer now (on
	// another issue or pull request, or a claimed starter task).
	Current bool
	// Location is the mentor's time zone; nil means UTC.
	Location *time.Location
	// Hours are the mentor's working hours; zero means DefaultHours.
	Hours Hours
}

// Request asks for a mentor for one newcomer.
type Request struct {
	Author string
	// Areas are the area names that matched the pull request's paths or the
	// issue's labels (see MatchAreas).
	Areas []string
	// Previous is the newcomer's previous mentor, "" if none.
	Previous string
	// Exclude lists mentors who must not be chosen: the current mentor when
	// handing over on "/mentor reassign" or after an unanswered nudge.
	Exclude []string
	Now     time.Time
}

// Decision is the outcome of Select with everything needed to explain it.
type Decision struct {
	Mentor   string     // "" when nobody is eligible
	Steps    []Step     // the rules applied, in order
	Eligible []string   // candidates that passed the eligibility rule, in config order
	Filtered []Filtered // candidates that did not, in config order
}

// Filtered is a candidate that was not eligible, and why.
type Filtered struct {
	Login  string
	Reason string
}

// Rule names one step of the selection.
type Rule string

// The rules of Select, in the order they apply.
const (
	RuleContinuity Rule = "continuity" // keep the mentor the newcomer works with now
	RuleEligible   Rule = "eligible"   // not the author, not excluded, not away, below capacity
	RuleArea       Rule = "area"       // prefer mentors of the matched areas
	RuleRotation   Rule = "rotation"   // pass over the previous mentor
	RuleLoad       Rule = "load"       // fewest active mentees
	RuleHours      Rule = "hours"      // at work within the newcomer's first hours
	RuleRecency    Rule = "recency"    // least recently assigned
	RuleOrder      Rule = "order"      // first in the configuration
)

// Title is the rule's name as shown in the explanation.
func (r Rule) Title() string {
	switch r {
	case RuleContinuity:
		return "continuity"
	case RuleEligible:
		return "eligibility"
	case RuleArea:
		return "matching area"
	case RuleRotation:
		return "rotation"
	case RuleLoad:
		return "fewest active mentees"
	case RuleHours:
		return "working hours"
	case RuleRecency:
		return "least recently assigned"
	case RuleOrder:
		return "configuration order"
	default:
		return string(r)
	}
}

// Step is one rule applied and who survived it.
type Step struct {
	Rule Rule
	// Detail is a short English phrase with the rule's particulars (the
	// areas, the lowest load, the date). It never names a candidate; area
	// names are in backticks.
	Detail    string
	Survivors []string
}

// DecidedBy is the rule that left one candidate, or "" when nobody was chosen.
func (d Decision) DecidedBy() Rule {
	if d.Mentor == "" || len(d.Steps) == 0 {
		return ""
	}
	return d.Steps[len(d.Steps)-1].Rule
}
