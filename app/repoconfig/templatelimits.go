package repoconfig

import (
	"fmt"
	"strings"
	"text/template/parse"
)

// Anyone who proposes a change to mentorship.yml in a pull request has
// their templates executed while the proposal is checked, so a template
// must not be able to run away. The parse tree is checked first so that no
// loop can outlive the data (checkTree); execution then runs under a budget
// of function calls, produced text, output and time (templateexec.go).

// Limits of a template's source.
const (
	// MaxTemplateLength bounds a template's source, in bytes.
	MaxTemplateLength = 20_000
	// maxTemplateDepth bounds how deeply if, with and range blocks, and
	// parenthesised expressions, nest.
	maxTemplateDepth = 10
)

// allowedFuncs are the functions a template may call: Go's comparison and
// logic built-ins, len, index and slice, the text functions (replaced by
// bounded versions when executed) and plural. call is left out: the data
// holds no functions.
var allowedFuncs = map[string]bool{
	"and": true, "or": true, "not": true,
	"eq": true, "ne": true, "lt": true, "le": true, "gt": true, "ge": true,
	"len": true, "index": true, "slice": true,
	"print": true, "printf": true, "println": true,
	"html": true, "js": true, "urlquery": true,
	"plural": true,
}

// limitError is a template the checker refuses, at a node of its tree.
type limitError struct {
	line, col int
	msg, hint string
}

func (e *limitError) Error() string {
	return fmt.Sprintf("line %d: %s (%s)", e.line, e.msg, e.hint)
}

// treeChecker walks a parse tree; depth counts enclosing blocks and
// parentheses, inRange whether the node runs once per element of a list.
type treeChecker struct {
	tree    *parse.Tree
	err     *limitError
	inRange bool
	depth   int
}

// checkTree refuses what could make a template run away or recurse: ranges
// over anything but a list field of the data (a number, a function's
// result, a variable), a range inside a range, assignments to a variable
// inside a range (a value that grows on each pass), nested templates, calls
// of functions outside allowedFuncs, and nesting deeper than
// maxTemplateDepth. It returns the first problem in source order.
func checkTree(t *parse.Tree) *limitError {
	c := &treeChecker{tree: t}
	c.list(t.Root)
	return c.err
}

func (c *treeChecker) fail(n parse.Node, msg, hint string) {
	if c.err != nil {
		return
	}
	e := &limitError{msg: msg, hint: hint}
	if n != nil {
		loc, _ := c.tree.ErrorContext(n)
		// loc is "name:line:col"; the name may hold colons.
		parts := strings.Split(loc, ":")
		if len(parts) >= 3 {
			fmt.Sscan(parts[len(parts)-2], &e.line)
			fmt.Sscan(parts[len(parts)-1], &e.col)
		}
	}
	c.err = e
}

func (c *treeChecker) list(l *parse.ListNode) {
	if l == nil {
		return
	}
	for _, n := range l.Nodes {
		if c.err != nil {
			return
		}
		c.node(n)
	}
}

func (c *treeChecker) node(n parse.Node) {
	switch n := n.(type) {
	case *parse.TextNode, *parse.CommentNode, *parse.BreakNode, *parse.ContinueNode:
	case *parse.ActionNode:
		c.pipe(n.Pipe)
	case *parse.IfNode:
		c.block(n, &n.BranchNode, c.inRange)
	case *parse.WithNode:
		c.block(n, &n.BranchNode, c.inRange)
	case *parse.RangeNode:
		c.rangeNode(n)
	case *parse.TemplateNode:
		c.fail(n, "the template includes another template with "+code("template"), "write the comment as one template, without "+code("define")+", "+code("block")+" or "+code("template"))
	default:
		c.fail(n, "the template uses an unsupported action", "use only "+code("{{if}}")+", "+code("{{with}}")+", "+code("{{range}}")+" and values")
	}
}

// block checks an if, with or range block: its pipeline, then its body one
// level deeper. An else branch stays at the block's level, so that a chain
// of "else if" does not count as nesting.
func (c *treeChecker) block(n parse.Node, b *parse.BranchNode, bodyInRange bool) {
	c.pipe(b.Pipe)
	if c.depth >= maxTemplateDepth {
		c.fail(n, fmt.Sprintf("blocks nest more than %d deep", maxTemplateDepth), "flatten the template: end a block before starting the next")
		return
	}
	outer := c.inRange
	c.depth++
	c.inRange = bodyInRange
	c.list(b.List)
	c.depth--
	c.inRange = outer
	c.list(b.ElseList)
}

func (c *treeChecker) rangeNode(n *parse.RangeNode) {
	if c.inRange {
		c.fail(n, "a "+code("range")+" inside a "+code("range"), "the data's lists are flat: range over one list at a time")
		return
	}
	if !rangesOverData(n.Pipe) {
		c.fail(n, "the template ranges over "+rangeSubject(n.Pipe), "range only over a list of the data, e.g. "+code("{{range .Checklist}}"))
		return
	}
	c.block(n, &n.BranchNode, true)
}

// rangesOverData reports whether p is exactly one field chain of the data:
// .Field or $.Field.
func rangesOverData(p *parse.PipeNode) bool {
	if len(p.Cmds) != 1 || len(p.Cmds[0].Args) != 1 {
		return false
	}
	switch a := p.Cmds[0].Args[0].(type) {
	case *parse.FieldNode:
		return true
	case *parse.VariableNode:
		return a.Ident[0] == "$" && len(a.Ident) > 1
	}
	return false
}

// rangeSubject names what a refused range iterates over.
func rangeSubject(p *parse.PipeNode) string {
	if len(p.Cmds) != 1 || len(p.Cmds[0].Args) == 0 {
		return "a pipeline"
	}
	switch a := p.Cmds[0].Args[0].(type) {
	case *parse.NumberNode:
		return "a number (" + code(a.Text) + ")"
	case *parse.IdentifierNode:
		return "the result of " + code(a.Ident)
	case *parse.VariableNode:
		return "a variable (" + code(a.String()) + ")"
	case *parse.DotNode:
		return code(".")
	}
	return "a computed value"
}

func (c *treeChecker) pipe(p *parse.PipeNode) {
	if p == nil || c.err != nil {
		return
	}
	if p.IsAssign && c.inRange {
		c.fail(p, "a variable is assigned inside a "+code("range"), "declare it with "+code(":=")+" inside the loop, or assign it outside")
		return
	}
	for _, cmd := range p.Cmds {
		for _, a := range cmd.Args {
			c.arg(a)
		}
	}
}

func (c *treeChecker) arg(n parse.Node) {
	switch n := n.(type) {
	case *parse.IdentifierNode:
		if !allowedFuncs[n.Ident] {
			c.fail(n, "the template calls "+code(n.Ident), "use "+funcList())
		}
	case *parse.PipeNode:
		c.nested(n, func() { c.pipe(n) })
	case *parse.ChainNode:
		c.nested(n, func() { c.arg(n.Node) })
	}
}

// nested checks a parenthesised expression one level deeper.
func (c *treeChecker) nested(n parse.Node, check func()) {
	if c.depth >= maxTemplateDepth {
		c.fail(n, fmt.Sprintf("expressions nest more than %d deep", maxTemplateDepth), "use fewer parentheses, or a variable")
		return
	}
	c.depth++
	check()
	c.depth--
}

// funcList names the allowed functions for a hint.
func funcList() string {
	return "Go's built-in and, or, not, eq, ne, lt, le, gt, ge, len, index, slice, print, printf, println, html, js, urlquery, or " + code("plural")
}
