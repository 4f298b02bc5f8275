// Package commands reads the comment commands listed in the README's "Comment commands"
// (/mentor, /claim, /kudos, ...) out of a comment body, tells plain-language
// requests to take an issue apart from other talk, and decides who may use
// which command. Everything here is pure: values in, values out.
//
// A command is a line that starts with "/" and a command word, after
// leading spaces. Only text that GitHub renders as ordinary prose counts:
// lines in fenced or indented code, in block quotes (also the lazy
// continuation lines GitHub shows inside the quote), in HTML blocks and
// comments, and inside code spans are never commands. The Markdown
// structure is CommonMark, as parsed by goldmark.
package commands
