// Package repoconfig holds a repository's mentorship configuration,
// `.github/mentorship.yml`: its types, strict parsing, validation with line
// numbers and fix hints, the defaults of every key, and the comment
// templates (welcome and good-first-issue guide) with their defaults.
//
// Parse is the single entry point for file contents. It reports every
// problem of a file at once as Problems; FormatProblems gives the text that
// `mentorbot check` prints and MarkdownProblems the list the bot posts on a
// pull request that changed the file. Default returns the configuration of
// an empty file.
//
// A key that is absent gets its default; a key that is present keeps its
// value, so `label: ""` means "no label" while a missing `label` means the
// default label. A key written with no value (`label:` or `label: ~`) counts
// as absent.
//
// Templates are written by repository owners and by anyone who proposes a
// change to the file, and they are executed when the file is checked, so
// they cannot run away: the parse tree is checked first (templatelimits.go)
// and execution runs under a budget of function calls, text, output and
// time (templateexec.go), both when a file is checked and when a comment is
// rendered.
//
// The package is pure: no network, no storage. It embeds the IANA time-zone
// database (time/tzdata) so mentor time zones load in minimal containers.
package repoconfig

import _ "time/tzdata" // mentor time zones must load without a system zoneinfo
