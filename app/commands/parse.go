package commands

import "strings"

// commandWords are the known words after "/", in the order suggestions
// prefer them.
var commandWords = []string{"mentor", "claim", "unclaim", "kudos", "faq", "action"}

// Usages, as shown in error messages.
const (
	mentorUsage = "/mentor, /mentor reassign, /mentor keep, /mentor away [until YYYY-MM-DD] or /mentor back"
	awayUsage   = "/mentor away [until YYYY-MM-DD]"
	kudosUsage  = "/kudos @\u200Duser reason" // a joiner after "@", so "@user" notifies no one
	actionUsage = "/action what needs doing"
)

var usages = map[string]string{
	"mentor": mentorUsage, "claim": "/claim", "unclaim": "/unclaim",
	"kudos": kudosUsage, "faq": "/faq", "action": actionUsage,
}

// closingPunct may follow a command word, as in "/claim." or "/kudos:".
const closingPunct = ".,!?;:"

// Parse returns the commands of a comment body in line order, at most one
// per line; a command given twice is returned twice.
//
// A line holds a command when, after leading spaces or tabs, it starts with
// "/" and a word of ASCII letters that ends the line or is followed by
// white space, optionally after closing punctuation (".,!?;:"); the word is
// matched without regard to case. Lines that are not prose (see the package
// documentation) are skipped, and so is every "/word" that is not a known
// command word or a near miss of one (see closest): paths such as /usr/bin,
// and other bots' commands such as /cc, /lgtm or /assign. A near miss such
// as /mentr comes back as Unknown with a suggestion in Err.
func Parse(body string) []Command {
	var found []Command
	var offsets []int
	forEachLine(body, func(n, start int, line string) {
		i := len(line) - len(strings.TrimLeft(line, " \t"))
		if i == len(line) || line[i] != '/' {
			return
		}
		if c, ok := parseLine(strings.TrimSuffix(line[i:], "\r")); ok {
			c.Line = n
			found = append(found, c)
			offsets = append(offsets, start+i)
		}
	})
	if len(found) == 0 {
		return nil
	}
	p := readProse(body)
	cmds := found[:0]
	for k, c := range found {
		if p.isProse(offsets[k]) {
			cmds = append(cmds, c)
		}
	}
	if len(cmds) == 0 {
		return nil
	}
	return cmds
}

// forEachLine calls fn with each line's 1-based number, the offset of its
// first byte and its text without the "\n".
func forEachLine(body string, fn func(n, start int, line string)) {
	for n, start := 1, 0; ; n++ {
		end := strings.IndexByte(body[start:], '\n')
		if end < 0 {
			fn(n, start, body[start:])
			return
		}
		fn(n, start, body[start:start+end])
		start += end + 1
	}
}

// parseLine reads one command line, which starts with "/". It reports false
// when the line is not meant for this bot.
func parseLine(s string) (Command, bool) {
	word := s[1 : 1+len(s[1:])-len(strings.TrimLeft(s[1:], asciiLetters))]
	rest := s[1+len(word):]
	punct := len(rest) - len(strings.TrimLeft(rest, closingPunct))
	if word == "" || punct < len(rest) && rest[punct] != ' ' && rest[punct] != '\t' {
		return Command{}, false
	}
	args := strings.Trim(rest[punct:], " \t")
	switch key := strings.ToLower(word); key {
	case "mentor":
		return parseMentor(args), true
	case "claim":
		return Command{Name: Claim, Text: args}, true
	case "unclaim":
		return Command{Name: Unclaim, Text: args}, true
	case "kudos":
		return parseKudos(args), true
	case "faq":
		return Command{Name: FAQ, Text: args}, true
	case "action":
		return parseAction(args), true
	default:
		near, ok := closest(key, commandWords)
		if !ok {
			return Command{}, false
		}
		return Command{Name: Unknown, Err: &SyntaxError{
			Command: "/" + word, Suggestion: "/" + near, Usage: usages[near],
		}}, true
	}
}

const asciiLetters = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
