package commands

import (
	"sort"
	"strings"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/text"
)

// markdown parses comment bodies; goldmark's parsers keep no state between
// calls, so one serves every goroutine.
var markdown = goldmark.New().Parser()

// span is a byte range [start, stop) of a comment body; brk marks text
// that a line break follows.
type span struct {
	start, stop int
	brk         bool
}

// block is the prose of one paragraph or heading: its text pieces in order.
type block []span

// prose is the text of a body that GitHub shows as ordinary prose: not in
// code, block quotes or HTML.
type prose struct {
	src    []byte
	blocks []block
	pieces []span // every piece of every block, in order
}

// readProse parses body and keeps its prose.
func readProse(body string) prose {
	p := prose{src: []byte(body)}
	doc := markdown.Parse(text.NewReader(p.src))
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n.Kind() {
		case ast.KindBlockquote, ast.KindCodeSpan, ast.KindRawHTML, ast.KindHTMLBlock,
			ast.KindCodeBlock, ast.KindFencedCodeBlock:
			return ast.WalkSkipChildren, nil
		case ast.KindParagraph, ast.KindTextBlock, ast.KindHeading:
			p.blocks = append(p.blocks, nil)
		case ast.KindText:
			if len(p.blocks) > 0 {
				t := n.(*ast.Text)
				s := span{t.Segment.Start, t.Segment.Stop, t.SoftLineBreak() || t.HardLineBreak()}
				p.blocks[len(p.blocks)-1] = append(p.blocks[len(p.blocks)-1], s)
				p.pieces = append(p.pieces, s)
			}
		}
		return ast.WalkContinue, nil
	})
	sort.Slice(p.pieces, func(i, j int) bool { return p.pieces[i].start < p.pieces[j].start })
	return p
}

// isProse reports whether the byte at offset off is prose.
func (p prose) isProse(off int) bool {
	i := sort.Search(len(p.pieces), func(i int) bool { return p.pieces[i].stop > off })
	return i < len(p.pieces) && p.pieces[i].start <= off
}

// paragraphs returns the prose of each block as one string, with a space
// for each line break.
func (p prose) paragraphs() []string {
	out := make([]string, 0, len(p.blocks))
	for _, b := range p.blocks {
		var sb strings.Builder
		for _, s := range b {
			sb.Write(p.src[s.start:s.stop])
			if s.brk {
				sb.WriteByte(' ')
			}
		}
		out = append(out, sb.String())
	}
	return out
}
