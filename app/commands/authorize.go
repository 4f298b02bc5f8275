package commands

import "strings"

// Actor is the person who wrote a command, and what they are to the place
// it was written in.
type Actor struct {
	Login string
	// Association is GitHub's author_association of the comment: OWNER,
	// MEMBER, COLLABORATOR, CONTRIBUTOR, FIRST_TIME_CONTRIBUTOR,
	// FIRST_TIMER, MANNEQUIN or NONE. It says who someone is to the
	// repository, not what they may do there: a read-only collaborator is
	// COLLABORATOR too.
	Association string
	// Permission is their role on the repository as GitHub resolves it
	// (role_name of the collaborator permission API: admin, maintain,
	// write, triage, read, none, or a custom role's name), looked up by the
	// caller; "" when it was not looked up.
	Permission string
	// IsAuthor: they opened the issue or pull request.
	IsAuthor bool
	// IsMentee: they are the mentee of the current assignment.
	IsMentee bool
	// IsCurrentMentor: they are the mentor of the current assignment.
	IsCurrentMentor bool
	// IsListedMentor: they are under `mentors` in mentorship.yml.
	IsListedMentor bool
	// IsCommentOwn: the comment holding the command is their own (for /faq;
	// maintainers can edit other people's comments).
	IsCommentOwn bool
	// InOfficeHoursDiscussion: the comment is in an office-hours discussion.
	InOfficeHoursDiscussion bool
	// OnStarterTask: the issue carries a good-first-issue label.
	OnStarterTask bool
	// OnIssue: the comment is on an issue, not a pull request.
	OnIssue bool
	// AuthorIsFirstTimer: the issue's author is a first-time contributor
	// (looked up only for /mentor on an issue).
	AuthorIsFirstTimer bool
}

// IsMaintainer reports whether the actor holds maintainer powers: the
// triage, write, maintain or admin role on the repository. The author
// association never suffices (read-only collaborators are COLLABORATOR).
func (a Actor) IsMaintainer() bool { return MaintainerRole(a.Permission) }

// MaintainerRole reports whether a repository role (role_name) carries
// maintainer powers: triage, write, maintain or admin. Custom roles, read,
// none and "" do not.
func MaintainerRole(role string) bool {
	switch strings.ToLower(role) {
	case "triage", "write", "maintain", "admin":
		return true
	}
	return false
}

// MayHoldRole reports whether an author association can come with a role
// on the repository (owner, organization member, collaborator, or not
// known), so that looking the role up is worth a request. Anyone else
// (contributors, first-timers, strangers) has at most read access to a
// public repository, and their commands cost no lookup.
func MayHoldRole(association string) bool {
	switch strings.ToUpper(association) {
	case "OWNER", "MEMBER", "COLLABORATOR", "":
		return true
	}
	return false
}

// Insider reports whether the association is OWNER, MEMBER or
// COLLABORATOR: someone of the project, whatever their role (a merged
// fix of theirs is no newcomer's work to credit). It grants no power.
func Insider(association string) bool {
	return association != "" && MayHoldRole(association)
}

// Trusted reports whether the bot answers everything the actor writes to
// it, near misses included: maintainers and listed mentors.
func (a Actor) Trusted() bool { return a.IsMaintainer() || a.IsListedMentor }

// Refusals, one per rule. Each names no one and is a clause in lower case
// without a final period, to be set in a sentence: "Sorry @x, <reason>."
const (
	refuseMentor    = "only the author of this issue or pull request, or a maintainer, can ask for a mentor"
	refuseMentorNew = "on an issue, a mentor is paired only with a first-time contributor, or when a maintainer asks"
	refuseReassign  = "only the mentee, their current mentor or a maintainer can hand this over to another mentor"
	refuseKeep      = "only the mentee can choose to keep their mentor"
	refuseRotation  = "only mentors listed in the mentorship configuration can leave or rejoin the mentor rotation"
	refuseClaim     = "only issues labelled as good first issues can be claimed or released with /claim and /unclaim"
	refuseFAQMentor = "only mentors listed in the mentorship configuration can add answers to the FAQ"
	refuseFAQOwn    = "a mentor can add only their own comments to the FAQ"
	refuseAction    = "action items can be added only in an office-hours discussion"
	refuseUnknown   = "that is not a command I know"
)

// Authorize applies the rules (README, "Comment commands") on who may use a command. It
// returns whether a may, and when not, a short reason to reply with: a
// clause in lower case without a final period that names no one, e.g.
// "only the author of this issue or pull request, or a maintainer, can ask
// for a mentor".
// It does not decide what the command then does: /mentor away and back
// always act on the commenter, and whether an /unclaim releases their own
// claim is for the claim logic to check.
func Authorize(cmd Name, a Actor) (bool, string) {
	switch cmd {
	case Mentor:
		switch {
		case a.IsMaintainer():
			return true, ""
		case !a.IsAuthor:
			return false, refuseMentor
		}
		return allow(!a.OnIssue || a.AuthorIsFirstTimer, refuseMentorNew)
	case MentorReassign:
		return allow(a.IsMentee || a.IsCurrentMentor || a.IsMaintainer(), refuseReassign)
	case MentorKeep:
		return allow(a.IsMentee, refuseKeep)
	case MentorAway, MentorBack:
		return allow(a.IsListedMentor, refuseRotation)
	case Claim, Unclaim:
		return allow(a.OnStarterTask, refuseClaim)
	case Kudos:
		return true, ""
	case FAQ:
		if !a.IsListedMentor {
			return false, refuseFAQMentor
		}
		return allow(a.IsCommentOwn, refuseFAQOwn)
	case Action:
		return allow(a.InOfficeHoursDiscussion, refuseAction)
	}
	return false, refuseUnknown
}

func allow(ok bool, reason string) (bool, string) {
	if ok {
		return true, ""
	}
	return false, reason
}
