package ghemu

import (
	"encoding/json"
	"os"
	"strings"
	"testing"

	"github.com/vektah/gqlparser/v2/ast"
)

// schemaExcerpt is testdata/graphql/schema-excerpt.json (see its README).
type schemaExcerpt struct {
	Types []struct {
		Name   string `json:"name"`
		Kind   string `json:"kind"`
		Fields []struct {
			Name string     `json:"name"`
			Type string     `json:"type"`
			Args []typedArg `json:"args"`
		} `json:"fields"`
		InputFields []typedArg `json:"inputFields"`
		EnumValues  []string   `json:"enumValues"`
	} `json:"types"`
}

type typedArg struct {
	Name string `json:"name"`
	Type string `json:"type"`
}

// TestSchemaAgreesWithIntrospection checks the embedded SDL against GitHub's
// introspection JSON on every type, field, argument and enum value ghemu serves.
func TestSchemaAgreesWithIntrospection(t *testing.T) {
	s, err := githubSchema()
	if err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile("testdata/graphql/schema-excerpt.json")
	if err != nil {
		t.Fatal(err)
	}
	var ex schemaExcerpt
	if err := json.Unmarshal(b, &ex); err != nil {
		t.Fatal(err)
	}
	checked := 0
	for _, want := range ex.Types {
		def := s.Types[want.Name]
		if def == nil {
			t.Errorf("type %s is missing", want.Name)
			continue
		}
		if got := strings.ReplaceAll(string(def.Kind), "_", ""); got != strings.ReplaceAll(want.Kind, "_", "") {
			t.Errorf("%s: kind %s, want %s", want.Name, def.Kind, want.Kind)
		}
		for _, wf := range want.Fields {
			checked++
			f := def.Fields.ForName(wf.Name)
			if f == nil {
				t.Errorf("%s.%s is missing", want.Name, wf.Name)
				continue
			}
			if f.Type.String() != wf.Type {
				t.Errorf("%s.%s: type %s, want %s", want.Name, wf.Name, f.Type, wf.Type)
			}
			compareArgs(t, want.Name+"."+wf.Name, f.Arguments, wf.Args)
		}
		for _, wi := range want.InputFields {
			checked++
			f := def.Fields.ForName(wi.Name)
			if f == nil || f.Type.String() != wi.Type {
				t.Errorf("input %s.%s: got %v, want %s", want.Name, wi.Name, f, wi.Type)
			}
		}
		for _, v := range want.EnumValues {
			checked++
			if def.EnumValues.ForName(v) == nil {
				t.Errorf("enum %s lacks %s", want.Name, v)
			}
		}
	}
	if checked < 150 {
		t.Errorf("only %d schema elements compared", checked)
	}
}

func compareArgs(t *testing.T, field string, got ast.ArgumentDefinitionList, want []typedArg) {
	t.Helper()
	if len(got) != len(want) {
		t.Errorf("%s: %d arguments, want %d", field, len(got), len(want))
	}
	for _, w := range want {
		a := got.ForName(w.Name)
		if a == nil || a.Type.String() != w.Type {
			t.Errorf("%s(%s:): got %v, want %s", field, w.Name, a, w.Type)
		}
	}
}

func TestValidateDocument(t *testing.T) {
	tests := []struct {
		name  string
		query string
		want  string // substring of the error; "" for valid
	}{
		{"categories", `query($o:String!,$n:String!){repository(owner:$o,name:$n){discussionCategories(first:10){nodes{id name}}}}`, ""},
		{"create", `mutation($i:CreateDiscussionInput!){createDiscussion(input:$i){discussion{id url}}}`, ""},
		{"fragments", `query{node(id:"x"){...D ... on DiscussionComment{body}}} fragment D on Discussion{title}`, ""},
		{"unknown field", `{repository(owner:"a",name:"b"){nope}}`, `Cannot query field "nope" on type "Repository"`},
		{"wrong argument type", `{repository(owner:"a",name:"b"){discussion(number:"x"){id}}}`, "Int cannot represent"},
		{"missing argument", `{repository(owner:"a"){id}}`, `argument "name" of type "String!" is required`},
		{"unknown mutation input", `mutation{createDiscussion(input:{title:"t"}){clientMutationId}}`, "repositoryId"},
		{"syntax", `{repository(`, "Expected Name"},
		{"undefined variable", `{repository(owner:$o,name:"b"){id}}`, `Variable "$o" is not defined`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			err := ValidateDocument(tc.query)
			switch {
			case tc.want == "" && err != nil:
				t.Errorf("valid document refused: %v", err)
			case tc.want != "" && (err == nil || !strings.Contains(err.Error(), tc.want)):
				t.Errorf("error %v, want one containing %q", err, tc.want)
			}
		})
	}
}

func BenchmarkValidateDocument(b *testing.B) {
	const q = `query($o:String!,$n:String!,$c:String){repository(owner:$o,name:$n){discussions(first:20,after:$c){
		nodes{id number title body author{login} comments(first:50){totalCount nodes{id body reactionGroups{content reactors{totalCount}}}}}
		pageInfo{hasNextPage endCursor}}}}`
	if _, err := githubSchema(); err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		if err := ValidateDocument(q); err != nil {
			b.Fatal(err)
		}
	}
}
