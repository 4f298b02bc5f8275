package newcomer

import (
	"time"

	"github.com/mentorbot/mentorbot/app/mentoring/selection"
)

// AwayInput describes an active mentorship whose mentor may be away.
type AwayInput struct {
	FollowUpInput
	// MentorAway is set while the mentor is away: by "/mentor away", an
	// away_until date or GitHub's "Busy" status.
	MentorAway bool
	// Kept is set when the mentee asked to keep this mentor ("/mentor keep").
	Kept bool
	// Location and Hours are the mentor's time zone and working hours.
	Location *time.Location
	Hours    selection.Hours
}

// FollowUpAway decides what happens to a mentorship, minding absences and
// working hours. An away mentor is never nudged: their mentee is handed
// over at once, unless the mentee chose to keep them, and then nothing
// happens until they are back. Otherwise FollowUp applies with the
// first-response clock started at selection.ClockStart of the assignment,
// so that the hours the mentor was asleep do not count; but a kept mentor
// is never handed over by the bot (the mentee chose to wait for them, and
// `/mentor reassign` is theirs to say): once back, they get the one nudge.
func FollowUpAway(in AwayInput) Action {
	if !in.FirstResponseAt.IsZero() || in.AssignedAt.IsZero() {
		return NoAction
	}
	if in.MentorAway {
		if in.Kept {
			return NoAction
		}
		return Reassign
	}
	f := in.FollowUpInput
	f.AssignedAt = selection.ClockStart(f.AssignedAt, in.Location, in.Hours)
	if f.Now.Before(f.AssignedAt) {
		return NoAction
	}
	a := FollowUp(f)
	if a == Reassign && in.Kept {
		if f.NudgedAt.IsZero() {
			return Nudge
		}
		return NoAction
	}
	return a
}

// NextFollowUpAway is when FollowUpAway next has something to do, from
// in.Now on: in.Now itself when something is due, else the nudge or the
// hand-over counted from selection.ClockStart of the assignment. It is
// the zero time when nothing will be due until something changes (the
// mentor answered, follow-ups are off, or a kept mentor is away).
func NextFollowUpAway(in AwayInput) time.Time {
	if FollowUpAway(in) != NoAction {
		return in.Now
	}
	if in.MentorAway || in.Kept && !in.NudgedAt.IsZero() {
		return time.Time{}
	}
	f := in.FollowUpInput
	if !f.AssignedAt.IsZero() {
		f.AssignedAt = selection.ClockStart(f.AssignedAt, in.Location, in.Hours)
	}
	if f.Now.Before(f.AssignedAt) {
		f.Now = f.AssignedAt // FollowUp then says what is due first
		if FollowUp(f) != NoAction {
			return f.AssignedAt
		}
	}
	return NextFollowUp(f)
}
