package ghemu

import (
	"encoding/json"
	"net/http"
	"slices"
	"strings"

	"github.com/google/go-github/v60/github"
)

// reactionContents are the reactions GitHub accepts.
var reactionContents = []string{"+1", "-1", "laugh", "confused", "heart", "hooray", "rocket", "eyes"}

// react adds user's reaction unless it is already there; created is false
// for an existing one.
func (e *Emulator) react(list *[]Reaction, user *account, content string) (Reaction, bool) {
	for _, x := range *list {
		if strings.EqualFold(x.User, user.login) && x.Content == content {
			return x, false
		}
	}
	id := e.st.newID()
	x := Reaction{ID: id, NodeID: nodeID("Reaction", id), User: user.login, Content: content, CreatedAt: e.now()}
	*list = append(*list, x)
	return x, true
}

func (e *Emulator) listReactions(q *req, rs []Reaction) reply {
	content := q.r.URL.Query().Get("content")
	if content != "" && !slices.Contains(reactionContents, content) {
		return invalidField("Reaction", "content", content)
	}
	out := []*github.Reaction{}
	for _, x := range rs {
		if content == "" || x.Content == content {
			out = append(out, e.reactionJSON(x))
		}
	}
	return list(e, q, out)
}

func (e *Emulator) createReaction(q *req, rs *[]Reaction) reply {
	var w struct {
		Content string `json:"content"`
	}
	if json.Unmarshal(q.body, &w) != nil {
		return badJSON()
	}
	if !slices.Contains(reactionContents, w.Content) {
		return invalidField("Reaction", "content", w.Content)
	}
	x, isNew := e.react(rs, e.st.bot, w.Content)
	status := http.StatusOK
	if isNew {
		status = http.StatusCreated
	}
	return reply{status: status, body: e.reactionJSON(x)}
}

func (e *Emulator) issueReactions(q *req) reply {
	_, is, found := e.scopedIssue(q)
	if !found {
		return notFound()
	}
	if q.r.Method == http.MethodPost {
		return e.createReaction(q, &is.Reactions)
	}
	return e.listReactions(q, is.Reactions)
}

func (e *Emulator) commentReactions(q *req) reply {
	_, c, found := e.scopedComment(q)
	if !found {
		return notFound()
	}
	if q.r.Method == http.MethodPost {
		return e.createReaction(q, &c.Reactions)
	}
	return e.listReactions(q, c.Reactions)
}
