// Package handlers holds one type per GitHub event. Each Handle parses the
// payload, filters the action, gets an installation client, loads the
// repository's configuration and hands over to domain code.
package handlers

import (
	"fmt"

	"github.com/palantir/go-githubapp/githubapp"

	"github.com/mentorbot/mentorbot/queue"
	"github.com/mentorbot/mentorbot/store"
)

// Base is what every handler shares.
type Base struct {
	githubapp.ClientCreator
	Store *store.DB
}

// All returns the handlers of every event the app acts on; app.yml's
// default_events must list each event they handle.
func All(b Base) []githubapp.EventHandler {
	return []githubapp.EventHandler{
		&Installation{Base: b},
		&InstallationRepositories{Base: b},
		&Ping{},
	}
}

// decodeError marks a payload that will never parse: retrying cannot help.
func decodeError(event string, err error) error {
	return queue.Permanent(fmt.Errorf("parse %s payload: %w", event, err))
}
