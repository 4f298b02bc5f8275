package textsafe

import "strings"

// Code returns s as one Markdown code span that nothing in s can close
// early: the backtick fence is one longer than the longest run of
// backticks in s, and a space pads each side when s starts or ends with a
// backtick or with a space (CommonMark strips one such pair). Line breaks
// become spaces, as they would inside a code span, so the span stays in one
// paragraph, and text of only spaces and tabs comes back as that many
// spaces. Mentions inside a code span do not notify, so s is not otherwise
// changed.
func Code(s string) string {
	s = strings.NewReplacer("\r\n", " ", "\r", " ", "\n", " ").Replace(s)
	if strings.Trim(s, " \t") == "" {
		// Blank text: renderers disagree on whether a tab counts as a space
		// when trimming, so write spaces only, which no one trims.
		return "`" + strings.Repeat(" ", max(len(s), 1)) + "`"
	}
	fence := strings.Repeat("`", longestRun(s, '`')+1)
	pad := ""
	if s[0] == '`' || s[len(s)-1] == '`' || (s[0] == ' ' && s[len(s)-1] == ' ') {
		pad = " "
	}
	return fence + pad + s + pad + fence
}

// longestRun is the length of the longest run of c in s.
func longestRun(s string, c byte) int {
	longest, run := 0, 0
	for i := 0; i < len(s); i++ {
		if s[i] != c {
			run = 0
			continue
		}
		run++
		longest = max(longest, run)
	}
	return longest
}
