package ghemu

// GET /repos/{owner}/{repo}/collaborators/{username}/permission, as GitHub
// answers it: the highest role from every grant in role_name (admin,
// maintain, write, triage, read, none), its legacy base in permission
// (maintain → write, triage → read), and the user with their permissions.

// repoRole is login's role on r as the permission API reports it: the
// grants of permission (owner, collaborators incl. outside collaborators,
// organization members), and on a public repository at least read for
// anyone, as everyone can read it.
func repoRole(r *repoState, login string) string {
	role := permission(r, login)
	if role == "none" && !r.Private {
		return "read"
	}
	return role
}

// collaboratorPermission answers the permission API: 404 for an unknown
// repository or user, else 200 with the role ("none" for someone with no
// access to a private repository).
func (e *Emulator) collaboratorPermission(q *req) reply {
	r, found := e.scopedRepo(q)
	if !found {
		return notFound()
	}
	a := e.st.account(q.params["user"])
	if a == nil {
		return notFound()
	}
	role := repoRole(r, a.login)
	return ok(map[string]any{
		"permission": legacyPermission(role),
		"role_name":  role,
		"user":       e.collaboratorJSON(a, role),
	})
}

// collaboratorJSON is a user as the collaborator schema has them: the
// user's fields, their permissions and role_name.
func (e *Emulator) collaboratorJSON(a *account, role string) map[string]any {
	u := e.userJSON(a)
	rank := map[string]int{"none": 0, "read": 1, "triage": 2, "write": 3, "maintain": 4, "admin": 5}[role]
	return map[string]any{
		"login": u.GetLogin(), "id": u.GetID(), "node_id": u.GetNodeID(),
		"avatar_url": u.GetAvatarURL(), "gravatar_id": u.GetGravatarID(), "url": u.GetURL(),
		"html_url": u.GetHTMLURL(), "followers_url": u.GetFollowersURL(), "following_url": u.GetFollowingURL(),
		"gists_url": u.GetGistsURL(), "starred_url": u.GetStarredURL(), "subscriptions_url": u.GetSubscriptionsURL(),
		"organizations_url": u.GetOrganizationsURL(), "repos_url": u.GetReposURL(), "events_url": u.GetEventsURL(),
		"received_events_url": u.GetReceivedEventsURL(), "type": u.GetType(), "site_admin": u.GetSiteAdmin(),
		"role_name": role,
		"permissions": map[string]bool{
			"pull": rank >= 1, "triage": rank >= 2, "push": rank >= 3, "maintain": rank >= 4, "admin": rank >= 5,
		},
	}
}
