package ghemu

import (
	"maps"
	"net/http"
	"strings"
)

// SetInstallationPermissions sets what an installation has granted, as when
// the account has not accepted a permission the app asks for (nil: all of
// the app's permissions). Tokens minted afterwards carry these; a request
// a token's permissions do not allow is answered as GitHub does: 403
// "Resource not accessible by integration" with X-Accepted-GitHub-Permissions,
// or GraphQL FORBIDDEN.
func (e *Emulator) SetInstallationPermissions(id int64, perms map[string]string) {
	defer e.lock()()
	in := e.st.installations[id]
	if in == nil {
		panic("ghemu: no installation")
	}
	in.permissions = maps.Clone(perms)
	for _, t := range e.st.tokens {
		if t.installationID == id {
			t.permissions = granted(in)
		}
	}
}

// granted is what an installation's tokens may do.
func granted(in *installation) map[string]string {
	if in.permissions != nil {
		return maps.Clone(in.permissions)
	}
	return appPermissions
}

// accepted lists the permissions GitHub accepts for a REST request, any one
// of them sufficing ("issues=write"); none: metadata, always granted.
func (e *Emulator) accepted(q *req) []string {
	level := "read"
	if q.r.Method != http.MethodGet && q.r.Method != http.MethodHead {
		level = "write"
	}
	p := q.path
	switch {
	case strings.HasPrefix(p, "/orgs/") && (strings.Contains(p, "/members/") || strings.Contains(p, "/teams/")):
		return []string{"members=read"}
	case !strings.HasPrefix(p, "/repos/"):
		return nil
	case strings.Contains(p, "/contents/"):
		return []string{"contents=" + level}
	case strings.Contains(p, "/requested_reviewers") || strings.Contains(p, "/pulls/") && level == "write":
		return []string{"pull_requests=" + level}
	case strings.Contains(p, "/pulls"):
		return []string{"pull_requests=read"}
	case strings.Contains(p, "/issues"):
		// Comments, labels and assignees of a pull request go through the
		// issues API, where pull_requests does as well as issues.
		return []string{"issues=" + level, "pull_requests=" + level}
	}
	return nil
}

// permitted checks a REST request against its token's permissions.
func (e *Emulator) permitted(q *req) (reply, bool) {
	t := q.caller.tok
	if t == nil || t.permissions == nil {
		return reply{}, true
	}
	need := e.accepted(q)
	for _, a := range need {
		name, level, _ := strings.Cut(a, "=")
		if permissionRank[t.permissions[name]] >= permissionRank[level] {
			return reply{}, true
		}
	}
	if len(need) == 0 {
		return reply{}, true
	}
	return errorReply(http.StatusForbidden, "Resource not accessible by integration").
		with("X-Accepted-GitHub-Permissions", strings.Join(need, "; ")), false
}
