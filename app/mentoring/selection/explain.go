package selection

import (
	"strconv"
	"strings"
)

// maxListed caps each list in the explanation, so that a large roster stays
// well inside GitHub's comment size limit.
const maxListed = 25

// Explain renders the decision as a collapsible Markdown block for the
// welcome comment: the eligible candidates, who was filtered out and why, and
// each rule with its survivors. Only the chosen mentor is mentioned, once,
// through mention (for example func(l string) string { return "@" + l }); a
// nil mention, or one that returns "", writes the login in code like every
// other login, which GitHub never turns into a notification. The block holds
// no text from the request's author.
func (d Decision) Explain(mention func(login string) string) string {
	var b strings.Builder
	b.Grow(512 + 24*(len(d.Eligible)+len(d.Filtered)))
	b.WriteString("<details>\n<summary>Why this mentor?</summary>\n\n")
	if d.Mentor == "" {
		b.WriteString("Nobody is eligible right now, so this waits for the next free mentor.\n\n")
	} else {
		b.WriteString("Chosen: ")
		b.WriteString(mentionOrCode(mention, d.Mentor))
		b.WriteString(", decided by the rule *")
		b.WriteString(d.DecidedBy().Title())
		b.WriteString("*.\n\n")
	}
	total := len(d.Eligible) + len(d.Filtered)
	b.WriteString("**Eligible** (")
	b.WriteString(strconv.Itoa(len(d.Eligible)))
	b.WriteString(" of ")
	b.WriteString(strconv.Itoa(total))
	if total == 1 {
		b.WriteString(" mentor): ")
	} else {
		b.WriteString(" mentors): ")
	}
	writeLogins(&b, d.Eligible)
	b.WriteString("\n\n")
	if len(d.Filtered) > 0 {
		b.WriteString("**Filtered out:**\n")
		for k, f := range d.Filtered {
			if k == maxListed {
				b.WriteString("- … and ")
				b.WriteString(strconv.Itoa(len(d.Filtered) - maxListed))
				b.WriteString(" more\n")
				break
			}
			b.WriteString("- ")
			writeCode(&b, f.Login)
			b.WriteString(": ")
			b.WriteString(f.Reason)
			b.WriteString("\n")
		}
		b.WriteString("\n")
	}
	b.WriteString("**Rules, in order:**\n")
	for k, s := range d.Steps {
		b.WriteString(strconv.Itoa(k + 1))
		b.WriteString(". ")
		b.WriteString(capitalize(s.Rule.Title()))
		if s.Detail != "" {
			b.WriteString(": ")
			b.WriteString(s.Detail)
		}
		b.WriteString(" → ")
		writeLogins(&b, s.Survivors)
		b.WriteString("\n")
	}
	b.WriteString("\n</details>\n")
	return b.String()
}

func mentionOrCode(mention func(string) string, login string) string {
	if mention != nil {
		if m := mention(login); m != "" {
			return m
		}
	}
	return code(login)
}

func writeLogins(b *strings.Builder, list []string) {
	if len(list) == 0 {
		b.WriteString("nobody")
		return
	}
	for k, l := range list {
		if k == maxListed {
			b.WriteString(" and ")
			b.WriteString(strconv.Itoa(len(list) - maxListed))
			b.WriteString(" more")
			return
		}
		if k > 0 {
			b.WriteString(", ")
		}
		writeCode(b, l)
	}
}

// code writes s as inline code. Backticks and line breaks are dropped, so
// nothing can close the span early; inside it "@name" notifies nobody.
func code(s string) string {
	var b strings.Builder
	writeCode(&b, s)
	return b.String()
}

func writeCode(b *strings.Builder, s string) {
	if strings.Trim(s, "`\r\n") == "" {
		b.WriteString("(empty)")
		return
	}
	b.WriteByte('`')
	for _, r := range s {
		switch r {
		case '`', '\n', '\r':
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('`')
}

// codeList writes names as a list of inline code spans joined by "or".
func codeList(names []string) string {
	var b strings.Builder
	for k, n := range names {
		switch {
		case k == 0:
		case k == len(names)-1:
			b.WriteString(" or ")
		default:
			b.WriteString(", ")
		}
		writeCode(&b, n)
	}
	return b.String()
}

func capitalize(s string) string {
	if s == "" || s[0] < 'a' || s[0] > 'z' {
		return s
	}
	return string(s[0]-'a'+'A') + s[1:]
}
