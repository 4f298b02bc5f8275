package textsafe

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// graveLookalike replaces "`" in Inline's output: U+02CB MODIFIER LETTER
// GRAVE ACCENT looks the same and cannot open or close a code span.
const graveLookalike = "\u02CB"

// ellipsis marks text that Inline shortened.
const ellipsis = "…"

// Inline returns s as one neutralised line of at most max runes (no limit
// when max < 1), ending in "…" when it was cut. HTML comments are removed,
// every run of white space (line breaks included) becomes one space, and
// each backtick is replaced by a look-alike (U+02CB), so the result can be
// written as is inside a sentence or wrapped in single backticks as a code
// span. The result may be empty.
func Inline(s string, max int) string {
	s = strings.Join(strings.FieldsFunc(stripComments(s), unicode.IsSpace), " ")
	s = strings.ReplaceAll(Neutralize(s), "`", graveLookalike)
	return truncate(s, max)
}

// truncate cuts s to at most max runes, the last being "…". Cutting right
// after an "@" or "<" leaves it followed by "…", which defuses it too.
func truncate(s string, max int) string {
	if max < 1 || utf8.RuneCountInString(s) <= max {
		return s
	}
	n := 0
	for i := range s {
		if n == max-1 {
			return strings.TrimRightFunc(s[:i], unicode.IsSpace) + ellipsis
		}
		n++
	}
	return s
}
