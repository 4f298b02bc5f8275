package roster

import (
	"bufio"
	"bytes"
	"strings"
)

// Rule is one line of CODEOWNERS: a path pattern and the people who own it.
// Team owners (@org/team) are kept apart, to be expanded into their members
// (see Resolve); e-mail owners are left out.
type Rule struct {
	Pattern string
	Users   []string
	Teams   []string // "org/team", without the "@"
}

// ParseCodeOwners reads a CODEOWNERS file: comments and blank lines are
// skipped, the first field is the pattern, the owners follow.
func ParseCodeOwners(data []byte) []Rule {
	var out []Rule
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		line := sc.Text()
		if i := strings.Index(line, " #"); i >= 0 {
			line = line[:i]
		}
		fields := strings.Fields(line)
		if len(fields) == 0 || strings.HasPrefix(fields[0], "#") {
			continue
		}
		r := Rule{Pattern: fields[0]}
		for _, o := range fields[1:] {
			if strings.HasPrefix(o, "#") {
				break
			}
			u, ok := strings.CutPrefix(o, "@")
			switch org, team, isTeam := strings.Cut(u, "/"); {
			case !ok || u == "":
			case !isTeam:
				r.Users = append(r.Users, u)
			case org != "" && team != "" && !strings.Contains(team, "/"):
				r.Teams = append(r.Teams, u)
			}
		}
		out = append(out, r)
	}
	return out
}

// Globs converts the pattern (gitignore-like) to the doublestar globs of
// an area's paths: a pattern without a slash matches at any depth, a
// leading slash anchors at the root, a trailing slash or a plain name also
// covers everything below.
func (r Rule) Globs() []string {
	p := r.Pattern
	if p == "*" {
		return []string{"**"}
	}
	dir := strings.HasSuffix(p, "/")
	p = strings.Trim(p, "/")
	anchored := strings.HasPrefix(r.Pattern, "/") || strings.Contains(p, "/")
	if !anchored && !strings.HasPrefix(p, "**") {
		p = "**/" + p
	}
	switch {
	case dir:
		return []string{p + "/**"}
	case strings.HasSuffix(p, "/*") || strings.HasSuffix(p, "/**"):
		return []string{p}
	}
	return []string{p, p + "/**"}
}
