package commands

import (
	"regexp"
	"strings"
	"time"

	"github.com/mentorbot/mentorbot/app/textsafe"
)

// mentorOptions are the words after "/mentor", in the order suggestions
// prefer them.
var mentorOptions = []string{"reassign", "away", "back", "keep"}

// parseMentor reads the arguments of /mentor.
func parseMentor(args string) Command {
	opt, rest := cutWord(args)
	if opt == "" {
		return Command{Name: Mentor}
	}
	key := strings.ToLower(strings.TrimRight(opt, closingPunct))
	switch key {
	case "reassign":
		return Command{Name: MentorReassign, Text: rest}
	case "back":
		return Command{Name: MentorBack, Text: rest}
	case "keep":
		return Command{Name: MentorKeep, Text: rest}
	case "away":
		return parseAway(rest)
	}
	err := &SyntaxError{Command: "/mentor", Problem: "unknown option", Usage: mentorUsage}
	if strings.Trim(key, asciiLetters) == "" {
		if near, ok := closest(key, mentorOptions); ok {
			err.Suggestion = "/mentor " + near
		}
	}
	return Command{Name: Mentor, Err: err}
}

// isoDate is the one date format accepted.
var isoDate = regexp.MustCompile(`^[0-9]{4}-[0-9]{2}-[0-9]{2}$`)

// parseAway reads what follows "/mentor away": nothing, "until DATE", or
// just DATE.
func parseAway(args string) Command {
	fields := strings.Fields(args)
	var date string
	switch {
	case len(fields) == 0:
		return Command{Name: MentorAway}
	case len(fields) == 1 && strings.EqualFold(strings.TrimRight(fields[0], closingPunct), "until"):
		return awayError("the date is missing")
	case len(fields) == 1:
		date = fields[0]
	case len(fields) == 2 && strings.EqualFold(strings.TrimRight(fields[0], closingPunct), "until"):
		date = fields[1]
	default:
		return awayError(`expected "until" and a date`)
	}
	date = strings.TrimRight(date, closingPunct)
	if !isoDate.MatchString(date) {
		return awayError("the date must be written YYYY-MM-DD")
	}
	until, err := time.Parse(time.DateOnly, date)
	if err != nil {
		return awayError("the date does not exist")
	}
	return Command{Name: MentorAway, Until: until}
}

func awayError(problem string) Command {
	return Command{Name: MentorAway, Err: &SyntaxError{Command: "/mentor away", Problem: problem, Usage: awayUsage}}
}

// parseKudos reads "@user reason".
func parseKudos(args string) Command {
	who, reason := cutWord(args)
	problem := ""
	login := strings.TrimRight(strings.TrimPrefix(who, "@"), closingPunct)
	for _, s := range []string{"'s", "’s"} {
		login = strings.TrimSuffix(login, s)
	}
	switch {
	case who == "":
		problem = "the person to thank is missing"
	case who[0] != '@':
		problem = "the person to thank comes first, as @\u200Duser"
	case strings.Contains(login, "/"):
		problem = "kudos go to a person, not a team"
	case !textsafe.ValidLogin(login):
		problem = "the person to thank must be written @\u200Dlogin"
	default:
		return Command{Name: Kudos, User: login, Text: reason}
	}
	return Command{Name: Kudos, Err: &SyntaxError{Command: "/kudos", Problem: problem, Usage: kudosUsage}}
}

// parseAction reads the text of an action item, which must not be empty.
func parseAction(args string) Command {
	if args == "" {
		return Command{Name: Action, Err: &SyntaxError{Command: "/action", Problem: "the action item is missing", Usage: actionUsage}}
	}
	return Command{Name: Action, Text: args}
}

// cutWord splits s, which has no leading blanks, at its first space or tab
// into a word and the trimmed rest.
func cutWord(s string) (word, rest string) {
	i := strings.IndexAny(s, " \t")
	if i < 0 {
		return s, ""
	}
	return s[:i], strings.Trim(s[i:], " \t")
}
