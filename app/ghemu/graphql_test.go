package ghemu

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/palantir/go-githubapp/githubapp"
	"github.com/shurcooL/githubv4"
)

const communityRepo = "community"

// newDiscussionsFixture adds acme/community (Discussions on, installed) to
// the test world.
func newDiscussionsFixture(t testing.TB, opts Options) *fixture {
	t.Helper()
	f := newFixture(t, opts)
	f.emu.AddRepo(testOrg, communityRepo, RepoOptions{HasDiscussions: true})
	f.emu.AddInstallation(testInstID, testOrg, testRepo, communityRepo)
	return f
}

// v4 returns a githubv4 client built as the app builds it: go-githubapp's
// client creator with v4_api_url = URL/api/graphql.
func (f *fixture) v4(t testing.TB) *githubv4.Client {
	t.Helper()
	var cfg githubapp.Config
	cfg.WebURL = f.srv.URL
	cfg.V3APIURL = f.srv.URL + "/api/v3/"
	cfg.V4APIURL = f.srv.URL + "/api/graphql"
	cfg.App.IntegrationID = testAppID
	cfg.App.PrivateKey = string(f.emu.PrivateKeyPEM())
	cc, err := githubapp.NewDefaultCachingClientCreator(cfg)
	if err != nil {
		t.Fatal(err)
	}
	c, err := cc.NewInstallationV4Client(testInstID)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// gql posts a raw GraphQL request with an installation token and returns
// the status and decoded body.
func (f *fixture) gql(t *testing.T, auth, query string, vars map[string]any, opName string) (*http.Response, gqlResult) {
	t.Helper()
	b, err := json.Marshal(map[string]any{"query": query, "variables": vars, "operationName": opName})
	if err != nil {
		t.Fatal(err)
	}
	req, err := http.NewRequest(http.MethodPost, f.srv.URL+"/api/graphql", bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	if auth == "" {
		auth = "token " + f.token(t)
	}
	req.Header.Set("Authorization", auth)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	var out gqlResult
	out.raw = body
	_ = json.Unmarshal(body, &out)
	return resp, out
}

type gqlResult struct {
	Data   map[string]any `json:"data"`
	Errors []struct {
		Type      string           `json:"type"`
		Message   string           `json:"message"`
		Path      []any            `json:"path"`
		Locations []map[string]int `json:"locations"`
	} `json:"errors"`
	raw []byte
}

// errorText joins the error messages.
func (r gqlResult) errorText() string {
	var msgs []string
	for _, e := range r.Errors {
		msgs = append(msgs, e.Message)
	}
	return strings.Join(msgs, "; ")
}

// at walks the data by keys and list indexes.
func (r gqlResult) at(path ...any) any {
	var v any = r.Data
	for _, p := range path {
		switch k := p.(type) {
		case string:
			m, _ := v.(map[string]any)
			v = m[k]
		case int:
			l, _ := v.([]any)
			if k >= len(l) {
				return nil
			}
			v = l[k]
		}
	}
	return v
}
