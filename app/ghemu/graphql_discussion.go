package ghemu

import (
	"sort"
	"strconv"
	"strings"

	"github.com/vektah/gqlparser/v2/ast"
)

// gqlDiscussion is a Discussion.
type gqlDiscussion struct {
	r *repoState
	d *Discussion
}

func (gqlDiscussion) typeName() string { return "Discussion" }

func (g gqlDiscussion) field(x *execution, f *ast.Field, args map[string]any) (any, error) {
	r, d := g.r, g.d
	switch f.Name {
	case "id":
		return d.NodeID, nil
	case "databaseId":
		return d.ID, nil
	case "number":
		return d.Number, nil
	case "title":
		return d.Title, nil
	case "body", "bodyText":
		return d.Body, nil
	case "url":
		return x.e.discussionURL(r, d), nil
	case "resourcePath":
		return "/" + r.FullName + "/discussions/" + strconv.Itoa(d.Number), nil
	case "createdAt":
		return dateTime(d.CreatedAt), nil
	case "updatedAt":
		return dateTime(d.UpdatedAt), nil
	case "author":
		return x.actor(d.Author), nil
	case "authorAssociation":
		return x.e.association(r, d.Author), nil
	case "viewerDidAuthor":
		return strings.EqualFold(d.Author, x.e.st.bot.login), nil
	case "category":
		return gqlCategory{r: r, c: r.categoryByID(d.CategoryID)}, nil
	case "repository":
		return gqlRepo{r: r}, nil
	case "locked":
		return d.Locked, nil
	case "closed":
		return d.Closed, nil
	case "isAnswered":
		return d.AnswerCommentID != 0, nil
	case "answer":
		if c := d.comment(d.AnswerCommentID); c != nil {
			return gqlDiscussionComment{r: r, d: d, c: c}, nil
		}
		return nil, nil
	case "comments":
		return commentConnection(r, d, d.topComments(), f, args)
	}
	if v, ok, err := reactableField(x, g, d.Reactions, f, args); ok {
		return v, err
	}
	return nil, unsupported("Discussion", f.Name)
}

// gqlDiscussionComment is a DiscussionComment (a comment or a reply).
type gqlDiscussionComment struct {
	r *repoState
	d *Discussion
	c *DiscussionComment
}

func (gqlDiscussionComment) typeName() string { return "DiscussionComment" }

func (g gqlDiscussionComment) field(x *execution, f *ast.Field, args map[string]any) (any, error) {
	r, d, c := g.r, g.d, g.c
	switch f.Name {
	case "id":
		return c.NodeID, nil
	case "databaseId":
		return c.ID, nil
	case "body", "bodyText":
		return c.Body, nil
	case "url":
		return x.e.discussionCommentURL(r, d, c), nil
	case "createdAt":
		return dateTime(c.CreatedAt), nil
	case "updatedAt":
		return dateTime(c.UpdatedAt), nil
	case "author":
		return x.actor(c.Author), nil
	case "authorAssociation":
		return x.e.association(r, c.Author), nil
	case "viewerDidAuthor":
		return strings.EqualFold(c.Author, x.e.st.bot.login), nil
	case "discussion":
		return gqlDiscussion{r: r, d: d}, nil
	case "replyTo":
		if p := d.comment(c.ReplyTo); p != nil {
			return gqlDiscussionComment{r: r, d: d, c: p}, nil
		}
		return nil, nil
	case "replies":
		return commentConnection(r, d, d.replies(c.ID), f, args)
	case "isAnswer":
		return d.AnswerCommentID == c.ID, nil
	case "isMinimized":
		return false, nil
	case "deletedAt":
		return nil, nil
	}
	if v, ok, err := reactableField(x, g, c.Reactions, f, args); ok {
		return v, err
	}
	return nil, unsupported("DiscussionComment", f.Name)
}

func commentConnection(r *repoState, d *Discussion, cs []*DiscussionComment, f *ast.Field, args map[string]any) (any, error) {
	items := make([]any, 0, len(cs))
	for _, c := range cs {
		items = append(items, gqlDiscussionComment{r: r, d: d, c: c})
	}
	return connect("DiscussionCommentConnection", f.Name, items, args)
}

// discussions answers Repository.discussions: categoryId, states and
// answered filter; orderBy sorts (GitHub's default: UPDATED_AT DESC).
func (x *execution) discussions(r *repoState, f *ast.Field, args map[string]any) (any, error) {
	var cat *DiscussionCategory
	if id, ok := stringArg(args, "categoryId"); ok {
		if cat = r.category(id); cat == nil || cat.NodeID != id {
			return nil, nodeNotFound(id)
		}
	}
	states, _ := args["states"].([]any)
	answered, filterAnswered := args["answered"].(bool)
	var list []*Discussion
	for _, d := range r.sortedDiscussions() {
		state := "OPEN"
		if d.Closed {
			state = "CLOSED"
		}
		switch {
		case cat != nil && d.CategoryID != cat.ID,
			len(states) > 0 && !containsAny(states, state),
			filterAnswered && (d.AnswerCommentID != 0) != answered:
			continue
		}
		list = append(list, d)
	}
	order, _ := args["orderBy"].(map[string]any)
	byCreated := order["field"] == "CREATED_AT"
	asc := order["direction"] == "ASC"
	sort.SliceStable(list, func(i, j int) bool {
		a, b := list[i].UpdatedAt, list[j].UpdatedAt
		if byCreated {
			a, b = list[i].CreatedAt, list[j].CreatedAt
		}
		if a.Equal(b) {
			return (list[i].Number < list[j].Number) == asc
		}
		return a.Before(b) == asc
	})
	items := make([]any, 0, len(list))
	for _, d := range list {
		items = append(items, gqlDiscussion{r: r, d: d})
	}
	return connect("DiscussionConnection", f.Name, items, args)
}

func containsAny(list []any, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}
