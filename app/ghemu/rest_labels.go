package ghemu

import (
	"encoding/json"
	"regexp"
	"strings"

	"github.com/google/go-github/v60/github"
)

var hexColor = regexp.MustCompile(`^[0-9a-fA-F]{6}$`)

// readLabelNames reads a body given as ["a"], {"labels":["a"]} or with
// label objects instead of names.
func readLabelNames(body []byte) ([]string, bool) {
	var names labelNames
	if json.Unmarshal(body, &names) == nil {
		return names, true
	}
	var obj struct {
		Labels labelNames `json:"labels"`
	}
	if json.Unmarshal(body, &obj) != nil {
		return nil, false
	}
	return obj.Labels, true
}

func (e *Emulator) issueLabelsJSON(r *repoState, is *Issue) []*github.Label {
	return e.labelsJSON(r, is.Labels)
}

func (e *Emulator) listIssueLabels(q *req) reply {
	r, is, found := e.scopedIssue(q)
	if !found {
		return notFound()
	}
	return list(e, q, e.issueLabelsJSON(r, is))
}

// addIssueLabels answers POST (add) and, with replace, PUT (set).
func (e *Emulator) addIssueLabels(q *req, replace bool) reply {
	r, is, found := e.scopedIssue(q)
	if !found {
		return notFound()
	}
	names, valid := readLabelNames(q.body)
	if !valid {
		return badJSON()
	}
	for _, n := range names {
		if strings.TrimSpace(n) == "" {
			return invalidField("Label", "name", n)
		}
		if rep, long := labelTooLong(n); long {
			return rep
		}
	}
	if replace {
		e.setLabels(r, is, e.st.bot, names)
	} else {
		e.addLabels(r, is, e.st.bot, names)
	}
	return ok(e.issueLabelsJSON(r, is))
}

func (e *Emulator) removeIssueLabel(q *req) reply {
	r, is, found := e.scopedIssue(q)
	if !found {
		return notFound()
	}
	if !e.removeLabel(r, is, e.st.bot, q.params["name"]) {
		return errorReply(404, "Label does not exist")
	}
	return ok(e.issueLabelsJSON(r, is))
}

func (e *Emulator) removeAllIssueLabels(q *req) reply {
	r, is, found := e.scopedIssue(q)
	if !found {
		return notFound()
	}
	e.setLabels(r, is, e.st.bot, nil)
	return noContent()
}

func (e *Emulator) listRepoLabels(q *req) reply {
	r, found := e.scopedRepo(q)
	if !found {
		return notFound()
	}
	out := make([]*github.Label, 0, len(r.labels))
	for _, l := range r.labels {
		out = append(out, e.labelJSON(r, l))
	}
	return list(e, q, out)
}

func (e *Emulator) getRepoLabel(q *req) reply {
	r, found := e.scopedRepo(q)
	if !found {
		return notFound()
	}
	l := r.label(q.params["name"])
	if l == nil {
		return notFound()
	}
	return ok(e.labelJSON(r, l))
}

func (e *Emulator) createRepoLabel(q *req) reply {
	r, found := e.scopedRepo(q)
	if !found {
		return notFound()
	}
	var w struct {
		Name        *string `json:"name"`
		Color       *string `json:"color"`
		Description string  `json:"description"`
	}
	if json.Unmarshal(q.body, &w) != nil {
		return badJSON()
	}
	if w.Name == nil || strings.TrimSpace(*w.Name) == "" {
		return missingField("Label", "name")
	}
	if rep, long := labelTooLong(*w.Name); long {
		return rep
	}
	color := autoLabelColor
	if w.Color != nil {
		color = strings.TrimPrefix(*w.Color, "#")
		if !hexColor.MatchString(color) {
			return invalid(fieldError{Resource: "Label", Code: "invalid", Field: "color"})
		}
	}
	if r.label(*w.Name) != nil {
		return invalid(fieldError{Resource: "Label", Code: "already_exists", Field: "name"})
	}
	l := e.ensureLabel(r, *w.Name, color, w.Description)
	e.emitLabel(r, l, e.st.bot)
	return created(e.labelJSON(r, l)).with("Location", e.apiURL()+"/repos/"+r.FullName+"/labels/"+pathEscape(l.name))
}
