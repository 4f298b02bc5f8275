// Package mentorbot holds files that belong to the repository as a whole.
package mentorbot

import _ "embed"

// Manifest is app.yml, the GitHub App manifest that `mentorbot setup`
// registers the app from.
//
//go:embed app.yml
var Manifest []byte
