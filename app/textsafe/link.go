package textsafe

import "strings"

// untitled stands for blank link text, so the link stays visible.
const untitled = "untitled"

// linkTextEscaper backslash-escapes every character that could close the
// link text early, open a link, image or autolink inside it, or start
// inline HTML. A backslash before ASCII punctuation always shows the
// character itself.
var linkTextEscaper = strings.NewReplacer(
	`\`, `\\`, `[`, `\[`, `]`, `\]`, `(`, `\(`, `)`, `\)`, `<`, `\<`, `>`, `\>`, `!`, `\!`,
)

// LinkText returns s for the text of a Markdown link, as in
// "[" + LinkText(title, 100) + "](" + url + ")": one neutralised line of at
// most max runes, as Inline gives it (no mentions, no HTML, backticks
// replaced by a look-alike), with "\", "[", "]", "(", ")", "<", ">" and "!"
// escaped by a backslash, so the text can neither end the link, nor plant
// a link, image or autolink of its own. Blank text becomes "untitled".
func LinkText(s string, max int) string {
	s = Inline(s, max)
	if s == "" {
		return untitled
	}
	return linkTextEscaper.Replace(s)
}
