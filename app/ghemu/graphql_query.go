package ghemu

import (
	"encoding/base64"
	"strconv"
	"strings"
	"time"

	"github.com/vektah/gqlparser/v2/ast"
)

// queryRoot answers the fields of Query.
type queryRoot struct{}

func (queryRoot) typeName() string { return "Query" }

func (queryRoot) field(x *execution, f *ast.Field, args map[string]any) (any, error) {
	switch f.Name {
	case "repository":
		owner, _ := stringArg(args, "owner")
		name, _ := stringArg(args, "name")
		r := x.e.st.repo(owner, name)
		if r == nil || !x.caller.visible(r) {
			return nil, newFieldErr("NOT_FOUND", "Could not resolve to a Repository with the name '%s/%s'.", owner, name)
		}
		return gqlRepo{r: r}, nil
	case "node":
		id, _ := stringArg(args, "id")
		return x.node(id)
	case "nodes":
		ids, _ := args["ids"].([]any)
		out := make([]any, 0, len(ids))
		for i, v := range ids {
			id, _ := v.(string)
			n, err := x.node(id)
			if err != nil {
				x.fail(err, f, []any{f.Alias, i})
				out = append(out, nil)
				continue
			}
			out = append(out, n)
		}
		return out, nil
	case "rateLimit":
		return x.rateLimit(), nil
	case "user":
		login, _ := stringArg(args, "login")
		return x.user(login)
	}
	return nil, unsupported("Query", f.Name)
}

// parseNodeID reads a legacy global node ID ("0<len>:<Type><id>").
func parseNodeID(s string) (kind string, id int64, ok bool) {
	b, err := base64.StdEncoding.DecodeString(s)
	raw := string(b)
	colon := strings.IndexByte(raw, ':')
	if err != nil || !strings.HasPrefix(raw, "0") || colon < 2 {
		return "", 0, false
	}
	n, err := strconv.Atoi(raw[1:colon])
	if err != nil || colon+1+n > len(raw) {
		return "", 0, false
	}
	id, err = strconv.ParseInt(raw[colon+1+n:], 10, 64)
	return raw[colon+1 : colon+1+n], id, err == nil
}

func nodeNotFound(id string) error {
	return newFieldErr("NOT_FOUND", "Could not resolve to a node with the global id of '%s'", id)
}

// node resolves a global ID the caller can see.
func (x *execution) node(id string) (gqlObject, error) {
	kind, n, ok := parseNodeID(id)
	if !ok {
		return nil, nodeNotFound(id)
	}
	var obj gqlObject
	var r *repoState
	switch kind {
	case "Repository":
		r = x.e.st.repoByID(n)
		obj = gqlRepo{r: r}
	case "Discussion":
		var d *Discussion
		r, d = x.e.st.discussionByID(n)
		obj = gqlDiscussion{r: r, d: d}
	case "DiscussionComment":
		var d *Discussion
		var c *DiscussionComment
		r, d, c = x.e.st.discussionCommentByID(n)
		obj = gqlDiscussionComment{r: r, d: d, c: c}
	case "DiscussionCategory":
		r, obj = x.categoryByID(n)
	case "User", "Bot", "Organization":
		for _, a := range x.e.st.accounts {
			if a.nodeID == id {
				return gqlActor{a: a}, nil
			}
		}
	}
	if r == nil || !x.caller.visible(r) {
		return nil, nodeNotFound(id)
	}
	return obj, nil
}

func (x *execution) categoryByID(id int64) (*repoState, gqlObject) {
	for _, r := range x.e.st.repos {
		if c := r.categoryByID(id); c != nil {
			return r, gqlCategory{r: r, c: c}
		}
	}
	return nil, nil
}

// gqlRepo is a Repository.
type gqlRepo struct{ r *repoState }

func (gqlRepo) typeName() string { return "Repository" }

func (g gqlRepo) field(x *execution, f *ast.Field, args map[string]any) (any, error) {
	r := g.r
	switch f.Name {
	case "id":
		return r.NodeID, nil
	case "databaseId":
		return r.ID, nil
	case "name":
		return r.Name, nil
	case "nameWithOwner":
		return r.FullName, nil
	case "description":
		return r.Description, nil
	case "url":
		return x.e.webURL() + "/" + r.FullName, nil
	case "isPrivate":
		return r.Private, nil
	case "owner":
		return gqlActor{a: r.owner}, nil
	case "createdAt":
		return dateTime(r.CreatedAt), nil
	case "hasDiscussionsEnabled":
		return r.HasDiscussions, nil
	case "discussionCategories":
		items := make([]any, 0, len(r.categories))
		for _, c := range r.categories {
			items = append(items, gqlCategory{r: r, c: c})
		}
		return connect("DiscussionCategoryConnection", f.Name, items, args)
	case "discussionCategory":
		slug, _ := stringArg(args, "slug")
		for _, c := range r.categories {
			if c.Slug == slug {
				return gqlCategory{r: r, c: c}, nil
			}
		}
		return nil, nil
	case "discussion":
		n, _ := intArg(args, "number")
		if d := r.discussions[n]; d != nil {
			return gqlDiscussion{r: r, d: d}, nil
		}
		return nil, newFieldErr("NOT_FOUND", "Could not resolve to a Discussion with the number of %d.", n)
	case "discussions":
		return x.discussions(r, f, args)
	}
	return nil, unsupported("Repository", f.Name)
}

// gqlCategory is a DiscussionCategory.
type gqlCategory struct {
	r *repoState
	c *DiscussionCategory
}

func (gqlCategory) typeName() string { return "DiscussionCategory" }

func (g gqlCategory) field(_ *execution, f *ast.Field, _ map[string]any) (any, error) {
	c := g.c
	switch f.Name {
	case "id":
		return c.NodeID, nil
	case "name":
		return c.Name, nil
	case "slug":
		return c.Slug, nil
	case "emoji":
		return c.Emoji, nil
	case "description":
		if c.Description == "" {
			return nil, nil
		}
		return c.Description, nil
	case "isAnswerable":
		return c.IsAnswerable, nil
	case "createdAt", "updatedAt":
		return dateTime(c.CreatedAt), nil
	case "repository":
		return gqlRepo{r: g.r}, nil
	}
	return nil, unsupported("DiscussionCategory", f.Name)
}

// gqlActor is a User, Bot or Organization. As on GitHub, a bot's GraphQL
// login has no "[bot]" suffix.
type gqlActor struct{ a *account }

func (g gqlActor) typeName() string {
	switch g.a.typ {
	case typeBot:
		return "Bot"
	case typeOrg:
		return "Organization"
	}
	return "User"
}

func (g gqlActor) field(x *execution, f *ast.Field, _ map[string]any) (any, error) {
	a := g.a
	switch f.Name {
	case "login":
		if a.typ == typeBot {
			return trimBot(a.login), nil
		}
		return a.login, nil
	case "id":
		return a.nodeID, nil
	case "databaseId":
		return a.id, nil
	case "url":
		if a.typ == typeBot {
			return x.e.webURL() + "/apps/" + trimBot(a.login), nil
		}
		return x.e.webURL() + "/" + a.login, nil
	case "avatarUrl":
		return x.e.webURL() + "/avatars/u/" + strconv.FormatInt(a.id, 10) + "?v=4", nil
	case "resourcePath":
		return "/" + a.login, nil
	case "status":
		return x.userStatus(a), nil
	}
	return nil, unsupported(g.typeName(), f.Name)
}

// actor returns the actor for a login (a user when unknown).
func (x *execution) actor(login string) gqlObject {
	if login == "" {
		return nil
	}
	return gqlActor{a: x.e.st.ensureAccount(login, typeUser, x.e.now())}
}

// gqlRateLimit is the Query.rateLimit object; the running query counts.
type gqlRateLimit struct {
	limit, used int
	reset       time.Time
}

func (x *execution) rateLimit() gqlRateLimit {
	st := x.e.limits.use(x.caller.budgetKey(), resGraphQL, x.e.now(), false)
	return gqlRateLimit{limit: st.limit, used: min(st.used+1, st.limit), reset: st.reset}
}

func (gqlRateLimit) typeName() string { return "RateLimit" }

func (g gqlRateLimit) field(_ *execution, f *ast.Field, _ map[string]any) (any, error) {
	switch f.Name {
	case "limit":
		return g.limit, nil
	case "used":
		return g.used, nil
	case "remaining":
		return g.limit - g.used, nil
	case "cost":
		return 1, nil
	case "nodeCount":
		return 0, nil
	case "resetAt":
		return dateTime(g.reset), nil
	}
	return nil, unsupported("RateLimit", f.Name)
}

// dateTime formats a GraphQL DateTime.
func dateTime(t time.Time) any {
	if t.IsZero() {
		return nil
	}
	return t.UTC().Truncate(time.Second).Format(time.RFC3339)
}
