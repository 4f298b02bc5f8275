package ghemu

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"

	"github.com/vektah/gqlparser/v2/ast"
)

// The executor walks a validated operation: it collects fields through
// fragments and inline fragments (honouring @skip and @include), asks the
// runtime object for each field's value, completes it by the field's
// schema type and propagates nulls from failed non-null fields upwards, as
// the GraphQL specification says. It runs with e.mu held.

// gqlObject is a value of a GraphQL object type.
type gqlObject interface {
	// typeName is the object's concrete type, as __typename shows it.
	typeName() string
	// field returns the value of a field: nil, a scalar (string, int,
	// bool, float64), a gqlObject or a []any of those.
	field(x *execution, f *ast.Field, args map[string]any) (any, error)
}

// execution is one operation being run.
type execution struct {
	e      *Emulator
	caller caller
	schema *ast.Schema
	doc    *ast.QueryDocument
	vars   map[string]any
	errs   []gqlError
}

// fieldErr is an error a resolver returns; typ is GitHub's error type
// (NOT_FOUND, UNPROCESSABLE, FORBIDDEN, ...).
type fieldErr struct {
	typ string
	msg string
}

func (f *fieldErr) Error() string { return f.msg }

func newFieldErr(typ, format string, args ...any) error {
	return &fieldErr{typ: typ, msg: fmt.Sprintf(format, args...)}
}

// unsupported names a field the schema has and the emulator does not serve.
func unsupported(typeName, field string) error {
	return newFieldErr("", "ghemu does not implement the field %s.%s; "+
		"extend ghemu/graphql_*.go or query fewer fields", typeName, field)
}

// run executes the operation and returns its data (nil when a non-null
// root field failed).
func (x *execution) run(op *ast.OperationDefinition) any {
	var root gqlObject = queryRoot{}
	if op.Operation == ast.Mutation {
		root = mutationRoot{}
	}
	out, ok := x.selectionSet(root, []ast.SelectionSet{op.SelectionSet}, nil)
	if !ok {
		return nil
	}
	return out
}

// fieldGroup is the fields that answer one response key.
type fieldGroup struct {
	key    string
	fields []*ast.Field
}

func (x *execution) selectionSet(obj gqlObject, sets []ast.SelectionSet, path []any) (*jsonObject, bool) {
	out := &jsonObject{}
	for _, g := range x.collect(obj.typeName(), sets) {
		f := g.fields[0]
		p := append(path[:len(path):len(path)], g.key)
		var v any
		var err error
		if f.Name == "__typename" {
			v = obj.typeName()
		} else {
			v, err = obj.field(x, f, f.ArgumentMap(x.vars))
		}
		if err != nil {
			x.fail(err, f, p)
			v = nil
		}
		cv, ok := x.complete(f.Definition.Type, v, g.fields, p)
		if !ok {
			return nil, false
		}
		out.set(g.key, cv)
	}
	return out, true
}

// complete shapes a resolved value by its type; ok is false when a null
// reached a non-null type, so the parent must become null.
func (x *execution) complete(t *ast.Type, v any, fields []*ast.Field, path []any) (any, bool) {
	if v == nil {
		return nil, !t.NonNull
	}
	if t.Elem != nil {
		items, isList := v.([]any)
		if !isList {
			x.fail(fmt.Errorf("ghemu: %T is not a list", v), fields[0], path)
			return nil, !t.NonNull
		}
		out := make([]any, 0, len(items))
		for i, item := range items {
			cv, ok := x.complete(t.Elem, item, fields, append(path[:len(path):len(path)], i))
			if !ok {
				return nil, !t.NonNull
			}
			out = append(out, cv)
		}
		return out, true
	}
	def := x.schema.Types[t.NamedType]
	if def == nil || def.Kind == ast.Scalar || def.Kind == ast.Enum {
		return v, true
	}
	obj, isObj := v.(gqlObject)
	if !isObj {
		x.fail(fmt.Errorf("ghemu: %T is not an object", v), fields[0], path)
		return nil, !t.NonNull
	}
	sets := make([]ast.SelectionSet, 0, len(fields))
	for _, f := range fields {
		sets = append(sets, f.SelectionSet)
	}
	out, ok := x.selectionSet(obj, sets, path)
	if !ok {
		return nil, !t.NonNull
	}
	return out, true
}

// collect gathers the fields that apply to typeName, in document order,
// grouped by response key.
func (x *execution) collect(typeName string, sets []ast.SelectionSet) []*fieldGroup {
	var groups []*fieldGroup
	byKey := map[string]*fieldGroup{}
	seen := map[string]bool{}
	var walk func(ast.SelectionSet)
	walk = func(ss ast.SelectionSet) {
		for _, s := range ss {
			switch s := s.(type) {
			case *ast.Field:
				if x.skipped(s.Directives) {
					continue
				}
				key := s.Alias
				if key == "" {
					key = s.Name
				}
				g := byKey[key]
				if g == nil {
					g = &fieldGroup{key: key}
					byKey[key] = g
					groups = append(groups, g)
				}
				g.fields = append(g.fields, s)
			case *ast.InlineFragment:
				if !x.skipped(s.Directives) && x.applies(s.TypeCondition, typeName) {
					walk(s.SelectionSet)
				}
			case *ast.FragmentSpread:
				def := x.doc.Fragments.ForName(s.Name)
				if def == nil || seen[s.Name] || x.skipped(s.Directives) || !x.applies(def.TypeCondition, typeName) {
					continue
				}
				seen[s.Name] = true
				walk(def.SelectionSet)
			}
		}
	}
	for _, ss := range sets {
		walk(ss)
	}
	return groups
}

// applies reports whether a fragment on cond applies to typeName.
func (x *execution) applies(cond, typeName string) bool {
	if cond == "" || cond == typeName {
		return true
	}
	def := x.schema.Types[cond]
	if def == nil {
		return false
	}
	for _, p := range x.schema.GetPossibleTypes(def) {
		if p.Name == typeName {
			return true
		}
	}
	return false
}

func (x *execution) skipped(ds ast.DirectiveList) bool {
	if d := ds.ForName("skip"); d != nil && d.ArgumentMap(x.vars)["if"] == true {
		return true
	}
	if d := ds.ForName("include"); d != nil && d.ArgumentMap(x.vars)["if"] != true {
		return true
	}
	return false
}

// fail records a field error with its path and location.
func (x *execution) fail(err error, f *ast.Field, path []any) {
	g := gqlError{Message: err.Error(), Path: append([]any(nil), path...)}
	var fe *fieldErr
	if errors.As(err, &fe) {
		g.Type = fe.typ
	}
	if f.Position != nil {
		g.Locations = []gqlLocation{locationOf(f.Position)}
	}
	x.errs = append(x.errs, g)
}

// jsonObject is a JSON object that keeps its keys in insertion order, as
// GraphQL responses follow the order of the selection.
type jsonObject struct {
	keys []string
	vals []any
}

func (o *jsonObject) set(k string, v any) {
	o.keys = append(o.keys, k)
	o.vals = append(o.vals, v)
}

// MarshalJSON writes the keys in order.
func (o *jsonObject) MarshalJSON() ([]byte, error) {
	var b bytes.Buffer
	if err := encodeValue(&b, o); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

// encodeValue writes a completed value: objects and lists recursively
// (json.Marshal would re-check every nested MarshalJSON), scalars with
// encoding/json.
func encodeValue(b *bytes.Buffer, v any) error {
	switch v := v.(type) {
	case *jsonObject:
		b.WriteByte('{')
		for i, k := range v.keys {
			if i > 0 {
				b.WriteByte(',')
			}
			if err := encodeValue(b, k); err != nil {
				return err
			}
			b.WriteByte(':')
			if err := encodeValue(b, v.vals[i]); err != nil {
				return err
			}
		}
		b.WriteByte('}')
	case []any:
		b.WriteByte('[')
		for i, x := range v {
			if i > 0 {
				b.WriteByte(',')
			}
			if err := encodeValue(b, x); err != nil {
				return err
			}
		}
		b.WriteByte(']')
	default:
		enc, err := json.Marshal(v)
		if err != nil {
			return err
		}
		b.Write(enc)
	}
	return nil
}
