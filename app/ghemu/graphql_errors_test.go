package ghemu

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/shurcooL/githubv4"
)

// TestGraphQLInvalidDocuments: documents that do not validate get HTTP 200,
// errors with locations and no data, as on GitHub.
func TestGraphQLInvalidDocuments(t *testing.T) {
	f := newDiscussionsFixture(t, Options{})
	tests := []struct {
		name, query, want string
		line, column      int
	}{
		{"unknown field", "query {\n  repository(owner: \"acme\", name: \"community\") { nope }\n}",
			`Cannot query field "nope" on type "Repository"`, 2, 50},
		{"wrong argument type", `{ repository(owner: "acme", name: "community") { discussion(number: "one") { id } } }`,
			`Int cannot represent non-integer value: "one"`, 1, 70},
		{"syntax", `{ repository(owner: "acme" `, "Expected Name", 1, 28},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			resp, res := f.gql(t, "", tc.query, nil, "")
			if resp.StatusCode != http.StatusOK || len(res.Errors) == 0 {
				t.Fatalf("%d %s", resp.StatusCode, res.raw)
			}
			e := res.Errors[0]
			if !strings.Contains(e.Message, tc.want) || len(e.Locations) != 1 ||
				e.Locations[0]["line"] != tc.line || e.Locations[0]["column"] != tc.column {
				t.Errorf("error %+v, want %q at %d:%d", e, tc.want, tc.line, tc.column)
			}
			var raw map[string]json.RawMessage
			_ = json.Unmarshal(res.raw, &raw)
			if _, has := raw["data"]; has {
				t.Errorf("data present for an invalid document: %s", res.raw)
			}
		})
	}
	var q struct {
		Repository struct{ Nope string } `graphql:"repository(owner: \"acme\", name: \"community\")"`
	}
	if err := f.v4(t).Query(ctx, &q, nil); err == nil || !strings.Contains(err.Error(), `Cannot query field "nope"`) {
		t.Errorf("githubv4 sees %v", err)
	}
}

func TestGraphQLRequestProblems(t *testing.T) {
	f := newDiscussionsFixture(t, Options{})
	const two = `query A { repository(owner: "acme", name: "community") { name } } query B { rateLimit { limit } }`
	tests := []struct {
		name, query, op string
		vars            map[string]any
		want            string
	}{
		{"no query", "", "", nil, "A query attribute must be specified"},
		{"two operations, no name", two, "", nil, "An operation name is required"},
		{"unknown operation", two, "C", nil, `No operation named "C"`},
		{"missing variable", `query($n: Int!) { repository(owner: "acme", name: "community") { discussion(number: $n) { id } } }`,
			"", nil, "must be defined"},
		{"variable of the wrong type", `query($n: Int!) { repository(owner: "acme", name: "community") { discussion(number: $n) { id } } }`,
			"", map[string]any{"n": "x"}, "cannot use string as Int"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			resp, res := f.gql(t, "", tc.query, tc.vars, tc.op)
			if resp.StatusCode != http.StatusOK || !strings.Contains(res.errorText(), tc.want) {
				t.Errorf("%d %s, want %q", resp.StatusCode, res.raw, tc.want)
			}
		})
	}
	_, res := f.gql(t, "", two, nil, "B")
	if res.at("rateLimit", "limit") != float64(DefaultRateLimit) || len(res.Errors) > 0 {
		t.Errorf("operation B: %s", res.raw)
	}
	req, _ := http.NewRequest(http.MethodPost, f.srv.URL+"/api/graphql", strings.NewReader(`{"query": `))
	req.Header.Set("Authorization", "token "+f.token(t))
	if resp, err := http.DefaultClient.Do(req); err != nil || resp.StatusCode != http.StatusBadRequest {
		t.Errorf("truncated JSON body: %v %v", resp, err)
	} else {
		resp.Body.Close()
	}
	jwtStr, _ := f.emu.SignJWT(time.Now().Add(-time.Second), time.Now().Add(time.Minute))
	if resp, res := f.gql(t, "Bearer "+jwtStr, `{ rateLimit { limit } }`, nil, ""); resp.StatusCode != http.StatusUnauthorized {
		t.Errorf("app JWT accepted: %d %s", resp.StatusCode, res.raw)
	}
}

// TestGraphQLResolveErrors: errors found while executing keep the data
// that could be resolved and name the path.
func TestGraphQLResolveErrors(t *testing.T) {
	f := newDiscussionsFixture(t, Options{})
	n := f.emu.OpenDiscussion(testOrg, communityRepo, "General", "alice", "Hi", "Hello")
	tests := []struct {
		name, query, typ, want string
		path                   []any
	}{
		{"unknown repository", `{ repository(owner: "acme", name: "nope") { id } }`,
			"NOT_FOUND", "Could not resolve to a Repository with the name 'acme/nope'.", []any{"repository"}},
		{"repository not installed", `{ repository(owner: "acme", name: "secret") { id } }`,
			"NOT_FOUND", "Could not resolve to a Repository with the name 'acme/secret'.", []any{"repository"}},
		{"unknown discussion", `{ repository(owner: "acme", name: "community") { discussion(number: 99) { id } } }`,
			"NOT_FOUND", "Could not resolve to a Discussion with the number of 99.", []any{"repository", "discussion"}},
		{"unsupported field", `{ repository(owner: "acme", name: "community") { d: discussion(number: 1) { upvoteCount } } }`,
			"", "ghemu does not implement the field Discussion.upvoteCount", []any{"repository", "d", "upvoteCount"}},
		{"nodes without first", `{ repository(owner: "acme", name: "community") { discussions { nodes { id } } } }`,
			"MISSING_PAGINATION_BOUNDARIES", "You must provide a `first` or `last` value to properly paginate the `discussions` connection.",
			[]any{"repository", "discussions", "nodes"}},
		{"too many", `{ repository(owner: "acme", name: "community") { discussions(first: 101) { totalCount } } }`,
			"EXCESSIVE_PAGINATION", "Requesting 101 records on the `discussions` connection exceeds the `first` limit of 100 records.",
			[]any{"repository", "discussions"}},
		{"bad node id", `{ node(id: "nope") { id } }`, "NOT_FOUND", "Could not resolve to a node with the global id of 'nope'", []any{"node"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			resp, res := f.gql(t, "", tc.query, nil, "")
			if resp.StatusCode != http.StatusOK || len(res.Errors) != 1 {
				t.Fatalf("%d %s", resp.StatusCode, res.raw)
			}
			e := res.Errors[0]
			if e.Type != tc.typ || !strings.Contains(e.Message, tc.want) || !equalPath(e.Path, tc.path) || len(e.Locations) != 1 {
				t.Errorf("error %+v", e)
			}
		})
	}
	_, res := f.gql(t, "", `{ repository(owner: "acme", name: "community") { name discussions { totalCount } d: discussion(number: 1) { upvoteCount } } }`, nil, "")
	if res.at("repository", "name") != "community" || res.at("repository", "discussions", "totalCount") != float64(1) ||
		res.at("repository", "d") != nil || len(res.Errors) != 1 || n != 1 {
		t.Errorf("a non-null failure nulls its nullable parent only: %s", res.raw)
	}
}

func equalPath(got, want []any) bool {
	if len(got) != len(want) {
		return false
	}
	for i := range got {
		if got[i] != want[i] {
			return false
		}
	}
	return true
}

// TestGraphQLMutationErrors: discussions off, unknown category, blank
// title and a read-only token.
func TestGraphQLMutationErrors(t *testing.T) {
	f := newDiscussionsFixture(t, Options{})
	v4 := f.v4(t)
	community := f.emu.Repository(testOrg, communityRepo)
	widgets := f.emu.Repository(testOrg, testRepo)
	general := f.emu.DiscussionCategories(testOrg, communityRepo)[1]
	var m struct {
		CreateDiscussion struct {
			Discussion struct{ ID githubv4.ID }
		} `graphql:"createDiscussion(input: $input)"`
	}
	tests := []struct {
		name string
		in   githubv4.CreateDiscussionInput
		want string
	}{
		{"discussions off", githubv4.CreateDiscussionInput{RepositoryID: widgets.NodeID, CategoryID: general.NodeID, Title: "t", Body: "b"},
			"Repository does not have discussions enabled."},
		{"unknown category", githubv4.CreateDiscussionInput{RepositoryID: community.NodeID, CategoryID: "DIC_nope", Title: "t", Body: "b"},
			"Could not resolve to a node with the global id of 'DIC_nope'"},
		{"blank title", githubv4.CreateDiscussionInput{RepositoryID: community.NodeID, CategoryID: general.NodeID, Title: " ", Body: "b"},
			"Title can't be blank"},
		{"repository not installed", githubv4.CreateDiscussionInput{RepositoryID: f.emu.Repository(testOrg, "secret").NodeID,
			CategoryID: general.NodeID, Title: "t", Body: "b"}, "Could not resolve to a node with the global id of"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if err := v4.Mutate(ctx, &m, tc.in, nil); err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("error %v, want %q", err, tc.want)
			}
		})
	}
	if got := f.emu.Discussions(testOrg, communityRepo); len(got) != 0 {
		t.Errorf("a refused mutation created %d discussions", len(got))
	}

	jwtStr, _ := f.emu.SignJWT(time.Now().Add(-time.Second), time.Now().Add(time.Minute))
	resp, body := f.do(t, "POST", "/app/installations/7/access_tokens", "Bearer "+jwtStr,
		map[string]any{"permissions": map[string]string{"discussions": "read", "metadata": "read"}})
	var tok struct{ Token string }
	if err := json.Unmarshal(body, &tok); err != nil || resp.StatusCode != http.StatusCreated {
		t.Fatalf("read-only token: %d %s", resp.StatusCode, body)
	}
	_, res := f.gql(t, "token "+tok.Token, `mutation($i: CreateDiscussionInput!) { createDiscussion(input: $i) { discussion { id } } }`,
		map[string]any{"i": map[string]any{"repositoryId": community.NodeID, "categoryId": general.NodeID, "title": "t", "body": "b"}}, "")
	if len(res.Errors) != 1 || res.Errors[0].Type != "FORBIDDEN" || res.Errors[0].Message != "Resource not accessible by integration" {
		t.Errorf("read-only token: %s", res.raw)
	}
}

// TestGraphQLFaultsCallsAndBudget: faults on /api/graphql, recorded calls
// of kind graphql and the graphql rate-limit headers.
func TestGraphQLFaultsCallsAndBudget(t *testing.T) {
	f := newDiscussionsFixture(t, Options{})
	v4 := f.v4(t)
	var q struct {
		RateLimit struct{ Limit, Remaining int }
	}
	f.emu.InjectFault(Fault{Path: "/api/graphql", Status: http.StatusBadGateway, Times: 1})
	if err := v4.Query(ctx, &q, nil); err == nil || !strings.Contains(err.Error(), "502") {
		t.Fatalf("faulted query: %v", err)
	}
	if err := v4.Query(ctx, &q, nil); err != nil || q.RateLimit.Limit != DefaultRateLimit {
		t.Fatalf("query after the fault: %+v %v", q, err)
	}
	var statuses []int
	for _, c := range f.emu.Calls() {
		if c.Kind == kindGraphQL {
			statuses = append(statuses, c.Status)
			if c.Path != "/api/graphql" || c.InstallationID != testInstID || !strings.Contains(string(c.Body), "rateLimit") {
				t.Errorf("call %+v", c)
			}
		}
	}
	if len(statuses) != 2 || statuses[0] != http.StatusBadGateway || statuses[1] != http.StatusOK {
		t.Errorf("graphql calls %v", statuses)
	}
	// The faulted call does not count; the two answered ones do.
	resp, _ := f.gql(t, "", `{ rateLimit { used } }`, nil, "")
	if resp.Header.Get("X-RateLimit-Resource") != "graphql" || resp.Header.Get("X-RateLimit-Limit") != "5000" ||
		resp.Header.Get("X-RateLimit-Used") != "2" {
		t.Errorf("budget headers %v", resp.Header)
	}
}
