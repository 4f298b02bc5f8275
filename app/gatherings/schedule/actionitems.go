package schedule

import (
	"regexp"
	"strings"
)

// CommentText is one comment on the announcement.
type CommentText struct {
	Author string
	Body   string
}

// taskItem matches a Markdown task-list item: "- [ ] text", "* [x] text",
// "+ [X] text", "1. [ ] text", indented or not.
var taskItem = regexp.MustCompile(`^[ \t]*(?:[-*+]|[0-9]{1,9}[.)])[ \t]+\[([ xX])\][ \t]+(\S.*)$`)

// ExtractActionItems collects the task-list items of the comments, in
// comment and line order, skipping block quotes, fenced code and HTML
// comments. An item written more than once (same text, ignoring case and
// spacing) is kept once, with its first author, and is done if any copy is
// checked. The text comes back as written: neutralise it before display.
func ExtractActionItems(commentBodies []CommentText) []ActionItem {
	var out []ActionItem
	index := map[string]int{}
	for _, c := range commentBodies {
		for _, it := range taskLines(c.Body) {
			it.Author = c.Author
			k := strings.ToLower(it.Text)
			if i, ok := index[k]; ok {
				out[i].Done = out[i].Done || it.Done
				continue
			}
			index[k] = len(out)
			out = append(out, it)
		}
	}
	return out
}

// taskLines finds the task items of one Markdown body.
func taskLines(body string) []ActionItem {
	var out []ActionItem
	var fence string // the opening fence while inside fenced code
	inComment := false
	for line := range strings.Lines(body) {
		line = strings.TrimRight(line, "\r\n")
		trimmed := strings.TrimLeft(line, " \t")
		switch {
		case fence != "":
			if closesFence(trimmed, fence) {
				fence = ""
			}
			continue
		case inComment:
			inComment = !strings.Contains(line, "-->")
			continue
		}
		if f := openingFence(trimmed); f != "" {
			fence = f
			continue
		}
		if i := strings.LastIndex(line, "<!--"); i >= 0 && !strings.Contains(line[i:], "-->") {
			inComment = true
		}
		if strings.HasPrefix(trimmed, ">") || strings.HasPrefix(trimmed, "<!--") {
			continue
		}
		m := taskItem.FindStringSubmatch(line)
		if m == nil {
			continue
		}
		if text := oneLine(m[2]); text != "" {
			out = append(out, ActionItem{Text: text, Done: m[1] != " "})
		}
	}
	return out
}

// openingFence returns the run of ``` or ~~~ (three or more) that opens a
// code block, or "".
func openingFence(trimmed string) string {
	for _, ch := range []string{"`", "~"} {
		n := len(trimmed) - len(strings.TrimLeft(trimmed, ch))
		if n >= 3 && (ch == "~" || !strings.Contains(trimmed[n:], "`")) {
			return trimmed[:n]
		}
	}
	return ""
}

// closesFence reports whether the line closes a block opened by fence: the
// same character, at least as many, and nothing else.
func closesFence(trimmed, fence string) bool {
	rest := strings.TrimLeft(trimmed, fence[:1])
	return len(trimmed)-len(rest) >= len(fence) && strings.TrimSpace(rest) == ""
}
