package ghemu

import (
	"strconv"

	"github.com/google/go-github/v60/github"
)

// go-github's discussion types omit null fields and have no "changes", so
// the discussion webhooks are written with these types, keyed as GitHub's.

type categoryJSON struct {
	ID           int64             `json:"id"`
	NodeID       string            `json:"node_id"`
	RepositoryID int64             `json:"repository_id"`
	Emoji        string            `json:"emoji"`
	Name         string            `json:"name"`
	Description  string            `json:"description"`
	CreatedAt    *github.Timestamp `json:"created_at"`
	UpdatedAt    *github.Timestamp `json:"updated_at"`
	Slug         string            `json:"slug"`
	IsAnswerable bool              `json:"is_answerable"`
}

type discussionJSON struct {
	RepositoryURL     string            `json:"repository_url"`
	Category          *categoryJSON     `json:"category"`
	AnswerHTMLURL     *string           `json:"answer_html_url"`
	AnswerChosenAt    *github.Timestamp `json:"answer_chosen_at"`
	AnswerChosenBy    *github.User      `json:"answer_chosen_by"`
	HTMLURL           string            `json:"html_url"`
	ID                int64             `json:"id"`
	NodeID            string            `json:"node_id"`
	Number            int               `json:"number"`
	Title             string            `json:"title"`
	User              *github.User      `json:"user"`
	State             string            `json:"state"`
	Locked            bool              `json:"locked"`
	Comments          int               `json:"comments"`
	CreatedAt         *github.Timestamp `json:"created_at"`
	UpdatedAt         *github.Timestamp `json:"updated_at"`
	AuthorAssociation string            `json:"author_association"`
	ActiveLockReason  *string           `json:"active_lock_reason"`
	Body              string            `json:"body"`
	Reactions         *github.Reactions `json:"reactions"`
}

type discussionCommentJSON struct {
	ID                int64             `json:"id"`
	NodeID            string            `json:"node_id"`
	HTMLURL           string            `json:"html_url"`
	ParentID          *int64            `json:"parent_id"`
	ChildCommentCount int               `json:"child_comment_count"`
	RepositoryURL     string            `json:"repository_url"`
	DiscussionID      int64             `json:"discussion_id"`
	AuthorAssociation string            `json:"author_association"`
	User              *github.User      `json:"user"`
	CreatedAt         *github.Timestamp `json:"created_at"`
	UpdatedAt         *github.Timestamp `json:"updated_at"`
	Body              string            `json:"body"`
	Reactions         *github.Reactions `json:"reactions"`
}

type discussionEvent struct {
	Action       string                 `json:"action"`
	Changes      map[string]any         `json:"changes,omitempty"`
	Comment      *discussionCommentJSON `json:"comment,omitempty"`
	Discussion   *discussionJSON        `json:"discussion"`
	Repository   *github.Repository     `json:"repository"`
	Sender       *github.User           `json:"sender"`
	Installation *github.Installation   `json:"installation,omitempty"`
	Organization *github.Organization   `json:"organization,omitempty"`
}

func (e *Emulator) categoryJSON(r *repoState, c *DiscussionCategory) *categoryJSON {
	if c == nil {
		return nil
	}
	return &categoryJSON{
		ID: c.ID, NodeID: c.NodeID, RepositoryID: r.ID, Emoji: c.Emoji, Name: c.Name,
		Description: c.Description, CreatedAt: ts(c.CreatedAt), UpdatedAt: ts(c.CreatedAt),
		Slug: c.Slug, IsAnswerable: c.IsAnswerable,
	}
}

func (e *Emulator) discussionURL(r *repoState, d *Discussion) string {
	return e.webURL() + "/" + r.FullName + "/discussions/" + strconv.Itoa(d.Number)
}

func (e *Emulator) discussionCommentURL(r *repoState, d *Discussion, c *DiscussionComment) string {
	return e.discussionURL(r, d) + "#discussioncomment-" + strconv.FormatInt(c.ID, 10)
}

func (e *Emulator) discussionJSON(r *repoState, d *Discussion) *discussionJSON {
	api := e.apiURL() + "/repos/" + r.FullName
	state := "open"
	if d.Closed {
		state = "closed"
	}
	out := &discussionJSON{
		RepositoryURL: api, Category: e.categoryJSON(r, r.categoryByID(d.CategoryID)),
		HTMLURL: e.discussionURL(r, d), ID: d.ID, NodeID: d.NodeID, Number: d.Number, Title: d.Title,
		User: e.loginJSON(d.Author), State: state, Locked: d.Locked, Comments: len(d.Comments),
		CreatedAt: ts(d.CreatedAt), UpdatedAt: ts(d.UpdatedAt),
		AuthorAssociation: e.association(r, d.Author), Body: d.Body,
		Reactions: e.reactionsJSON(api+"/discussions/"+strconv.Itoa(d.Number)+"/reactions", d.Reactions),
	}
	if a := d.comment(d.AnswerCommentID); a != nil {
		out.AnswerHTMLURL = ptr(e.discussionCommentURL(r, d, a))
	}
	return out
}

func (e *Emulator) discussionCommentJSON(r *repoState, d *Discussion, c *DiscussionComment) *discussionCommentJSON {
	out := &discussionCommentJSON{
		ID: c.ID, NodeID: c.NodeID, HTMLURL: e.discussionCommentURL(r, d, c),
		ChildCommentCount: len(d.replies(c.ID)), RepositoryURL: r.FullName, DiscussionID: d.ID,
		AuthorAssociation: e.association(r, c.Author), User: e.loginJSON(c.Author),
		CreatedAt: ts(c.CreatedAt), UpdatedAt: ts(c.UpdatedAt), Body: c.Body,
		Reactions: e.reactionsJSON(e.apiURL()+"/repos/"+r.FullName+"/discussions/comments/"+
			strconv.FormatInt(c.ID, 10)+"/reactions", c.Reactions),
	}
	if c.ReplyTo != 0 {
		out.ParentID = ptr(c.ReplyTo)
	}
	return out
}

// emitDiscussion sends "discussion" with the given action and changes.
func (e *Emulator) emitDiscussion(r *repoState, d *Discussion, actor *account, action string, changes map[string]any) {
	b, ok := e.blocks(r, actor)
	if !ok {
		return
	}
	e.emit("discussion", &discussionEvent{
		Action: action, Changes: changes, Discussion: e.discussionJSON(r, d),
		Repository: b.repo, Sender: b.sender, Installation: b.inst, Organization: b.org,
	})
}

// emitDiscussionComment sends "discussion_comment".
func (e *Emulator) emitDiscussionComment(r *repoState, d *Discussion, c *DiscussionComment, actor *account, action string, changes map[string]any) {
	b, ok := e.blocks(r, actor)
	if !ok {
		return
	}
	e.emit("discussion_comment", &discussionEvent{
		Action: action, Changes: changes, Comment: e.discussionCommentJSON(r, d, c),
		Discussion: e.discussionJSON(r, d), Repository: b.repo, Sender: b.sender,
		Installation: b.inst, Organization: b.org,
	})
}
