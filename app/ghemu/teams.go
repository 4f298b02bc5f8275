package ghemu

import (
	"fmt"
	"strings"
	"time"
)

// AddTeam creates team slug in org, or replaces its members, which become
// members of org too. Members are listed in the order given.
func (e *Emulator) AddTeam(org, slug string, members ...string) {
	defer e.lock()()
	o := e.st.account(org)
	if o == nil || o.typ != typeOrg {
		panic(fmt.Sprintf("ghemu: no organization %s", org))
	}
	if o.teams == nil {
		o.teams = map[string][]string{}
	}
	logins := make([]string, 0, len(members))
	for _, m := range members {
		a := e.user(m)
		o.members[strings.ToLower(a.login)] = true
		logins = append(logins, a.login)
	}
	o.teams[strings.ToLower(slug)] = logins
}

// listTeamMembers answers GET /orgs/{org}/teams/{team_slug}/members, one
// page at a time; only the installation on org may read its teams.
func (e *Emulator) listTeamMembers(q *req) reply {
	o := e.st.account(q.params["org"])
	if o == nil || o.typ != typeOrg || q.caller.inst.account != o {
		return notFound()
	}
	members, found := o.teams[strings.ToLower(q.params["slug"])]
	if !found {
		return notFound()
	}
	return list(e, q, e.usersJSON(members))
}

// userStatus is a user's profile status.
type userStatus struct {
	message   string
	busy      bool      // indicatesLimitedAvailability
	expiresAt time.Time // zero: does not expire
}

// SetUserStatus sets login's status; busy is GitHub's "Busy" (limited
// availability). A zero expiresAt never expires.
func (e *Emulator) SetUserStatus(login, message string, busy bool, expiresAt time.Time) {
	defer e.lock()()
	e.user(login).status = &userStatus{message: message, busy: busy, expiresAt: expiresAt}
}

// ClearUserStatus removes login's status.
func (e *Emulator) ClearUserStatus(login string) {
	defer e.lock()()
	e.user(login).status = nil
}
