package textsafe

import (
	"regexp"
	"strings"
)

// zwj is the zero-width joiner put after an "@" or "<" to defuse it.
const zwj = "\u200D"

// atEntity matches the character references that render as "@".
var atEntity = regexp.MustCompile(`&#0*64;|&#[xX]0*40;|&commat;`)

// Neutralize returns s with every would-be mention defused, HTML comments
// removed and the remaining HTML made inert, so that s can be placed in the
// bot's Markdown without notifying anyone or breaking the markup around it.
//
//   - "@name" and "@org/team" get a zero-width joiner after the "@"; an "@"
//     right after a letter or digit (an e-mail address) is left alone, and
//     "&#64;", "&#x40;" and "&commat;" are first written as "@".
//   - Complete HTML comments are removed (text inside fenced code too); a
//     stray "<!--" or "-->" is defused.
//   - Every "<" that could open a tag, comment, declaration or processing
//     instruction gets a zero-width joiner after it, so "</details>" or
//     "<pre>" show as text.
//   - "#123" and "owner/repo#123" references are kept.
//
// Block structure such as an unclosed code fence is not changed; wrap
// multi-line text with Quote to keep it inside a block quote.
func Neutralize(s string) string {
	return defuseMentions(defuseHTML(atEntity.ReplaceAllString(stripComments(s), "@")))
}

// Quote returns s neutralised and written as a Markdown block quote, one
// "> " per line. Whatever block structure s has (an unclosed fence, a list)
// ends with the quote, provided the caller leaves a blank line after it.
func Quote(s string) string {
	s = strings.ReplaceAll(Neutralize(s), "\r\n", "\n")
	lines := strings.Split(strings.ReplaceAll(s, "\r", "\n"), "\n")
	for i, l := range lines {
		if strings.TrimSpace(l) == "" {
			lines[i] = ">"
			continue
		}
		lines[i] = "> " + l
	}
	return strings.Join(lines, "\n")
}

// stripComments removes complete HTML comments: "<!--" up to the next
// "-->", and the short forms "<!-->" and "<!--->". An unclosed "<!--" stays
// for defuseHTML to defuse.
func stripComments(s string) string {
	if !strings.Contains(s, "<!--") {
		return s
	}
	var b strings.Builder
	for {
		i := strings.Index(s, "<!--")
		if i < 0 {
			break
		}
		end := commentEnd(s[i:])
		if end < 0 {
			break
		}
		b.WriteString(s[:i])
		s = s[i+end:]
	}
	b.WriteString(s)
	return b.String()
}

// commentEnd returns the length of the comment that s starts with, or -1
// when it is not closed.
func commentEnd(s string) int {
	switch {
	case strings.HasPrefix(s, "<!-->"):
		return len("<!-->")
	case strings.HasPrefix(s, "<!--->"):
		return len("<!--->")
	}
	j := strings.Index(s[len("<!--"):], "-->")
	if j < 0 {
		return -1
	}
	return len("<!--") + j + len("-->")
}

// defuseHTML puts a joiner after each "<" that is followed by a letter,
// "/", "!" or "?", and inside each "-->".
func defuseHTML(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); i++ {
		c := s[i]
		b.WriteByte(c)
		switch {
		case c == '<' && i+1 < len(s) && opensMarkup(s[i+1]):
			b.WriteString(zwj)
		case c == '-' && strings.HasPrefix(s[i:], "-->"):
			b.WriteString("-" + zwj)
			i++
		}
	}
	return b.String()
}

func opensMarkup(c byte) bool {
	return isASCIILetter(c) || c == '/' || c == '!' || c == '?'
}

// defuseMentions puts a joiner after each "@" that could start a mention:
// not preceded by an ASCII letter or digit, and followed by one, or by "&"
// (a character reference that could render as one).
func defuseMentions(s string) string {
	if !strings.Contains(s, "@") {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) + 8)
	for i := 0; i < len(s); i++ {
		b.WriteByte(s[i])
		if s[i] == '@' && couldMention(s, i) {
			b.WriteString(zwj)
		}
	}
	return b.String()
}

// couldMention reports whether the "@" at s[i] could start a mention.
func couldMention(s string, i int) bool {
	if i > 0 && isASCIIAlnum(s[i-1]) {
		return false
	}
	if i+1 >= len(s) {
		return false
	}
	next := s[i+1]
	return isASCIIAlnum(next) || next == '&'
}

func isASCIILetter(c byte) bool { return c|0x20 >= 'a' && c|0x20 <= 'z' }

func isASCIIAlnum(c byte) bool { return isASCIILetter(c) || c >= '0' && c <= '9' }
