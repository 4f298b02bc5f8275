package ghemu

import (
	"bytes"
	"encoding/json"
	"net/http"

	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/gqlerror"
	"github.com/vektah/gqlparser/v2/validator"
)

// gqlRequest is the body of POST /api/graphql.
type gqlRequest struct {
	Query         *string        `json:"query"`
	Variables     map[string]any `json:"variables"`
	OperationName string         `json:"operationName"`
}

// gqlResponse is GitHub's answer: data (absent when the document was
// refused before execution) and errors.
type gqlResponse struct {
	Data   json.RawMessage `json:"data,omitempty"`
	Errors []gqlError      `json:"errors,omitempty"`
}

// gqlError is one entry of "errors", shaped as GitHub writes them.
type gqlError struct {
	Type      string        `json:"type,omitempty"`
	Path      []any         `json:"path,omitempty"`
	Locations []gqlLocation `json:"locations,omitempty"`
	Message   string        `json:"message"`
}

type gqlLocation struct {
	Line   int `json:"line"`
	Column int `json:"column"`
}

// graphql answers POST /api/graphql. The dispatcher has authenticated the
// caller (callerFrom(r.Context())), counted the call against the graphql
// budget and buffers what is written here; e.mu is not held. As GitHub
// does, documents that do not parse or validate get HTTP 200 with errors.
func (e *Emulator) graphql(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	c, _ := callerFrom(r.Context())
	if r.Method != http.MethodPost {
		writeJSON(w, http.StatusNotFound, apiError{Message: "Not Found", DocumentationURL: docsBase + "/graphql"})
		return
	}
	var in gqlRequest
	if json.NewDecoder(r.Body).Decode(&in) != nil {
		writeJSON(w, http.StatusBadRequest, apiError{Message: "Problems parsing JSON", DocumentationURL: docsBase + "/graphql"})
		return
	}
	writeJSON(w, http.StatusOK, e.answerGraphQL(c, in))
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	b, err := json.Marshal(v)
	if err != nil {
		status = http.StatusInternalServerError
		b = []byte(`{"errors":[{"message":"Something went wrong while executing your query."}]}`)
	}
	w.WriteHeader(status)
	_, _ = w.Write(b)
}

// answerGraphQL validates the document, picks the operation, coerces the
// variables and executes it.
func (e *Emulator) answerGraphQL(c caller, in gqlRequest) gqlResponse {
	if in.Query == nil || *in.Query == "" {
		return gqlResponse{Errors: []gqlError{{Message: "A query attribute must be specified and must be a string."}}}
	}
	doc, errs := parseDocument(*in.Query)
	if len(errs) > 0 {
		return gqlResponse{Errors: fromGQLErrors(errs)}
	}
	op, msg := pickOperation(doc, in.OperationName)
	if op == nil {
		return gqlResponse{Errors: []gqlError{{Message: msg}}}
	}
	if op.Operation == ast.Subscription {
		return gqlResponse{Errors: []gqlError{{Message: "Subscriptions are not supported by the GitHub GraphQL API.",
			Locations: []gqlLocation{locationOf(op.Position)}}}}
	}
	s, _ := githubSchema()
	vars, err := validator.VariableValues(s, op, in.Variables)
	if err != nil {
		return gqlResponse{Errors: fromGQLErrors(gqlerror.List{asGQLError(err)})}
	}
	x := &execution{e: e, caller: c, schema: s, doc: doc, vars: vars}
	e.mu.Lock()
	data := x.run(op)
	e.mu.Unlock()
	var b bytes.Buffer
	if err := encodeValue(&b, data); err != nil {
		return gqlResponse{Errors: []gqlError{{Message: "Something went wrong while executing your query: " + err.Error()}}}
	}
	return gqlResponse{Data: b.Bytes(), Errors: x.errs}
}

// pickOperation returns the operation to run, or GitHub's message when
// there is none to pick.
func pickOperation(doc *ast.QueryDocument, name string) (*ast.OperationDefinition, string) {
	if name != "" {
		if op := doc.Operations.ForName(name); op != nil {
			return op, ""
		}
		return nil, `No operation named "` + name + `"`
	}
	switch len(doc.Operations) {
	case 0:
		return nil, "No operations in query document"
	case 1:
		return doc.Operations[0], ""
	}
	return nil, "An operation name is required"
}

func asGQLError(err error) *gqlerror.Error {
	if ge, ok := err.(*gqlerror.Error); ok {
		return ge
	}
	return gqlerror.Wrap(err)
}

func fromGQLErrors(errs gqlerror.List) []gqlError {
	out := make([]gqlError, 0, len(errs))
	for _, ge := range errs {
		g := gqlError{Message: ge.Message}
		for _, l := range ge.Locations {
			g.Locations = append(g.Locations, gqlLocation{Line: l.Line, Column: l.Column})
		}
		for _, p := range ge.Path {
			g.Path = append(g.Path, p)
		}
		out = append(out, g)
	}
	return out
}

func locationOf(p *ast.Position) gqlLocation {
	if p == nil {
		return gqlLocation{}
	}
	return gqlLocation{Line: p.Line, Column: p.Column}
}
