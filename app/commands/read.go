package commands

import (
	"fmt"
	"strings"
	"time"
)

// MaxPerComment bounds the commands read from one comment: the rest are
// ignored, so that no comment can make the bot act or answer without end.
const MaxPerComment = 5

// Reading is what the bot takes from one comment: at most MaxPerComment
// distinct commands, in line order, and how many command lines it left.
type Reading struct {
	Commands []Command
	// Ignored counts the command lines left out: repeats of a command
	// already read and those past MaxPerComment. Near misses left out for
	// an untrusted author are not counted: they are not addressed to the
	// bot.
	Ignored int
}

// Read parses body and selects its commands (see Select).
func Read(body string, trusted bool) Reading { return Select(Parse(body), trusted) }

// Select keeps the commands the bot answers. Unknown commands (near misses
// such as /mentr) are kept only when trusted, that is when the author is
// a maintainer or a listed mentor: from anyone else they are ordinary text
// and get no answer. A command written again with the same arguments is
// read once, and no more than MaxPerComment are read.
func Select(cmds []Command, trusted bool) Reading {
	var r Reading
	seen := map[string]bool{}
	for _, c := range cmds {
		if c.Name == Unknown && !trusted {
			continue
		}
		k := identity(c)
		if seen[k] || len(r.Commands) == MaxPerComment {
			r.Ignored++
			continue
		}
		seen[k] = true
		r.Commands = append(r.Commands, c)
	}
	return r
}

// Note is a short line for the reply when commands were left out; "" when
// none were.
func (r Reading) Note() string {
	if r.Ignored == 0 {
		return ""
	}
	lines := "lines were"
	if r.Ignored == 1 {
		lines = "line was"
	}
	return fmt.Sprintf("_I read at most %d commands of a comment, each once: %d more command %s ignored._", MaxPerComment, r.Ignored, lines)
}

// identity names a command by what it says, whatever its line.
func identity(c Command) string {
	errText := ""
	if c.Err != nil {
		errText = c.Err.Error()
	}
	text := strings.ToLower(strings.Join(strings.Fields(c.Text), " "))
	return fmt.Sprintf("%d\x00%s\x00%s\x00%s\x00%s", c.Name, strings.ToLower(c.User), text, c.Until.Format(time.DateOnly), errText)
}

// The bot's budget of replies to one person in one repository: at most
// RepliesPerWindow answered comments within any ReplyWindow. Past it,
// commands still take effect where allowed, without a reply.
const (
	RepliesPerWindow = 10
	ReplyWindow      = time.Hour
)
