package ghemu

import (
	"fmt"
	"strings"
	"time"

	"github.com/vektah/gqlparser/v2/ast"
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

// user answers Query.user: a person's account (not a bot or organization).
func (x *execution) user(login string) (any, error) {
	a := x.e.st.account(login)
	if a == nil || a.typ != typeUser {
		return nil, newFieldErr("NOT_FOUND", "Could not resolve to a User with the login of '%s'.", login)
	}
	return gqlActor{a: a}, nil
}

// userStatus answers User.status: nil when none is set or it has expired.
func (x *execution) userStatus(a *account) any {
	s := a.status
	if s == nil || !s.expiresAt.IsZero() && !s.expiresAt.After(x.e.now()) {
		return nil
	}
	return gqlUserStatus{s: s}
}

type gqlUserStatus struct{ s *userStatus }

func (gqlUserStatus) typeName() string { return "UserStatus" }

func (g gqlUserStatus) field(_ *execution, f *ast.Field, _ map[string]any) (any, error) {
	switch f.Name {
	case "indicatesLimitedAvailability":
		return g.s.busy, nil
	case "message":
		return g.s.message, nil
	case "expiresAt":
		if g.s.expiresAt.IsZero() {
			return nil, nil
		}
		return g.s.expiresAt.UTC().Format(time.RFC3339), nil
	}
	return nil, unsupported("UserStatus", f.Name)
}
