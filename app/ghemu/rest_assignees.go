package ghemu

import "encoding/json"

type assigneesWrite struct {
	Assignees []string `json:"assignees"`
}

// addAssigneesREST answers POST /issues/{n}/assignees: logins that cannot
// be assigned are ignored without an error, as on GitHub.
func (e *Emulator) addAssigneesREST(q *req) reply {
	r, is, found := e.scopedIssue(q)
	if !found {
		return notFound()
	}
	var w assigneesWrite
	if json.Unmarshal(q.body, &w) != nil {
		return badJSON()
	}
	e.addAssignees(r, is, e.st.bot, w.Assignees)
	return created(e.issueOut(r, is))
}

func (e *Emulator) removeAssigneesREST(q *req) reply {
	r, is, found := e.scopedIssue(q)
	if !found {
		return notFound()
	}
	var w assigneesWrite
	if json.Unmarshal(q.body, &w) != nil {
		return badJSON()
	}
	e.removeAssignees(r, is, e.st.bot, w.Assignees)
	return ok(e.issueOut(r, is))
}
