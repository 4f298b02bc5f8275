package transport

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"

	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/parser"
)

// isWrite reports whether req creates or changes content on GitHub: a POST,
// PATCH, PUT or DELETE, except a POST of a GraphQL query to graphqlURL (a
// GraphQL mutation is a write). An empty graphqlURL matches any path ending in
// "/graphql". A GraphQL body that cannot be read is taken to be a write.
func isWrite(req *http.Request, graphqlURL string) bool {
	switch req.Method {
	case http.MethodPatch, http.MethodPut, http.MethodDelete:
		return true
	case http.MethodPost:
		if !isGraphQL(req.URL, graphqlURL) {
			return true
		}
		body, err := requestBody(req)
		return err != nil || isMutation(body)
	default:
		return false
	}
}

func isGraphQL(u *url.URL, graphqlURL string) bool {
	if graphqlURL == "" {
		return strings.HasSuffix(strings.TrimSuffix(u.Path, "/"), "/graphql")
	}
	g, err := url.Parse(graphqlURL)
	if err != nil {
		return false
	}
	return strings.EqualFold(u.Host, g.Host) &&
		strings.TrimSuffix(u.Path, "/") == strings.TrimSuffix(g.Path, "/")
}

// isMutation reports whether a GraphQL request body runs a mutation: the
// operation named by operationName, or the document's only operation. A body
// that is not a GraphQL request is taken to be a mutation.
func isMutation(body []byte) bool {
	var r struct {
		Query         string `json:"query"`
		OperationName string `json:"operationName"`
	}
	if err := json.Unmarshal(body, &r); err != nil {
		return true
	}
	doc, err := parser.ParseQuery(&ast.Source{Input: r.Query})
	if err != nil {
		return strings.HasPrefix(strings.TrimSpace(r.Query), "mutation")
	}
	op := doc.Operations.ForName(r.OperationName)
	if op == nil {
		for _, o := range doc.Operations {
			if o.Operation == ast.Mutation {
				return true
			}
		}
		return false
	}
	return op.Operation == ast.Mutation
}

// requestBody returns a copy of req's body, read through req.GetBody so that
// req itself is untouched.
func requestBody(req *http.Request) ([]byte, error) {
	if req.Body == nil || req.Body == http.NoBody {
		return nil, nil
	}
	if req.GetBody == nil {
		return nil, fmt.Errorf("request body cannot be read twice")
	}
	rc, err := req.GetBody()
	if err != nil {
		return nil, fmt.Errorf("get request body: %w", err)
	}
	defer rc.Close()
	b, err := io.ReadAll(rc)
	if err != nil {
		return nil, fmt.Errorf("read request body: %w", err)
	}
	return b, nil
}

// replayable returns req, or, when its body can be read only once, a copy
// whose body is buffered in memory and has GetBody set.
func replayable(req *http.Request) (*http.Request, error) {
	if req.Body == nil || req.Body == http.NoBody || req.GetBody != nil {
		return req, nil
	}
	b, err := io.ReadAll(req.Body)
	_ = req.Body.Close()
	if err != nil {
		return nil, fmt.Errorf("read request body: %w", err)
	}
	r := req.Clone(req.Context())
	r.GetBody = func() (io.ReadCloser, error) { return io.NopCloser(bytes.NewReader(b)), nil }
	r.Body, _ = r.GetBody()
	r.ContentLength = int64(len(b))
	return r, nil
}
