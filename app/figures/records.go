package figures

import "time"

// Kinds of contribution, as the store names them.
const (
	KindPullRequest = "pull_request"
	KindIssue       = "issue"
)

// Item is a first-timer's pull request or issue, as recorded when it
// happened: opened, first answered by someone other than the author and
// bots (the bot's own welcome is not an answer), merged or closed.
type Item struct {
	Repo            string // owner/name
	Number          int
	Kind            string
	Login           string
	OpenedAt        time.Time
	FirstResponseAt time.Time
	MergedAt        time.Time
	ClosedAt        time.Time
}

// Newcomer is a first-time contributor to an owner's repositories: the
// repository and time of their first contribution, and when their next
// contribution to any of the owner's repositories followed (zero: not yet).
type Newcomer struct {
	Repo       string
	FirstAt    time.Time
	ReturnedAt time.Time
}

// Assignment is a mentor given to a newcomer (new, from the waiting list,
// or by a reassignment).
type Assignment struct {
	Repo   string
	Mentor string
	At     time.Time
}

// Mentorship is a mentorship open now: active with a mentor, or waiting
// for one.
type Mentorship struct {
	Repo    string
	Mentor  string // "" while waiting
	Waiting bool
	Since   time.Time
}

// Mentor is a mentor the store knows in an owner's program, with whether
// they are away now.
type Mentor struct {
	Owner string
	Login string
	Away  bool
}

// Claim states, as the store names them.
const (
	ClaimActive    = "active"
	ClaimReleased  = "released"
	ClaimExpired   = "expired"
	ClaimCompleted = "completed"
	ClaimClosed    = "closed"
)

// Claim is one person's claim on a starter task.
type Claim struct {
	Repo      string
	State     string
	ClaimedAt time.Time
	EndedAt   time.Time
}

// Data is everything the figures are computed from, loaded once for a
// Range (see Needs); Compute filters it by scope and period.
type Data struct {
	// Now is when the data was read: "now" figures (active mentorships,
	// open claims) are as of Now.
	Now         time.Time
	Items       []Item
	Newcomers   []Newcomer
	Assignments []Assignment
	Open        []Mentorship
	Mentors     []Mentor
	Claims      []Claim
	Steps       []Step
	Posts       []Post
	// ClaimOwners and HoursOwners list the owners for whom the store has
	// ever recorded a claim or an office-hours post: elsewhere those
	// figures are unknown, not zero.
	ClaimOwners []string
	HoursOwners []string
}

// Task is an open starter task (a good first issue) and who holds it.
type Task struct {
	Repo     string
	Number   int
	Title    string
	URL      string
	OpenedAt time.Time
	// Claimant holds an active claim on it; "" when it is free.
	Claimant string
}
