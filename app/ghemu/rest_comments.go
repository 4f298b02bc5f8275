package ghemu

import (
	"encoding/json"
	"strconv"
	"strings"
	"time"
)

type commentWrite struct {
	Body *string `json:"body"`
}

func (e *Emulator) listComments(q *req) reply {
	r, is, found := e.scopedIssue(q)
	if !found {
		return notFound()
	}
	var since time.Time
	if s := q.r.URL.Query().Get("since"); s != "" {
		t, err := time.Parse(time.RFC3339, s)
		if err != nil {
			return invalidField("IssueComment", "since", s)
		}
		since = t
	}
	items := []issueCommentJSON{}
	for _, c := range r.issueComments(is.Number) {
		if since.IsZero() || !c.UpdatedAt.Before(since) {
			items = append(items, e.restCommentJSON(r, c))
		}
	}
	return list(e, q, items)
}

func (e *Emulator) createComment(q *req) reply {
	r, is, found := e.scopedIssue(q)
	if !found {
		return notFound()
	}
	var w commentWrite
	if json.Unmarshal(q.body, &w) != nil {
		return badJSON()
	}
	if w.Body == nil || strings.TrimSpace(*w.Body) == "" {
		return missingField("IssueComment", "body")
	}
	if rep, long := bodyTooLong("IssueComment", *w.Body); long {
		return rep
	}
	if is.Locked {
		return errorReply(403, "Unable to create comment because issue is locked.")
	}
	c := e.addComment(r, is, e.st.bot, *w.Body)
	return created(e.restCommentJSON(r, c)).
		with("Location", e.apiURL()+"/repos/"+r.FullName+"/issues/comments/"+strconv.FormatInt(c.ID, 10))
}

// scopedComment returns the repository and comment of {id}.
func (e *Emulator) scopedComment(q *req) (*repoState, *Comment, bool) {
	r, found := e.scopedRepo(q)
	if !found {
		return nil, nil, false
	}
	id, valid := q.intParam("id")
	if !valid {
		return nil, nil, false
	}
	c := r.comment(id)
	return r, c, c != nil
}

func (e *Emulator) getComment(q *req) reply {
	r, c, found := e.scopedComment(q)
	if !found {
		return notFound()
	}
	return ok(e.restCommentJSON(r, c))
}

func (e *Emulator) updateComment(q *req) reply {
	r, c, found := e.scopedComment(q)
	if !found {
		return notFound()
	}
	var w commentWrite
	if json.Unmarshal(q.body, &w) != nil {
		return badJSON()
	}
	if w.Body == nil || strings.TrimSpace(*w.Body) == "" {
		return missingField("IssueComment", "body")
	}
	if rep, long := bodyTooLong("IssueComment", *w.Body); long {
		return rep
	}
	e.editComment(r, c, e.st.bot, *w.Body)
	return ok(e.restCommentJSON(r, c))
}

func (e *Emulator) deleteCommentREST(q *req) reply {
	r, c, found := e.scopedComment(q)
	if !found {
		return notFound()
	}
	e.deleteComment(r, c, e.st.bot)
	return noContent()
}
