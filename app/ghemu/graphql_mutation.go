package ghemu

import (
	"strings"
	"unicode/utf8"

	"github.com/vektah/gqlparser/v2/ast"
)

// mutationRoot answers the fields of Mutation. Writes are made by the
// app's bot user and emit the webhooks GitHub would send.
type mutationRoot struct{}

func (mutationRoot) typeName() string { return "Mutation" }

func (mutationRoot) field(x *execution, f *ast.Field, args map[string]any) (any, error) {
	in := inputArg(args)
	var fields map[string]any
	var err error
	switch f.Name {
	case "createDiscussion":
		fields, err = x.createDiscussion(in)
	case "updateDiscussion":
		fields, err = x.updateDiscussion(in)
	case "addDiscussionComment":
		fields, err = x.addDiscussionComment(in)
	case "updateDiscussionComment":
		fields, err = x.updateDiscussionComment(in)
	default:
		return nil, unsupported("Mutation", f.Name)
	}
	if err != nil {
		return nil, err
	}
	typ := strings.ToUpper(f.Name[:1]) + f.Name[1:] + "Payload"
	fields["clientMutationId"] = in["clientMutationId"]
	return gqlPayload{typ: typ, fields: fields}, nil
}

// gqlPayload is a mutation's payload object.
type gqlPayload struct {
	typ    string
	fields map[string]any
}

func (p gqlPayload) typeName() string { return p.typ }

func (p gqlPayload) field(_ *execution, f *ast.Field, _ map[string]any) (any, error) {
	if v, ok := p.fields[f.Name]; ok {
		return v, nil
	}
	return nil, unsupported(p.typ, f.Name)
}

// canWriteDiscussions checks the token's discussions permission.
func (x *execution) canWriteDiscussions() error {
	if t := x.caller.tok; t != nil && t.permissions != nil && t.permissions["discussions"] != "write" {
		return newFieldErr("FORBIDDEN", "Resource not accessible by integration")
	}
	return nil
}

// visibleDiscussion resolves a Discussion node ID for a write.
func (x *execution) visibleDiscussion(id string) (*repoState, *Discussion, error) {
	if err := x.canWriteDiscussions(); err != nil {
		return nil, nil, err
	}
	kind, n, ok := parseNodeID(id)
	if !ok || kind != "Discussion" {
		return nil, nil, nodeNotFound(id)
	}
	r, d := x.e.st.discussionByID(n)
	if d == nil || !x.caller.visible(r) {
		return nil, nil, nodeNotFound(id)
	}
	return r, d, nil
}

func (x *execution) createDiscussion(in map[string]any) (map[string]any, error) {
	if err := x.canWriteDiscussions(); err != nil {
		return nil, err
	}
	repoID, _ := stringArg(in, "repositoryId")
	kind, n, ok := parseNodeID(repoID)
	r := x.e.st.repoByID(n)
	if !ok || kind != "Repository" || r == nil || !x.caller.visible(r) {
		return nil, nodeNotFound(repoID)
	}
	if !r.HasDiscussions {
		return nil, newFieldErr("UNPROCESSABLE", "Repository does not have discussions enabled.")
	}
	catID, _ := stringArg(in, "categoryId")
	cat := r.category(catID)
	if cat == nil || cat.NodeID != catID {
		return nil, nodeNotFound(catID)
	}
	title, _ := stringArg(in, "title")
	body, _ := stringArg(in, "body")
	if err := notBlank(title, body); err != nil {
		return nil, err
	}
	d := x.e.createDiscussion(r, cat, x.e.st.bot, title, body)
	return map[string]any{"discussion": gqlDiscussion{r: r, d: d}}, nil
}

func notBlank(title, body string) error {
	switch {
	case strings.TrimSpace(title) == "":
		return newFieldErr("UNPROCESSABLE", "Title can't be blank")
	}
	return checkBody(body)
}

// checkBody is GitHub's check of a discussion or discussion comment body.
func checkBody(body string) error {
	switch {
	case strings.TrimSpace(body) == "":
		return newFieldErr("UNPROCESSABLE", "Body can't be blank")
	case utf8.RuneCountInString(body) > MaxBodyChars:
		return newFieldErr("UNPROCESSABLE", "Body is too long (maximum is %d characters)", MaxBodyChars)
	}
	return nil
}

func (x *execution) updateDiscussion(in map[string]any) (map[string]any, error) {
	id, _ := stringArg(in, "discussionId")
	r, d, err := x.visibleDiscussion(id)
	if err != nil {
		return nil, err
	}
	var title, body *string
	if s, ok := stringArg(in, "title"); ok {
		title = &s
	}
	if s, ok := stringArg(in, "body"); ok {
		body = &s
	}
	if err := notBlank(deref(title, d.Title), deref(body, d.Body)); err != nil {
		return nil, err
	}
	var cat *DiscussionCategory
	if catID, ok := stringArg(in, "categoryId"); ok {
		if cat = r.category(catID); cat == nil || cat.NodeID != catID {
			return nil, nodeNotFound(catID)
		}
	}
	x.e.editDiscussion(r, d, x.e.st.bot, title, body, cat)
	return map[string]any{"discussion": gqlDiscussion{r: r, d: d}}, nil
}

func deref(p *string, def string) string {
	if p == nil {
		return def
	}
	return *p
}

func (x *execution) addDiscussionComment(in map[string]any) (map[string]any, error) {
	id, _ := stringArg(in, "discussionId")
	r, d, err := x.visibleDiscussion(id)
	if err != nil {
		return nil, err
	}
	body, _ := stringArg(in, "body")
	if err := checkBody(body); err != nil {
		return nil, err
	}
	var parent int64
	if replyTo, ok := stringArg(in, "replyToId"); ok {
		kind, n, valid := parseNodeID(replyTo)
		if !valid || kind != "DiscussionComment" || d.comment(n) == nil {
			return nil, nodeNotFound(replyTo)
		}
		parent = n
	}
	if d.Locked {
		return nil, newFieldErr("UNPROCESSABLE", "Discussion is locked")
	}
	c := x.e.addDiscussionComment(r, d, x.e.st.bot, body, parent)
	return map[string]any{"comment": gqlDiscussionComment{r: r, d: d, c: c}}, nil
}

func (x *execution) updateDiscussionComment(in map[string]any) (map[string]any, error) {
	if err := x.canWriteDiscussions(); err != nil {
		return nil, err
	}
	id, _ := stringArg(in, "commentId")
	kind, n, ok := parseNodeID(id)
	if !ok || kind != "DiscussionComment" {
		return nil, nodeNotFound(id)
	}
	r, d, c := x.e.st.discussionCommentByID(n)
	if c == nil || !x.caller.visible(r) {
		return nil, nodeNotFound(id)
	}
	body, _ := stringArg(in, "body")
	if err := checkBody(body); err != nil {
		return nil, err
	}
	x.e.editDiscussionComment(r, d, c, x.e.st.bot, body)
	return map[string]any{"comment": gqlDiscussionComment{r: r, d: d, c: c}}, nil
}
