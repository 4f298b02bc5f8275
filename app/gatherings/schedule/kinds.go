package schedule

import "fmt"

// The kinds of gathering a series can be.
const (
	KindOfficeHours      = "office_hours"      // an open call with the mentors
	KindSocial           = "social"            // an informal get-together
	KindMentorshipCircle = "mentorship_circle" // a small group sharing progress
)

// Kinds are the kinds of gathering, in the order people read them.
var Kinds = []string{KindOfficeHours, KindSocial, KindMentorshipCircle}

// DefaultAccessibility is the accessibility note of every kind when the
// configuration gives none. It promises only what happens without anyone
// remembering to do it: the invitation to ask, and the recap the bot posts.
const DefaultAccessibility = "Tell us in a comment here what would help you take part — captions, " +
	"questions in writing, a slower pace — so the facilitators can prepare. " +
	"A written recap is posted after the session."

// KindDefaults are the texts a series of one kind starts from.
type KindDefaults struct {
	Noun          string // "office hours", "social", "mentorship circle"
	Category      string // the Discussions category of announcements
	Cadence       string
	Agenda        []string
	GroundRules   []string
	Accessibility string
	Roles         []string
	// Intro opens the announcement; %s is the length, e.g. "60-minute".
	Intro string
}

// DefaultsFor returns the defaults of kind, and false for an unknown kind.
// The lists are fresh copies.
func DefaultsFor(kind string) (KindDefaults, bool) {
	var d KindDefaults
	switch kind {
	case KindOfficeHours:
		d = KindDefaults{
			Noun: "office hours", Category: "Office Hours", Cadence: Biweekly,
			Agenda:      []string{"Check-in", "Progress sharing", "Mentorship dialogues", "Activity"},
			GroundRules: []string{"Equal airtime", "No interruptions", "Every question is welcome"},
			Roles:       []string{"host", "note-taker", "activity designer"},
			Intro: "Office hours are an open %s call with the project's mentors: bring questions, " +
				"work in progress or just say hello. Everyone is welcome.",
		}
	case KindSocial:
		d = KindDefaults{
			Noun: "social", Category: "Socials", Cadence: Biweekly,
			Agenda:      []string{"Introductions", "Open conversation", "A short game or show-and-tell"},
			GroundRules: []string{"Be kind", "Cameras are optional", "No project talk required"},
			Roles:       []string{"host"},
			Intro: "An informal %s get-together: nothing to prepare, come and meet the people " +
				"behind the project. Everyone is welcome.",
		}
	case KindMentorshipCircle:
		d = KindDefaults{
			Noun: "mentorship circle", Category: "Mentorship Circles", Cadence: Monthly,
			Agenda:      []string{"Check-in", "Progress sharing", "One question each", "Next steps"},
			GroundRules: []string{"Equal airtime", "What is shared in the circle stays in the circle", "Every question is welcome"},
			Roles:       []string{"host", "note-taker"},
			Intro: "A %s mentorship circle: newcomers and mentors in a small group, sharing " +
				"progress and learning from each other's questions. Everyone is welcome.",
		}
	default:
		return d, false
	}
	d.Accessibility = DefaultAccessibility
	return d, true
}

// IntroFor is the opening sentence of an announcement of kind for a session.
func IntroFor(kind string, s Session) string {
	d, ok := DefaultsFor(kind)
	if !ok {
		d, _ = DefaultsFor(KindOfficeHours)
	}
	return fmt.Sprintf(d.Intro, minutes(s))
}
