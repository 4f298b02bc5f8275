package ghemu

import (
	"encoding/base64"
	"strconv"
	"strings"

	"github.com/vektah/gqlparser/v2/ast"
)

// maxPage is GitHub's limit for first and last on any connection.
const maxPage = 100

// connCursorPrefix starts every cursor (base64 of "cursor:v2:<position>").
const connCursorPrefix = "cursor:v2:"

func encodeCursor(pos int) string {
	return base64.StdEncoding.EncodeToString([]byte(connCursorPrefix + strconv.Itoa(pos)))
}

func decodeCursor(s string) (int, bool) {
	b, err := base64.StdEncoding.DecodeString(s)
	if err != nil || !strings.HasPrefix(string(b), connCursorPrefix) {
		return 0, false
	}
	n, err := strconv.Atoi(strings.TrimPrefix(string(b), connCursorPrefix))
	return n, err == nil && n >= 0
}

// connection is one page of a Relay connection; items are every element,
// page is items[lo:hi].
type connection struct {
	typ    string // e.g. DiscussionConnection
	items  []any
	lo, hi int
	// extra answers connection-specific fields such as viewerHasReacted.
	extra map[string]any
	// unbounded is GitHub's error for asking nodes or edges without first
	// or last (totalCount alone needs neither).
	unbounded error
}

// connect applies first, after, last and before to items, with GitHub's
// rules: first or last is at most 100, and one of them is required to
// select nodes or edges.
func connect(typ, field string, items []any, args map[string]any) (*connection, error) {
	first, hasFirst := intArg(args, "first")
	last, hasLast := intArg(args, "last")
	conn := &connection{typ: typ, items: items}
	if !hasFirst && !hasLast {
		conn.unbounded = newFieldErr("MISSING_PAGINATION_BOUNDARIES",
			"You must provide a `first` or `last` value to properly paginate the `%s` connection.", field)
	}
	switch {
	case hasFirst && first > maxPage:
		return nil, newFieldErr("EXCESSIVE_PAGINATION",
			"Requesting %d records on the `%s` connection exceeds the `first` limit of %d records.", first, field, maxPage)
	case hasLast && last > maxPage:
		return nil, newFieldErr("EXCESSIVE_PAGINATION",
			"Requesting %d records on the `%s` connection exceeds the `last` limit of %d records.", last, field, maxPage)
	case (hasFirst && first < 0) || (hasLast && last < 0):
		return nil, newFieldErr("INVALID_PAGINATION", "`first` and `last` must be non-negative on the `%s` connection.", field)
	}
	lo, hi := 0, len(items)
	if s, ok := args["after"].(string); ok {
		pos, valid := decodeCursor(s)
		if !valid {
			return nil, newFieldErr("INVALID_CURSOR_ARGUMENTS", "`%s` does not appear to be a valid cursor.", s)
		}
		lo = min(pos, hi)
	}
	if s, ok := args["before"].(string); ok {
		pos, valid := decodeCursor(s)
		if !valid {
			return nil, newFieldErr("INVALID_CURSOR_ARGUMENTS", "`%s` does not appear to be a valid cursor.", s)
		}
		hi = max(lo, min(pos-1, hi))
	}
	if hasFirst {
		hi = min(hi, lo+first)
	}
	if hasLast {
		lo = max(lo, hi-last)
	}
	conn.lo, conn.hi = lo, hi
	return conn, nil
}

func (c *connection) typeName() string { return c.typ }

func (c *connection) field(_ *execution, f *ast.Field, _ map[string]any) (any, error) {
	switch f.Name {
	case "totalCount":
		return len(c.items), nil
	case "nodes", "edges":
		if c.unbounded != nil {
			return nil, c.unbounded
		}
	}
	switch f.Name {
	case "nodes":
		return append([]any{}, c.items[c.lo:c.hi]...), nil
	case "edges":
		out := make([]any, 0, c.hi-c.lo)
		for i := c.lo; i < c.hi; i++ {
			out = append(out, edge{typ: strings.TrimSuffix(c.typ, "Connection") + "Edge", node: c.items[i], pos: i + 1})
		}
		return out, nil
	case "pageInfo":
		return pageInfo{c: c}, nil
	}
	if v, ok := c.extra[f.Name]; ok {
		return v, nil
	}
	return nil, unsupported(c.typ, f.Name)
}

// edge is one element of a connection with its cursor.
type edge struct {
	typ  string
	node any
	pos  int
}

func (e edge) typeName() string { return e.typ }

func (e edge) field(_ *execution, f *ast.Field, _ map[string]any) (any, error) {
	switch f.Name {
	case "cursor":
		return encodeCursor(e.pos), nil
	case "node":
		return e.node, nil
	}
	return nil, unsupported(e.typ, f.Name)
}

type pageInfo struct{ c *connection }

func (pageInfo) typeName() string { return "PageInfo" }

func (p pageInfo) field(_ *execution, f *ast.Field, _ map[string]any) (any, error) {
	c := p.c
	empty := c.lo >= c.hi
	switch f.Name {
	case "hasNextPage":
		return c.hi < len(c.items), nil
	case "hasPreviousPage":
		return c.lo > 0, nil
	case "startCursor":
		if empty {
			return nil, nil
		}
		return encodeCursor(c.lo + 1), nil
	case "endCursor":
		if empty {
			return nil, nil
		}
		return encodeCursor(c.hi), nil
	}
	return nil, unsupported("PageInfo", f.Name)
}

// intArg reads an Int argument (int64 from literals, float64 or int64 from
// variables).
func intArg(args map[string]any, name string) (int, bool) {
	switch v := args[name].(type) {
	case int64:
		return int(v), true
	case int:
		return v, true
	case float64:
		return int(v), true
	}
	return 0, false
}

// stringArg reads a String or ID argument; ok is false when absent or null.
func stringArg(args map[string]any, name string) (string, bool) {
	switch v := args[name].(type) {
	case string:
		return v, true
	case int64:
		return strconv.FormatInt(v, 10), true
	case float64:
		return strconv.FormatInt(int64(v), 10), true
	}
	return "", false
}

// inputArg reads the "input" argument of a mutation.
func inputArg(args map[string]any) map[string]any {
	m, _ := args["input"].(map[string]any)
	return m
}
