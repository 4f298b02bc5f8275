package commands

import "time"

// Name identifies a command. The zero value is Unknown.
type Name int

// The commands the README lists under "Comment commands".
const (
	Unknown Name = iota
	Mentor
	MentorReassign
	MentorAway
	MentorBack
	Claim
	Unclaim
	Kudos
	FAQ
	Action
	MentorKeep
)

var names = [...]string{
	Unknown:        "unknown",
	Mentor:         "/mentor",
	MentorReassign: "/mentor reassign",
	MentorAway:     "/mentor away",
	MentorBack:     "/mentor back",
	Claim:          "/claim",
	Unclaim:        "/unclaim",
	Kudos:          "/kudos",
	FAQ:            "/faq",
	Action:         "/action",
	MentorKeep:     "/mentor keep",
}

// String returns the command as a user writes it, e.g. "/mentor away".
func (n Name) String() string {
	if n < 0 || int(n) >= len(names) {
		return names[Unknown]
	}
	return names[n]
}

// Command is one command found in a comment.
type Command struct {
	Name Name
	// Line is the 1-based line of the body the command is on.
	Line int
	// Until is the date of "/mentor away until YYYY-MM-DD", at 00:00 UTC;
	// zero when no date was given.
	Until time.Time
	// User is the login a kudos is for, without the "@".
	User string
	// Text is the rest of the line, raw and trimmed: the reason of a kudos,
	// the text of an action item, or the remark written after /claim,
	// /unclaim, /faq, /mentor reassign, /mentor keep or /mentor back. It is user text:
	// quote it only through package textsafe.
	Text string
	// Err is set when the line is a command that cannot be carried out as
	// written: an unknown command word close to a known one (Name is then
	// Unknown) or a known one with wrong arguments (Name is that command).
	// It is a *SyntaxError, whose message gives the right syntax and
	// repeats nothing the user wrote other than letters.
	Err error
}

// SyntaxError explains a command that could not be understood.
type SyntaxError struct {
	// Command is the command as far as it was understood, e.g. "/mentr"
	// or "/mentor away". It holds only "/", letters and spaces.
	Command string
	// Problem says what is wrong; empty for an unknown command.
	Problem string
	// Usage is the right syntax, e.g. "/mentor away [until YYYY-MM-DD]".
	Usage string
	// Suggestion is the closest known command or option, e.g. "/mentor";
	// empty when none is close.
	Suggestion string
}

// Error reads well after "I could not run that: ", e.g. "unknown command
// /mentr (did you mean /mentor?); usage: /mentor, ...".
func (e *SyntaxError) Error() string {
	msg := e.Command + ": " + e.Problem
	if e.Problem == "" {
		msg = "unknown command " + e.Command
	}
	if e.Suggestion != "" {
		msg += " (did you mean " + e.Suggestion + "?)"
	}
	if e.Usage != "" {
		msg += "; usage: " + e.Usage
	}
	return msg
}
