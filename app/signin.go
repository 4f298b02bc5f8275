package app

import "net/http"

// signIn is "Sign in with GitHub" for the dashboard.
type signIn struct{}

// sessionData is what a signed-in person's cookie carries.
type sessionData struct {
	Login string
	Repos []string // lower case owner/name of private repositories they can read
}

// session reads the visitor's session; false when there is none.
func (s *signIn) session(r *http.Request) (sessionData, bool) { return sessionData{}, false }
