package schedule

import (
	"strings"

	"github.com/mentorbot/mentorbot/app/textsafe"
)

// mentionFunc returns m, or one that writes "@login" when m is nil.
func mentionFunc(m func(string) string) func(string) string {
	if m != nil {
		return m
	}
	return func(login string) string { return "@" + login }
}

// oneLine folds line breaks and runs of spaces so a value cannot leave its
// list item or table cell.
func oneLine(s string) string {
	return strings.Join(strings.Fields(s), " ")
}

var linkTextEscaper = strings.NewReplacer(`\`, `\\`, `[`, `\[`, `]`, `\]`)

var linkURLEscaper = strings.NewReplacer(" ", "%20", "(", "%28", ")", "%29", "<", "%3C", ">", "%3E")

// link writes [text](url), the text escaped by textsafe.LinkText, or the
// bare text when url is empty.
func link(text, url string) string {
	if url == "" {
		return linkTextEscaper.Replace(oneLine(text))
	}
	return "[" + textsafe.LinkText(text, 0) + "](" + linkURLEscaper.Replace(strings.TrimSpace(url)) + ")"
}

// cell makes s safe inside a table cell.
func cell(s string) string {
	return strings.ReplaceAll(oneLine(s), "|", `\|`)
}

// joinAnd writes "a", "a and b", "a, b and c".
func joinAnd(items []string) string {
	switch len(items) {
	case 0:
		return ""
	case 1:
		return items[0]
	default:
		return strings.Join(items[:len(items)-1], ", ") + " and " + items[len(items)-1]
	}
}

// mentionAll mentions each non-empty login once, in order.
func mentionAll(logins []string, mention func(string) string) []string {
	seen := map[string]bool{}
	var out []string
	for _, l := range logins {
		k := strings.ToLower(l)
		if l == "" || seen[k] {
			continue
		}
		seen[k] = true
		out = append(out, mention(l))
	}
	return out
}

// doc builds a Markdown document section by section.
type doc struct{ b strings.Builder }

// para adds a paragraph.
func (d *doc) para(text string) {
	if d.b.Len() > 0 {
		d.b.WriteString("\n\n")
	}
	d.b.WriteString(text)
}

// section adds a level-2 heading and its body lines.
func (d *doc) section(title string, lines ...string) {
	d.para("## " + title + "\n\n" + strings.Join(lines, "\n"))
}

// finish appends the marker verbatim as the last thing in the text.
func (d *doc) finish(marker string) string {
	if marker != "" {
		d.para(marker)
	}
	return d.b.String()
}

// utcRange is "Thu 3 Dec 2026, 17:00–18:00 UTC".
func utcRange(s Session) string {
	return rangeLabel(s.Start.UTC(), s.End.UTC(), "Mon 2 Jan 2006")
}
