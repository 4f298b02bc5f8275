package transport

import (
	"context"
	"io"
	"net/http"
	"strings"
	"testing"
)

func TestIsWrite(t *testing.T) {
	const gql = "https://ghe.example.com/api/graphql"
	tests := []struct {
		name       string
		method     string
		url        string
		body       string
		graphqlURL string
		want       bool
	}{
		{"get", "GET", "https://api.example.com/repos/o/r", "", "", false},
		{"head", "HEAD", "https://api.example.com/repos/o/r", "", "", false},
		{"rest post", "POST", "https://api.example.com/repos/o/r/issues", `{"title":"x"}`, "", true},
		{"patch", "PATCH", "https://api.example.com/repos/o/r/issues/1", `{}`, "", true},
		{"put", "PUT", "https://api.example.com/repos/o/r/pulls/1/merge", `{}`, "", true},
		{"delete", "DELETE", "https://api.example.com/repos/o/r/issues/1/labels/x", "", "", true},
		{"graphql query", "POST", "https://api.example.com/graphql", `{"query":"query { viewer { login } }"}`, "", false},
		{"graphql shorthand query", "POST", "https://api.example.com/graphql", `{"query":"{ viewer { login } }"}`, "", false},
		{"graphql mutation", "POST", "https://api.example.com/graphql", `{"query":"mutation($input:AddCommentInput!){addComment(input:$input){clientMutationId}}","variables":{"input":{}}}`, "", true},
		{"graphql mutation after a comment", "POST", "https://api.example.com/graphql", `{"query":"# add a comment\n mutation { addComment(input:{}) { clientMutationId } }"}`, "", true},
		{"graphql named query among a mutation", "POST", "https://api.example.com/graphql", `{"query":"query Q { viewer { login } } mutation M { addComment(input:{}) { clientMutationId } }","operationName":"Q"}`, "", false},
		{"graphql named mutation among a query", "POST", "https://api.example.com/graphql", `{"query":"query Q { viewer { login } } mutation M { addComment(input:{}) { clientMutationId } }","operationName":"M"}`, "", true},
		{"graphql unparsable mutation", "POST", "https://api.example.com/graphql", `{"query":"mutation {"}`, "", true},
		{"graphql unparsable query", "POST", "https://api.example.com/graphql", `{"query":"query {"}`, "", false},
		{"graphql body that is not json", "POST", "https://api.example.com/graphql", `mutation`, "", true},
		{"configured graphql url", "POST", gql, `{"query":"{ viewer { login } }"}`, gql, false},
		{"post elsewhere than the configured graphql url", "POST", "https://ghe.example.com/api/v3/graphql", `{"query":"{ viewer { login } }"}`, gql, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var body io.Reader
			if tt.body != "" {
				body = strings.NewReader(tt.body)
			}
			req, err := http.NewRequestWithContext(context.Background(), tt.method, tt.url, body)
			if err != nil {
				t.Fatal(err)
			}
			if got := isWrite(req, tt.graphqlURL); got != tt.want {
				t.Errorf("isWrite() = %v, want %v", got, tt.want)
			}
			if tt.body != "" {
				rest, _ := io.ReadAll(req.Body)
				if string(rest) != tt.body {
					t.Errorf("request body after isWrite = %q, want it untouched", rest)
				}
			}
		})
	}
}

func TestIsWriteWithoutGetBodyIsAWrite(t *testing.T) {
	req, _ := http.NewRequestWithContext(context.Background(), "POST", "https://api.example.com/graphql", nil)
	req.Body = io.NopCloser(strings.NewReader(`{"query":"{ viewer { login } }"}`))
	if !isWrite(req, "") {
		t.Error("isWrite() = false for a body that cannot be read twice, want true")
	}
	r, err := replayable(req)
	if err != nil {
		t.Fatal(err)
	}
	if isWrite(r, "") {
		t.Error("isWrite() = true for a buffered GraphQL query, want false")
	}
}

func TestInstallationFromRequest(t *testing.T) {
	tests := []struct {
		name      string
		ctx       context.Context
		userAgent string
		want      int64
		wantOK    bool
	}{
		{"v3 installation client", context.Background(), "mentorbot/1.0 (installation: 42)", 42, true},
		{"v4 installation client", context.Background(), "github-base-app/undefined (installation: 7)", 7, true},
		{"context wins", WithInstallation(context.Background(), 9), "mentorbot/1.0 (installation: 42)", 9, true},
		{"app client", context.Background(), "mentorbot/1.0 (application)", 0, false},
		{"token client", context.Background(), "mentorbot/1.0 (oauth token)", 0, false},
		{"no user agent", context.Background(), "", 0, false},
		{"number too large", context.Background(), "x (installation: 99999999999999999999)", 0, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			req, _ := http.NewRequestWithContext(tt.ctx, "GET", "https://api.example.com/", nil)
			req.Header.Set("User-Agent", tt.userAgent)
			got, ok := InstallationFromRequest(req)
			if got != tt.want || ok != tt.wantOK {
				t.Errorf("InstallationFromRequest() = %d, %v; want %d, %v", got, ok, tt.want, tt.wantOK)
			}
		})
	}
}
