package ghemu

import (
	_ "embed"
	"errors"
	"fmt"
	"sync"

	"github.com/vektah/gqlparser/v2"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/gqlerror"
	"github.com/vektah/gqlparser/v2/parser"
	"github.com/vektah/gqlparser/v2/validator"
)

// schemaSDL is GitHub's public GraphQL schema (schema/README.md).
//
//go:embed schema/github.graphql
var schemaSDL string

var (
	schemaOnce sync.Once
	schemaDoc  *ast.Schema
	schemaErr  error
)

// githubSchema returns the embedded schema, loaded on first use.
func githubSchema() (*ast.Schema, error) {
	schemaOnce.Do(func() {
		s, err := gqlparser.LoadSchema(&ast.Source{Name: "github.graphql", Input: schemaSDL})
		if err != nil {
			schemaErr = fmt.Errorf("load github graphql schema: %w", err)
			return
		}
		schemaDoc = s
	})
	return schemaDoc, schemaErr
}

// parseDocument parses a GraphQL document and validates it against the
// embedded schema; the list holds every syntax or validation error.
func parseDocument(query string) (*ast.QueryDocument, gqlerror.List) {
	s, err := githubSchema()
	if err != nil {
		return nil, gqlerror.List{gqlerror.Wrap(err)}
	}
	doc, err := parser.ParseQuery(&ast.Source{Name: "query", Input: query})
	if err != nil {
		var ge *gqlerror.Error
		if errors.As(err, &ge) {
			return nil, gqlerror.List{ge}
		}
		return nil, gqlerror.List{gqlerror.Wrap(err)}
	}
	if errs := validator.Validate(s, doc); len(errs) > 0 {
		return nil, errs
	}
	return doc, nil
}

// ValidateDocument validates a GraphQL document against GitHub's schema as
// the emulator embeds it, so that tests can check every document an app
// sends. The error lists each problem with its line and column.
func ValidateDocument(query string) error {
	if _, errs := parseDocument(query); len(errs) > 0 {
		return fmt.Errorf("invalid graphql document: %w", errs)
	}
	return nil
}
