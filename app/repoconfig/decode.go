package repoconfig

import (
	"fmt"
	"reflect"
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"
)

// Limits that keep a hostile file cheap to check.
const (
	nodeBudget  = 20_000 // YAML nodes visited, aliases included; real files use < 2,000
	maxProblems = 200    // problems reported per file; the rest are counted
)

// decoder maps a YAML node tree onto a Config by the yaml tags, strictly:
// unknown and duplicate keys and wrong kinds of value are problems. It
// remembers where each key was so later checks can point at it.
type decoder struct {
	problems Problems
	values   map[string]*yaml.Node // path → value of each key given a non-null value
	keys     map[string]*yaml.Node // path → key node, or item node in a list
	failed   map[string]bool       // paths whose value could not be decoded
	budget   int
}

func newDecoder() *decoder {
	return &decoder{
		values: map[string]*yaml.Node{},
		keys:   map[string]*yaml.Node{},
		failed: map[string]bool{},
		budget: nodeBudget,
	}
}

// given reports whether the file set path to a value (null counts as absent).
func (d *decoder) given(path string) bool { return d.values[path] != nil }

// node is the best node to point at for path: its value, its key, or the
// nearest ancestor's.
func (d *decoder) node(path string) *yaml.Node {
	for p := path; ; p = parent(p) {
		if n := d.values[p]; n != nil {
			return n
		}
		if n := d.keys[p]; n != nil {
			return n
		}
		if p == "" {
			return nil
		}
	}
}

// failedUnder reports whether path or one of its ancestors failed to decode,
// so a later check does not report the same mistake twice.
func (d *decoder) failedUnder(path string) bool {
	for p := path; ; p = parent(p) {
		if d.failed[p] {
			return true
		}
		if p == "" {
			return false
		}
	}
}

func (d *decoder) add(n *yaml.Node, path, msg, hint string) {
	if n == nil {
		d.addAt(0, 0, path, msg, hint)
		return
	}
	d.addAt(n.Line, n.Column, path, msg, hint)
}

func (d *decoder) addAt(line, col int, path, msg, hint string) {
	d.problems = append(d.problems, Problem{Line: line, Column: col, Key: path, Message: msg, Hint: hint})
}

// result is the problems in file order, at most maxProblems of them and a
// last one saying the rest were left out.
func (d *decoder) result() Problems {
	ps := d.problems
	ps.sort()
	if len(ps) > maxProblems {
		ps = append(ps[:maxProblems:maxProblems], Problem{
			Line:    ps[maxProblems-1].Line,
			Message: fmt.Sprintf("%d more problems not shown", len(ps)-maxProblems),
			Hint:    "fix the problems above and check again",
		})
	}
	return ps
}

var dateType = reflect.TypeOf(Date{})

// decode stores n into v; path names v in problems.
func (d *decoder) decode(n *yaml.Node, v reflect.Value, path string) {
	n = d.resolve(n, path)
	if n == nil || (n.Kind == yaml.ScalarNode && n.ShortTag() == "!!null") {
		return
	}
	var ok bool
	switch t := v.Type(); {
	case t == dateType:
		ok = d.date(n, v, path)
	case t.Kind() == reflect.String:
		ok = d.scalar(n, v, path) && d.setString(n, v)
	case t.Kind() == reflect.Int:
		ok = d.scalar(n, v, path) && d.setInt(n, v, path)
	case t.Kind() == reflect.Bool:
		ok = d.scalar(n, v, path) && d.setBool(n, v, path)
	case t.Kind() == reflect.Slice:
		ok = d.list(n, v, path)
	case t.Kind() == reflect.Map:
		ok = d.mapping(n, v, path)
	case t.Kind() == reflect.Struct:
		ok = d.structure(n, v, path)
	}
	if ok {
		d.values[path] = n
	} else {
		d.failed[path] = true
	}
}

// resolve follows aliases and spends the node budget.
func (d *decoder) resolve(n *yaml.Node, path string) *yaml.Node {
	for n != nil {
		d.budget--
		if d.budget < 0 {
			if d.budget == -1 {
				d.add(n, path, "the file is too complex to check (too many nodes or aliases)", "write the configuration out without deeply nested aliases")
			}
			return nil
		}
		if n.Kind != yaml.AliasNode {
			return n
		}
		n = n.Alias
	}
	return nil
}

func (d *decoder) scalar(n *yaml.Node, v reflect.Value, path string) bool {
	if n.Kind == yaml.ScalarNode {
		return true
	}
	d.wrongKind(n, v.Type(), path)
	return false
}

func (d *decoder) setString(n *yaml.Node, v reflect.Value) bool {
	v.SetString(n.Value)
	return true
}

func (d *decoder) setInt(n *yaml.Node, v reflect.Value, path string) bool {
	if n.ShortTag() != "!!int" {
		d.wrongKind(n, v.Type(), path)
		return false
	}
	i, err := strconv.ParseInt(strings.ReplaceAll(n.Value, "_", ""), 0, 32)
	if err != nil {
		d.add(n, path, "the number "+code(n.Value)+" is out of range", "use a smaller number")
		return false
	}
	v.SetInt(i)
	return true
}

func (d *decoder) setBool(n *yaml.Node, v reflect.Value, path string) bool {
	b, err := strconv.ParseBool(strings.ToLower(n.Value))
	if n.ShortTag() != "!!bool" || err != nil {
		d.wrongKind(n, v.Type(), path)
		return false
	}
	v.SetBool(b)
	return true
}

func (d *decoder) date(n *yaml.Node, v reflect.Value, path string) bool {
	if !d.scalar(n, v, path) {
		return false
	}
	t, err := ParseDate(n.Value)
	if err != nil {
		d.add(n, path, code(n.Value)+" is not a date", "write the date as YYYY-MM-DD, e.g. "+code(lastKey(path)+": 2026-12-24"))
		return false
	}
	v.Set(reflect.ValueOf(t))
	return true
}

func (d *decoder) list(n *yaml.Node, v reflect.Value, path string) bool {
	if n.Kind != yaml.SequenceNode {
		d.wrongKind(n, v.Type(), path)
		return false
	}
	if len(n.Content) == 0 {
		v.Set(reflect.Zero(v.Type()))
		return true
	}
	s := reflect.MakeSlice(v.Type(), len(n.Content), len(n.Content))
	for i, item := range n.Content {
		ip := path + "[" + strconv.Itoa(i) + "]"
		d.keys[ip] = item
		d.decode(item, s.Index(i), ip)
	}
	v.Set(s)
	return true
}

// mapping decodes a map from names to entries (`areas`).
func (d *decoder) mapping(n *yaml.Node, v reflect.Value, path string) bool {
	if n.Kind != yaml.MappingNode {
		d.wrongKind(n, v.Type(), path)
		return false
	}
	m := reflect.MakeMapWithSize(v.Type(), len(n.Content)/2)
	seen := map[string]*yaml.Node{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		name, kn, ok := d.key(n.Content[i], path)
		if !ok || d.duplicate(seen, kn, path, name) {
			continue
		}
		ep := join(path, name)
		d.keys[ep] = kn
		e := reflect.New(v.Type().Elem()).Elem()
		d.decode(n.Content[i+1], e, ep)
		m.SetMapIndex(reflect.ValueOf(name), e)
	}
	v.Set(m)
	return true
}

func (d *decoder) structure(n *yaml.Node, v reflect.Value, path string) bool {
	if n.Kind != yaml.MappingNode {
		d.wrongKind(n, v.Type(), path)
		return false
	}
	fields := fieldsOf(v.Type())
	seen := map[string]*yaml.Node{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		name, kn, ok := d.key(n.Content[i], path)
		if !ok || d.duplicate(seen, kn, path, name) {
			continue
		}
		idx, known := fields.index[name]
		if !known {
			d.unknownKey(kn, path, name, fields.names)
			continue
		}
		fp := join(path, name)
		d.keys[fp] = kn
		d.decode(n.Content[i+1], v.Field(idx), fp)
	}
	return true
}

// key reads a mapping key, which must be a plain scalar.
func (d *decoder) key(kn *yaml.Node, path string) (string, *yaml.Node, bool) {
	kn = d.resolve(kn, path)
	switch {
	case kn == nil:
		return "", nil, false
	case kn.ShortTag() == "!!merge":
		d.add(kn, path, "merge keys (`<<`) are not supported", "write the keys out in full")
		return "", nil, false
	case kn.Kind != yaml.ScalarNode:
		d.add(kn, path, "a key must be a plain name, found "+found(kn), "check the indentation; keys are names followed by a colon")
		return "", nil, false
	}
	return kn.Value, kn, true
}

func (d *decoder) duplicate(seen map[string]*yaml.Node, kn *yaml.Node, path, name string) bool {
	first, dup := seen[name]
	if !dup {
		seen[name] = kn
		return false
	}
	d.add(kn, join(path, name), fmt.Sprintf("duplicate key %s (first on line %d)", code(name), first.Line),
		"keep one "+code(name+":")+" and merge the two")
	return true
}

func (d *decoder) unknownKey(kn *yaml.Node, path, name string, known []string) {
	hint := ""
	if c := closest(name, known); c != "" {
		hint = "did you mean " + code(c) + "?"
	} else if where, key := elsewhere(name); where != "" {
		hint = code(key) + " belongs under " + where
	} else {
		hint = "the keys here are " + strings.Join(known, ", ")
	}
	d.add(kn, join(path, name), "unknown key "+code(name), hint)
}

func (d *decoder) wrongKind(n *yaml.Node, t reflect.Type, path string) {
	d.add(n, path, "expected "+describe(t)+", found "+found(n), kindHint(t, path))
}

type structFields struct {
	index map[string]int
	names []string
}

// fieldsOf lists a struct's YAML keys in declaration order.
func fieldsOf(t reflect.Type) structFields {
	f := structFields{index: map[string]int{}}
	for i := 0; i < t.NumField(); i++ {
		name := yamlName(t.Field(i))
		if name == "" {
			continue
		}
		f.index[name] = i
		f.names = append(f.names, name)
	}
	return f
}

func yamlName(f reflect.StructField) string {
	name, _, _ := strings.Cut(f.Tag.Get("yaml"), ",")
	if name == "-" || !f.IsExported() {
		return ""
	}
	return name
}
