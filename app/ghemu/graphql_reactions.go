package ghemu

import (
	"strings"

	"github.com/vektah/gqlparser/v2/ast"
)

// reactableField answers the Reactable fields (reactionGroups, reactions,
// viewerCanReact) of subject; ok is false for other fields.
func reactableField(x *execution, subject gqlObject, rs []Reaction, f *ast.Field, args map[string]any) (any, bool, error) {
	switch f.Name {
	case "reactionGroups":
		out := make([]any, 0, len(reactionNames))
		for _, n := range reactionNames {
			out = append(out, gqlReactionGroup{subject: subject, content: n.graphql, rs: withContent(rs, n.rest)})
		}
		return out, true, nil
	case "reactions":
		list := rs
		if c, ok := stringArg(args, "content"); ok {
			rest, _ := restReaction(c)
			list = withContent(rs, rest)
		}
		items := make([]any, 0, len(list))
		for _, r := range list {
			items = append(items, gqlReaction{subject: subject, x: r})
		}
		conn, err := connect("ReactionConnection", f.Name, items, args)
		if err != nil {
			return nil, true, err
		}
		conn.extra = map[string]any{"viewerHasReacted": x.botReacted(list)}
		return conn, true, nil
	case "viewerCanReact":
		return true, true, nil
	}
	return nil, false, nil
}

func withContent(rs []Reaction, rest string) []Reaction {
	var out []Reaction
	for _, r := range rs {
		if r.Content == rest {
			out = append(out, r)
		}
	}
	return out
}

func (x *execution) botReacted(rs []Reaction) bool {
	for _, r := range rs {
		if strings.EqualFold(r.User, x.e.st.bot.login) {
			return true
		}
	}
	return false
}

// gqlReactionGroup is a ReactionGroup: the reactions of one content.
type gqlReactionGroup struct {
	subject gqlObject
	content string
	rs      []Reaction
}

func (gqlReactionGroup) typeName() string { return "ReactionGroup" }

func (g gqlReactionGroup) field(x *execution, f *ast.Field, args map[string]any) (any, error) {
	switch f.Name {
	case "content":
		return g.content, nil
	case "createdAt":
		if len(g.rs) == 0 {
			return nil, nil
		}
		return dateTime(g.rs[0].CreatedAt), nil
	case "viewerHasReacted":
		return x.botReacted(g.rs), nil
	case "subject":
		return g.subject, nil
	case "reactors", "users":
		typ := "ReactorConnection"
		if f.Name == "users" {
			typ = "ReactingUserConnection"
		}
		items := make([]any, 0, len(g.rs))
		for _, r := range g.rs {
			items = append(items, x.actor(r.User))
		}
		return connect(typ, f.Name, items, args)
	}
	return nil, unsupported("ReactionGroup", f.Name)
}

// gqlReaction is one Reaction.
type gqlReaction struct {
	subject gqlObject
	x       Reaction
}

func (gqlReaction) typeName() string { return "Reaction" }

func (g gqlReaction) field(x *execution, f *ast.Field, _ map[string]any) (any, error) {
	switch f.Name {
	case "id":
		return g.x.NodeID, nil
	case "databaseId":
		return g.x.ID, nil
	case "content":
		return graphqlReaction(g.x.Content), nil
	case "createdAt":
		return dateTime(g.x.CreatedAt), nil
	case "user":
		return x.actor(g.x.User), nil
	case "reactable":
		return g.subject, nil
	}
	return nil, unsupported("Reaction", f.Name)
}
