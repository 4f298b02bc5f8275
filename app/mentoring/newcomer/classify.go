// Package newcomer holds the pure rules about first-time contributors: who
// counts as one, when an unanswered mentorship needs a nudge or a new mentor,
// and whether a newcomer came back.
package newcomer

import (
	"strconv"
	"strings"
)

// Kind is the outcome of Classify.
type Kind int

// The outcomes of Classify. The zero Kind is not a valid outcome.
const (
	// FirstTimer: welcome the author and assign a mentor.
	FirstTimer Kind = iota + 1
	// Returning: the author has contributed before; nothing to do.
	Returning
	// NeedsLookup: the caller makes one search call and classifies again
	// with History.Known set.
	NeedsLookup
	// Ignored: bots and mentors are never treated as newcomers.
	Ignored
)

// String names the kind for logs.
func (k Kind) String() string {
	switch k {
	case FirstTimer:
		return "first-timer"
	case Returning:
		return "returning"
	case NeedsLookup:
		return "needs-lookup"
	case Ignored:
		return "ignored"
	default:
		return "unknown"
	}
}

// GitHub's author_association values.
const (
	AssocOwner                = "OWNER"
	AssocMember               = "MEMBER"
	AssocCollaborator         = "COLLABORATOR"
	AssocContributor          = "CONTRIBUTOR"
	AssocFirstTimer           = "FIRST_TIMER"
	AssocFirstTimeContributor = "FIRST_TIME_CONTRIBUTOR"
	AssocMannequin            = "MANNEQUIN"
	AssocNone                 = "NONE"
)

// Input is what Classify needs to know about the author of a pull request or
// an issue.
type Input struct {
	Login       string
	UserType    string // "User" or "Bot", as in the payload's user.type
	Association string // the payload's author_association
	IsMentor    bool   // the login is listed under mentors in mentorship.yml
	History     History
}

// History is what is known about the author's earlier work.
type History struct {
	// Known is false until the app has a record of the author or has asked
	// the search API once.
	Known bool
	// Contributions counts earlier pull requests or issues by this person in
	// this owner's repositories, not counting the one being classified.
	Contributions int
}

// Verdict is the outcome of Classify and a short English sentence saying why,
// for logs and the "why" block. The reason never contains the login or any
// other text the author chose.
type Verdict struct {
	Kind   Kind
	Reason string
}

// Classify decides whether the author is a first-timer. GitHub's
// author_association alone is not enough: it often says NONE or CONTRIBUTOR
// for people new to this owner, so for those the History decides. And
// FIRST_TIME_CONTRIBUTOR speaks of commits: someone whose first pull
// request is still open says it again on their second, so a recorded
// earlier contribution wins over it.
func Classify(in Input) Verdict {
	assoc := strings.ToUpper(strings.TrimSpace(in.Association))
	switch {
	case !HasLogin(in.Login):
		return Verdict{Ignored, "The author has no login."}
	case IsBot(in.Login, in.UserType):
		return Verdict{Ignored, "The author is a bot."}
	case in.IsMentor:
		return Verdict{Ignored, "The author is a listed mentor."}
	case assoc == AssocOwner || assoc == AssocMember || assoc == AssocCollaborator:
		return Verdict{Returning, "The author is a maintainer (" + assoc + ")."}
	case in.History.Known && in.History.Contributions > 0:
		return Verdict{Returning, "The author has " + countContributions(in.History.Contributions) + " here."}
	case assoc == AssocFirstTimer || assoc == AssocFirstTimeContributor:
		return Verdict{FirstTimer, "GitHub marks the author as " + assoc + "."}
	case !in.History.Known:
		return Verdict{NeedsLookup, "GitHub says " + describeAssoc(assoc) + " and the author's earlier contributions are not known yet."}
	case in.History.Contributions <= 0:
		return Verdict{FirstTimer, "GitHub says " + describeAssoc(assoc) + " and the author has no earlier pull requests or issues here."}
	default:
		return Verdict{Returning, "The author has " + countContributions(in.History.Contributions) + " here."}
	}
}

// HasLogin reports whether a login names someone: an empty or blank one
// (a payload with user: null, a deleted account) names nobody, and nobody
// is welcomed or given a mentor.
func HasLogin(login string) bool { return strings.TrimSpace(login) != "" }

// IsBot reports whether the account is a bot: its type is Bot or its login
// ends in "[bot]" (GitHub Apps acting as themselves).
func IsBot(login, userType string) bool {
	return strings.EqualFold(userType, "Bot") ||
		strings.HasSuffix(strings.ToLower(login), "[bot]")
}

// describeAssoc names an association for a reason, repeating only values
// GitHub documents so that an unexpected value is never echoed.
func describeAssoc(assoc string) string {
	switch assoc {
	case AssocNone, AssocContributor, AssocMannequin:
		return assoc
	case "":
		return "no association"
	default:
		return "an unrecognised association"
	}
}

func countContributions(n int) string {
	if n == 1 {
		return "1 earlier pull request or issue"
	}
	return strconv.Itoa(n) + " earlier pull requests or issues"
}
