package mentoring

import (
	"fmt"
	"time"

	"github.com/mentorbot/mentorbot/app/gatherings/schedule"
	"github.com/mentorbot/mentorbot/app/textsafe"
)

// The replies to /mentor commands and the notes of handovers. Each names
// whom it answers; a person is @-mentioned only where they are meant to be
// notified (the one a reply answers, a mentee, a newly paired mentor);
// others are named in code. testdata/golden holds each as rendered.

// refusalReply turns a refusal clause of commands.Authorize into a reply.
func refusalReply(actor, why string) string {
	return fmt.Sprintf("Sorry %s, %s.", textsafe.Mention(actor), why)
}

// syntaxReply answers a command that could not be understood.
func syntaxReply(actor string, err error) string {
	return fmt.Sprintf("Sorry %s, I could not run that: %s.", textsafe.Mention(actor), err)
}

// noMentorReply answers /mentor reassign or /mentor keep where nobody mentors yet.
func noMentorReply(actor, what string) string {
	return fmt.Sprintf("%s, there is no mentor to %s yet. `/mentor` asks for one.", textsafe.Mention(actor), what)
}

// nobodyFreeReply answers /mentor reassign when every other mentor is away or full.
func nobodyFreeReply(actor string) string {
	return fmt.Sprintf("Sorry %s, every other mentor is away or at capacity right now, so the mentorship stays as it is. "+
		"Try again later.", textsafe.Mention(actor))
}

// hasMentorReply answers /mentor on an item that has a mentor.
func hasMentorReply(actor, noun, mentor string) string {
	return fmt.Sprintf("%s, this %s already has a mentor: %s. `/mentor reassign` hands it to someone else.",
		textsafe.Mention(actor), noun, textsafe.Code(mentor))
}

// stillWaitingReply answers /mentor on an item whose newcomer waits in line.
func stillWaitingReply(actor string) string {
	return fmt.Sprintf("%s, every mentor is still away or at capacity; this stays first in line, "+
		"and the first mentor who frees up is paired here.", textsafe.Mention(actor))
}

// awayReply answers the mentor who goes away; until is 00:00 UTC of the
// day they are back, zero when they will say `/mentor back`.
func awayReply(mentor string, until time.Time) string {
	when := "until you comment `/mentor back`"
	if !until.IsZero() {
		when = "until " + utcTime(until, "Back in the mentor rotation")
	}
	return fmt.Sprintf("Noted, %s: you are out of the rotation %s. Your current mentees are handed to a fellow mentor "+
		"within a few minutes, except those who choose to keep you.", textsafe.Code(mentor), when)
}

// backReply answers the mentor who comes back.
func backReply(mentor string) string {
	return fmt.Sprintf("Welcome back, %s! You are in the rotation again, and the next newcomers can be paired with you.",
		textsafe.Code(mentor))
}

// handoverNote tells the mentee who mentors them now, after a reassignment
// someone asked for (asked) or one the bot made when no reply came; it
// gives no reason and blames nobody.
func handoverNote(mentee, next string, asked bool) string {
	if asked {
		return fmt.Sprintf("%s, as asked, %s is your mentor from here on and will say hello soon.",
			textsafe.Mention(mentee), textsafe.Mention(next))
	}
	return fmt.Sprintf("%s, %s is your mentor from here on and will say hello soon.",
		textsafe.Mention(mentee), textsafe.Mention(next))
}

// pairedNote tells a newcomer who waited in line that a mentor is free.
// The first-response clock starts at the mentor's working hours, so the
// promise is "usually".
func pairedNote(mentee, mentor string, hours int) string {
	return fmt.Sprintf("Good news, %s: %s is now your mentor and will usually get back to you within %d hours.",
		textsafe.Mention(mentee), textsafe.Mention(mentor), hours)
}

// utcTime writes a moment as people need it: day, hour and zone, with a
// link that shows it in the reader's own time zone.
func utcTime(t time.Time, what string) string {
	return fmt.Sprintf("%s ([in your time zone](%s))", t.UTC().Format("15:04 UTC on 2 January 2006"), schedule.ConverterURL(t, what))
}
