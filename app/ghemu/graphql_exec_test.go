package ghemu

import (
	"encoding/json"
	"strings"
	"testing"
	"time"
)

// TestGraphQLExecution covers the executor: aliases, named and inline
// fragments, __typename, @skip/@include, node and nodes, variables and the
// order of keys in the answer.
func TestGraphQLExecution(t *testing.T) {
	f := newDiscussionsFixture(t, Options{})
	e := f.emu
	n := e.OpenDiscussion(testOrg, communityRepo, "q-a", "alice", "How do I build?", "Steps?")
	c1 := e.CommentOnDiscussion(testOrg, communityRepo, n, "bob", "make")
	reply := e.ReplyToDiscussionComment(testOrg, communityRepo, n, c1, "alice", "thanks")
	d := e.Discussion(testOrg, communityRepo, n)

	const query = `
query Q($id: ID!, $ids: [ID!]!, $withBody: Boolean!) {
  first: node(id: $id) { __typename ...D }
  many: nodes(ids: $ids) {
    __typename
    ... on DiscussionComment { body replyTo { id } discussion { number } }
    ... on Discussion { title }
  }
  r: repository(owner: "acme", name: "community") {
    n: discussion(number: 1) {
      body @include(if: $withBody)
      title @skip(if: true)
      category { name slug isAnswerable }
      author { __typename login }
      authorAssociation
      comments(first: 5) { edges { cursor node { author { login } } } }
    }
  }
}
fragment D on Discussion { number title ...Who }
fragment Who on Discussion { author { login } }`
	_, res := f.gql(t, "", query, map[string]any{
		"id": d.NodeID, "ids": []string{c1, reply, d.NodeID, "bogus"}, "withBody": false,
	}, "Q")
	if res.at("first", "__typename") != "Discussion" || res.at("first", "number") != float64(n) ||
		res.at("first", "author", "login") != "alice" {
		t.Errorf("node with fragments: %s", res.raw)
	}
	if res.at("many", 0, "body") != "make" || res.at("many", 0, "replyTo") != nil ||
		res.at("many", 1, "replyTo", "id") != c1 || res.at("many", 1, "discussion", "number") != float64(n) ||
		res.at("many", 2, "title") != "How do I build?" || res.at("many", 2, "body") != nil ||
		res.at("many", 3) != nil {
		t.Errorf("nodes with inline fragments: %s", res.raw)
	}
	if len(res.Errors) != 1 || !equalPath(res.Errors[0].Path, []any{"many", float64(3)}) || res.Errors[0].Type != "NOT_FOUND" {
		t.Errorf("errors %+v", res.Errors)
	}
	disc, _ := res.at("r", "n").(map[string]any)
	if _, has := disc["body"]; has {
		t.Errorf("@include(if: false) kept body: %v", disc)
	}
	if _, has := disc["title"]; has {
		t.Errorf("@skip(if: true) kept title: %v", disc)
	}
	if res.at("r", "n", "category", "slug") != "q-a" || res.at("r", "n", "category", "isAnswerable") != true ||
		res.at("r", "n", "author", "__typename") != "User" || res.at("r", "n", "authorAssociation") != "NONE" ||
		res.at("r", "n", "comments", "edges", 0, "node", "author", "login") != "bob" ||
		res.at("r", "n", "comments", "edges", 1) != nil {
		t.Errorf("repository.discussion: %s", res.raw)
	}
	var ordered struct {
		Data json.RawMessage `json:"data"`
	}
	_ = json.Unmarshal(res.raw, &ordered)
	if !strings.HasPrefix(string(ordered.Data), `{"first":{"__typename":"Discussion","number":1,"title":`) {
		t.Errorf("keys are not in selection order: %.80s", ordered.Data)
	}
}

// TestGraphQLDiscussionsConnection: filtering by category, ordering and
// paging backwards.
func TestGraphQLDiscussionsConnection(t *testing.T) {
	clk := &clock{t: time.Now()}
	f := newDiscussionsFixture(t, Options{Now: clk.Now})
	e := f.emu
	for i, cat := range []string{"General", "Ideas", "General", "General"} {
		e.OpenDiscussion(testOrg, communityRepo, cat, "alice", "d"+itoa(i+1), "b")
		clk.Advance(time.Second)
	}
	e.CommentOnDiscussion(testOrg, communityRepo, 1, "bob", "bump") // 1 is now the most recently updated
	general := e.DiscussionCategories(testOrg, communityRepo)[1].NodeID
	const q = `query($cat: ID, $order: DiscussionOrder) { repository(owner: "acme", name: "community") {
		all: discussions(first: 10) { nodes { number } }
		general: discussions(first: 10, categoryId: $cat, orderBy: $order) { totalCount nodes { number } }
		tail: discussions(last: 2, orderBy: {field: CREATED_AT, direction: ASC}) {
			nodes { number } pageInfo { hasPreviousPage hasNextPage startCursor } } } }`
	_, res := f.gql(t, "", q, map[string]any{"cat": general, "order": map[string]any{"field": "CREATED_AT", "direction": "DESC"}}, "")
	if got := numbers(res.at("repository", "all", "nodes")); got != "1 4 3 2" {
		t.Errorf("default order (UPDATED_AT DESC): %s", got)
	}
	if got := numbers(res.at("repository", "general", "nodes")); got != "4 3 1" || res.at("repository", "general", "totalCount") != float64(3) {
		t.Errorf("General by CREATED_AT DESC: %s", got)
	}
	if got := numbers(res.at("repository", "tail", "nodes")); got != "3 4" ||
		res.at("repository", "tail", "pageInfo", "hasPreviousPage") != true || res.at("repository", "tail", "pageInfo", "hasNextPage") != false {
		t.Errorf("last 2: %s %s", got, res.raw)
	}
	before, _ := res.at("repository", "tail", "pageInfo", "startCursor").(string)
	_, res = f.gql(t, "", `query($b: String) { repository(owner: "acme", name: "community") {
		discussions(last: 5, before: $b, orderBy: {field: CREATED_AT, direction: ASC}) { nodes { number } } } }`,
		map[string]any{"b": before}, "")
	if got := numbers(res.at("repository", "discussions", "nodes")); got != "1 2" {
		t.Errorf("before the start cursor: %s %s", got, res.raw)
	}
}

func numbers(v any) string {
	list, _ := v.([]any)
	var out []string
	for _, x := range list {
		m, _ := x.(map[string]any)
		n, _ := m["number"].(float64)
		out = append(out, itoa(int(n)))
	}
	return strings.Join(out, " ")
}
