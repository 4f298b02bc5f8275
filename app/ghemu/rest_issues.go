package ghemu

import (
	"encoding/json"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"
)

// scopedIssue returns the repository and issue (or pull request) of the
// request's {number}.
func (e *Emulator) scopedIssue(q *req) (*repoState, *Issue, bool) {
	r, found := e.scopedRepo(q)
	if !found {
		return nil, nil, false
	}
	n, valid := q.intParam("number")
	if !valid {
		return nil, nil, false
	}
	is := r.issues[int(n)]
	return r, is, is != nil
}

// listIssues answers GET /repos/{o}/{r}/issues with GitHub's filters:
// state, labels, assignee, creator, since, sort, direction.
func (e *Emulator) listIssues(q *req) reply {
	r, found := e.scopedRepo(q)
	if !found {
		return notFound()
	}
	if r.issuesOff {
		return issuesDisabled()
	}
	v := q.r.URL.Query()
	state := v.Get("state")
	if state == "" {
		state = "open"
	}
	if state != "open" && state != "closed" && state != "all" {
		return invalidField("Issue", "state", state)
	}
	var since time.Time
	if s := v.Get("since"); s != "" {
		t, err := time.Parse(time.RFC3339, s)
		if err != nil {
			return invalidField("Issue", "since", s)
		}
		since = t
	}
	var labels []string
	if l := v.Get("labels"); l != "" {
		labels = strings.Split(l, ",")
	}
	var out []*Issue
	for _, is := range r.sortedIssues() {
		if (state != "all" && is.State != state) || !hasAllLabels(is, labels) ||
			!assigneeMatches(is, v.Get("assignee")) ||
			(v.Get("creator") != "" && !strings.EqualFold(is.Author, v.Get("creator"))) ||
			(!since.IsZero() && is.UpdatedAt.Before(since)) {
			continue
		}
		out = append(out, is)
	}
	sortIssues(out, r, v.Get("sort"), v.Get("direction"))
	items := make([]issueOut, 0, len(out))
	for _, is := range out {
		items = append(items, e.issueOut(r, is))
	}
	return list(e, q, items)
}

func hasAllLabels(is *Issue, labels []string) bool {
	for _, l := range labels {
		if !hasLabel(is, strings.TrimSpace(l)) {
			return false
		}
	}
	return true
}

// assigneeMatches implements the assignee filter: a login, "none" or "*".
func assigneeMatches(is *Issue, want string) bool {
	switch want {
	case "":
		return true
	case "none":
		return len(is.Assignees) == 0
	case "*":
		return len(is.Assignees) > 0
	}
	return slices.ContainsFunc(is.Assignees, func(a string) bool { return strings.EqualFold(a, want) })
}

// sortIssues orders by created (default), updated or comments, descending
// unless direction is asc.
func sortIssues(items []*Issue, r *repoState, by, direction string) {
	key := func(is *Issue) int64 {
		switch by {
		case "updated":
			return is.UpdatedAt.UnixNano()
		case "comments":
			return int64(len(r.issueComments(is.Number)))
		}
		return is.CreatedAt.UnixNano()*1000 + int64(is.Number)
	}
	sort.SliceStable(items, func(i, j int) bool {
		if direction == "asc" {
			return key(items[i]) < key(items[j])
		}
		return key(items[i]) > key(items[j])
	})
}

// labelNames reads a labels field given as names or as label objects.
type labelNames []string

func (l *labelNames) UnmarshalJSON(b []byte) error {
	var raw []json.RawMessage
	if err := json.Unmarshal(b, &raw); err != nil {
		return err
	}
	*l = nil
	for _, x := range raw {
		var name string
		if json.Unmarshal(x, &name) != nil {
			var obj struct {
				Name string `json:"name"`
			}
			if err := json.Unmarshal(x, &obj); err != nil {
				return err
			}
			name = obj.Name
		}
		*l = append(*l, name)
	}
	return nil
}

type issueWrite struct {
	Title       *string     `json:"title"`
	Body        *string     `json:"body"`
	State       *string     `json:"state"`
	StateReason *string     `json:"state_reason"`
	Labels      *labelNames `json:"labels"`
	Assignees   *[]string   `json:"assignees"`
	Assignee    *string     `json:"assignee"`
}

func (w issueWrite) assignees() []string {
	switch {
	case w.Assignees != nil:
		return *w.Assignees
	case w.Assignee != nil && *w.Assignee != "":
		return []string{*w.Assignee}
	}
	return nil
}

// unknownAssignee returns the first login that cannot be assigned, for the
// 422 GitHub gives on create and update.
func (e *Emulator) unknownAssignee(r *repoState, number int, logins []string) string {
	for _, l := range logins {
		if e.st.account(l) == nil || !canBeAssigned(r, number, l) {
			return l
		}
	}
	return ""
}

func (e *Emulator) createIssueREST(q *req) reply {
	r, found := e.scopedRepo(q)
	if !found {
		return notFound()
	}
	if r.issuesOff {
		return issuesDisabled()
	}
	var w issueWrite
	if json.Unmarshal(q.body, &w) != nil {
		return badJSON()
	}
	if w.Title == nil || strings.TrimSpace(*w.Title) == "" {
		return missingField("Issue", "title")
	}
	if bad := e.unknownAssignee(r, 0, w.assignees()); bad != "" {
		return invalid(fieldError{Resource: "Issue", Field: "assignees", Code: "invalid", Value: bad})
	}
	if rep, long := w.tooLong(); long {
		return rep
	}
	sp := issueSpec{title: *w.Title, assignees: w.assignees()}
	if w.Body != nil {
		sp.body = *w.Body
	}
	if w.Labels != nil {
		sp.labels = *w.Labels
	}
	is := e.createIssue(r, e.st.bot, sp)
	return created(e.issueOut(r, is)).with("Location", e.apiURL()+"/repos/"+r.FullName+"/issues/"+strconv.Itoa(is.Number))
}

func (e *Emulator) getIssue(q *req) reply {
	r, is, found := e.scopedIssue(q)
	if !found {
		return notFound()
	}
	return ok(e.issueOut(r, is))
}

func (e *Emulator) updateIssue(q *req) reply {
	r, is, found := e.scopedIssue(q)
	if !found {
		return notFound()
	}
	var w issueWrite
	if json.Unmarshal(q.body, &w) != nil {
		return badJSON()
	}
	if w.State != nil && *w.State != "open" && *w.State != "closed" {
		return invalidField("Issue", "state", *w.State)
	}
	if w.StateReason != nil && !slices.Contains([]string{"completed", "not_planned", "reopened"}, *w.StateReason) {
		return invalidField("Issue", "state_reason", *w.StateReason)
	}
	if w.Title != nil && strings.TrimSpace(*w.Title) == "" {
		return missingField("Issue", "title")
	}
	if w.Assignees != nil || w.Assignee != nil {
		if bad := e.unknownAssignee(r, is.Number, w.assignees()); bad != "" {
			return invalid(fieldError{Resource: "Issue", Field: "assignees", Code: "invalid", Value: bad})
		}
	}
	if rep, long := w.tooLong(); long {
		return rep
	}
	bot := e.st.bot
	e.edit(r, is, bot, w.Title, w.Body)
	if w.Labels != nil {
		e.setLabels(r, is, bot, *w.Labels)
	}
	if w.Assignees != nil || w.Assignee != nil {
		want := w.assignees()
		var drop []string
		for _, a := range is.Assignees {
			if !slices.ContainsFunc(want, func(x string) bool { return strings.EqualFold(x, a) }) {
				drop = append(drop, a)
			}
		}
		e.removeAssignees(r, is, bot, drop)
		e.addAssignees(r, is, bot, want)
	}
	switch {
	case w.State != nil:
		reason := ""
		if w.StateReason != nil {
			reason = *w.StateReason
		}
		e.setState(r, is, bot, *w.State, reason)
	case w.StateReason != nil && is.State == "closed":
		is.StateReason = *w.StateReason
	}
	return ok(e.issueOut(r, is))
}

// tooLong refuses, as GitHub does, a body or a label over its limit.
func (w issueWrite) tooLong() (reply, bool) {
	if w.Body != nil {
		if rep, long := bodyTooLong("Issue", *w.Body); long {
			return rep, true
		}
	}
	if w.Labels != nil {
		for _, n := range *w.Labels {
			if rep, long := labelTooLong(n); long {
				return rep, true
			}
		}
	}
	return reply{}, false
}
