package newcomer

import "time"

// Action is what FollowUp asks the caller to do about an active mentorship.
type Action int

// The actions of FollowUp.
const (
	// NoAction: the mentor has answered, or it is too early to act.
	NoAction Action = iota
	// Nudge: remind the mentor once.
	Nudge
	// Reassign: hand the mentee to the next mentor in rotation.
	Reassign
)

// String names the action for logs.
func (a Action) String() string {
	switch a {
	case NoAction:
		return "none"
	case Nudge:
		return "nudge"
	case Reassign:
		return "reassign"
	default:
		return "unknown"
	}
}

// FollowUpInput describes an active mentorship at the moment Now.
type FollowUpInput struct {
	AssignedAt      time.Time
	FirstResponseAt time.Time // zero while the mentor has not responded
	NudgedAt        time.Time // zero if the mentor was never nudged
	Now             time.Time
	// Hours is assignment.first_response_hours; zero or less turns
	// follow-ups off.
	Hours int
}

// FollowUp decides whether an unanswered mentorship needs a nudge or a new
// mentor. Once Hours have passed since the assignment without a response the
// mentor is nudged, once only; once twice Hours have passed the mentee is
// reassigned, whether or not the nudge went out and however late it was.
// A mentorship without AssignedAt gets no action.
func FollowUp(in FollowUpInput) Action {
	if !in.FirstResponseAt.IsZero() || in.Hours <= 0 || in.AssignedAt.IsZero() {
		return NoAction
	}
	limit := time.Duration(in.Hours) * time.Hour
	waited := in.Now.Sub(in.AssignedAt)
	switch {
	case waited >= 2*limit:
		return Reassign
	case waited >= limit && in.NudgedAt.IsZero():
		return Nudge
	default:
		return NoAction
	}
}

// NextFollowUp is when FollowUp next has something to do, from in.Now on:
// in.Now itself when something is due, else the nudge, else the hand-over.
// It is the zero time when nothing ever will be (the mentor answered,
// follow-ups are off, or nobody is assigned).
func NextFollowUp(in FollowUpInput) time.Time {
	if FollowUp(in) != NoAction {
		return in.Now
	}
	if !in.FirstResponseAt.IsZero() || in.Hours <= 0 || in.AssignedAt.IsZero() {
		return time.Time{}
	}
	limit := time.Duration(in.Hours) * time.Hour
	if in.NudgedAt.IsZero() {
		return in.AssignedAt.Add(limit)
	}
	return in.AssignedAt.Add(2 * limit)
}
