package commands

import (
	"strings"
	"testing"
)

// A typical comment: some prose, a quote, a code block and two commands.
const typicalComment = `Thanks for the quick review!

> Could you add a test for the empty case?

Done in the latest push:

` + "```go\nfunc TestEmpty(t *testing.T) {}\n```" + `

/kudos @octocat for the patient review
/mentor back
`

func BenchmarkParse(b *testing.B) {
	b.SetBytes(int64(len(typicalComment)))
	for b.Loop() {
		Parse(typicalComment)
	}
}

// BenchmarkParseNoCommand: most comments hold no command; Parse skips the
// Markdown parse for them.
func BenchmarkParseNoCommand(b *testing.B) {
	body := strings.ReplaceAll(typicalComment, "\n/", "\nx")
	b.SetBytes(int64(len(body)))
	for b.Loop() {
		Parse(body)
	}
}

// BenchmarkParseLarge is a comment at GitHub's size limit (65536
// characters) with a command on every other line.
func BenchmarkParseLarge(b *testing.B) {
	body := strings.Repeat("Some words about `code` and a *point*.\n/claim\n", 65536/46)
	b.SetBytes(int64(len(body)))
	for b.Loop() {
		Parse(body)
	}
}

func BenchmarkClaimIntent(b *testing.B) {
	body := "Hi! I'm new here. Is anyone working on this? If not, I'd love to pick it up."
	b.SetBytes(int64(len(body)))
	for b.Loop() {
		ClaimIntent(body)
	}
}

func BenchmarkClaimIntentLarge(b *testing.B) {
	body := strings.Repeat("I think the build fails on Windows, but I am not sure why. ", 65536/59)
	b.SetBytes(int64(len(body)))
	for b.Loop() {
		ClaimIntent(body)
	}
}

// BenchmarkParseAdversarial is the slowest input found: a comment at
// GitHub's size limit that nests 65536 block quotes, for which goldmark's
// work grows with the square of the depth.
func BenchmarkParseAdversarial(b *testing.B) {
	body := strings.Repeat(">", 65536-7) + "\n/claim"
	b.SetBytes(int64(len(body)))
	for b.Loop() {
		Parse(body)
	}
}
