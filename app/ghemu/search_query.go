package ghemu

import (
	"slices"
	"strings"
	"time"
)

// searchQuery is a parsed issue search: qualifiers and free-text terms.
type searchQuery struct {
	terms      []string
	kind       string // "", "pr" or "issue"
	state      string // "", "open" or "closed"
	merged     string // "", "merged" or "unmerged"
	authors    []string
	repos      []string
	orgs       []string // org: and user: both name an owner
	assignees  []string
	labels     []string
	notLabels  []string
	noLabel    bool
	noAssignee bool
	created    []func(time.Time) bool // created:<T, >T, <=T, >=T, A..B
}

// searchTokens splits q on spaces outside double quotes and drops the quotes.
func searchTokens(q string) []string {
	var out []string
	var b strings.Builder
	quoted := false
	for _, r := range q {
		switch {
		case r == '"':
			quoted = !quoted
		case (r == ' ' || r == '\t' || r == '+') && !quoted:
			if b.Len() > 0 {
				out = append(out, b.String())
				b.Reset()
			}
		default:
			b.WriteRune(r)
		}
	}
	if b.Len() > 0 {
		out = append(out, b.String())
	}
	return out
}

// parseSearch reads GitHub's issue search syntax; unknown qualifiers are
// searched as text, as GitHub does.
func parseSearch(q string) searchQuery {
	var s searchQuery
	for _, tok := range searchTokens(q) {
		neg := strings.HasPrefix(tok, "-")
		key, value, isQual := strings.Cut(strings.TrimPrefix(tok, "-"), ":")
		if !isQual || value == "" || !s.apply(strings.ToLower(key), value, neg) {
			s.terms = append(s.terms, strings.ToLower(tok))
		}
	}
	return s
}

// apply records one qualifier and reports whether it is known.
func (s *searchQuery) apply(key, value string, neg bool) bool {
	v := strings.ToLower(value)
	switch {
	case key == "label" && neg:
		s.notLabels = append(s.notLabels, value)
	case neg:
		return false
	case key == "is" || key == "type":
		switch v {
		case "pr", "pull-request":
			s.kind = "pr"
		case "issue":
			s.kind = "issue"
		case "open", "closed":
			s.state = v
		case "merged", "unmerged":
			s.kind, s.merged = "pr", v
		default:
			return false
		}
	case key == "state" && (v == "open" || v == "closed"):
		s.state = v
	case key == "author":
		s.authors = append(s.authors, value)
	case key == "repo":
		s.repos = append(s.repos, value)
	case key == "org" || key == "user":
		s.orgs = append(s.orgs, value)
	case key == "assignee":
		s.assignees = append(s.assignees, value)
	case key == "label":
		s.labels = append(s.labels, value)
	case key == "no" && v == "label":
		s.noLabel = true
	case key == "no" && v == "assignee":
		s.noAssignee = true
	case key == "created":
		f, ok := timeQualifier(value)
		if !ok {
			return false
		}
		s.created = append(s.created, f)
	default:
		return false
	}
	return true
}

func containsFold(list []string, s string) bool {
	return slices.ContainsFunc(list, func(x string) bool { return strings.EqualFold(x, s) })
}

// matches reports whether an issue of repository fullName (owned by owner) fits.
func (s searchQuery) matches(owner, fullName string, is *Issue) bool {
	isPR := is.Pull != nil
	switch {
	case s.kind == "pr" && !isPR, s.kind == "issue" && isPR,
		s.state != "" && is.State != s.state,
		s.merged == "merged" && (!isPR || !is.Pull.Merged),
		s.merged == "unmerged" && (!isPR || is.Pull.Merged),
		len(s.authors) > 0 && !containsFold(s.authors, is.Author),
		len(s.repos) > 0 && !containsFold(s.repos, fullName),
		len(s.orgs) > 0 && !containsFold(s.orgs, owner),
		s.noLabel && len(is.Labels) > 0,
		s.noAssignee && len(is.Assignees) > 0:
		return false
	}
	for _, f := range s.created {
		if !f(is.CreatedAt) {
			return false
		}
	}
	for _, a := range s.assignees {
		if !containsFold(is.Assignees, a) {
			return false
		}
	}
	for _, l := range s.labels {
		if !hasLabel(is, l) {
			return false
		}
	}
	for _, l := range s.notLabels {
		if hasLabel(is, l) {
			return false
		}
	}
	text := strings.ToLower(is.Title + "\n" + is.Body)
	for _, t := range s.terms {
		if !strings.Contains(text, t) {
			return false
		}
	}
	return true
}

// timeQualifier reads a created: value as GitHub's search does: a date
// (2006-01-02) or an ISO 8601 time, after <, <=, > or >=, or a range A..B.
func timeQualifier(v string) (func(time.Time) bool, bool) {
	parse := func(s string) (time.Time, bool) {
		for _, layout := range []string{time.RFC3339, "2006-01-02T15:04:05", "2006-01-02"} {
			if t, err := time.Parse(layout, s); err == nil {
				return t, true
			}
		}
		return time.Time{}, false
	}
	if a, b, isRange := strings.Cut(v, ".."); isRange {
		from, ok1 := parse(a)
		to, ok2 := parse(b)
		return func(t time.Time) bool { return !t.Before(from) && !t.After(to) }, ok1 && ok2
	}
	for _, op := range []string{"<=", ">=", "<", ">"} {
		if rest, ok := strings.CutPrefix(v, op); ok {
			at, ok := parse(rest)
			return func(t time.Time) bool {
				switch op {
				case "<=":
					return !t.After(at)
				case ">=":
					return !t.Before(at)
				case "<":
					return t.Before(at)
				}
				return t.After(at)
			}, ok
		}
	}
	at, ok := parse(v)
	if len(v) == len("2006-01-02") { // the whole day
		return func(t time.Time) bool { return !t.Before(at) && t.Before(at.AddDate(0, 0, 1)) }, ok
	}
	return func(t time.Time) bool { return t.Equal(at) }, ok
}
