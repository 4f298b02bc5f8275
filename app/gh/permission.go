package gh

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"time"

	"github.com/google/go-github/v60/github"
	"github.com/rs/zerolog"

	"github.com/mentorbot/mentorbot/app/commands"
	"github.com/mentorbot/mentorbot/app/program"
)

// PermissionTTL is how long a person's role on a repository is reused
// before GitHub is asked again: someone demoted keeps maintainer powers
// for at most this long.
const PermissionTTL = 5 * time.Minute

// maxPermissions bounds the cache: past it, expired entries are dropped,
// then everything (a stranger cannot grow it: only insiders are looked up).
const maxPermissions = 10000

// permCache keeps roles by lower-case "owner/repo/login" for PermissionTTL.
type permCache struct {
	mu   sync.Mutex
	seen map[string]permEntry
	now  func() time.Time
}

type permEntry struct {
	role string
	at   time.Time
}

func newPermCache(now func() time.Time) *permCache {
	return &permCache{seen: map[string]permEntry{}, now: now}
}

func (p *permCache) get(key string) (string, bool) {
	p.mu.Lock()
	defer p.mu.Unlock()
	e, ok := p.seen[key]
	if !ok || p.now().Sub(e.at) >= PermissionTTL {
		return "", false
	}
	return e.role, true
}

func (p *permCache) put(key, role string) {
	p.mu.Lock()
	defer p.mu.Unlock()
	now := p.now()
	if len(p.seen) >= maxPermissions {
		for k, e := range p.seen {
			if now.Sub(e.at) >= PermissionTTL {
				delete(p.seen, k)
			}
		}
		if len(p.seen) >= maxPermissions {
			clear(p.seen)
		}
	}
	p.seen[key] = permEntry{role: role, at: now}
}

// collaboratorPermission is GitHub's answer to
// GET /repos/{owner}/{repo}/collaborators/{username}/permission.
type collaboratorPermission struct {
	Permission string `json:"permission"` // legacy: admin, write, read, none
	RoleName   string `json:"role_name"`  // admin, maintain, write, triage, read, or a custom role
}

// Role returns login's role on the repository (role_name: admin, maintain,
// write, triage, read, none, or a custom role), the base of maintainer
// powers (commands.MaintainerRole). Only an association that may come with
// a role costs a request (commands.MayHoldRole); anyone else is "read"
// without asking. Answers are cached for PermissionTTL; a person GitHub
// does not know (404) has "none".
func (c *Client) Role(ctx context.Context, r program.Repo, login, association string) (string, error) {
	if !commands.MayHoldRole(association) {
		return "read", nil
	}
	key := strings.ToLower(r.Owner + "/" + r.Name + "/" + login)
	if c.perms != nil {
		if role, ok := c.perms.get(key); ok {
			return role, nil
		}
	}
	u := fmt.Sprintf("repos/%s/%s/collaborators/%s/permission", url.PathEscape(r.Owner), url.PathEscape(r.Name), url.PathEscape(login))
	req, err := c.gh.NewRequest(http.MethodGet, u, nil)
	if err != nil {
		return "", err
	}
	var p collaboratorPermission
	_, err = c.gh.Do(ctx, req, &p)
	var er *github.ErrorResponse
	switch {
	case errors.As(err, &er) && er.Response != nil && er.Response.StatusCode == http.StatusNotFound:
		p.RoleName = "none"
	case err != nil:
		return "", fmt.Errorf("read the permission of %s on %s: %w", login, r.FullName(), err)
	case p.RoleName == "":
		p.RoleName = p.Permission // an older server names only the legacy role
	}
	zerolog.Ctx(ctx).Debug().Str("login", login).Str("role", p.RoleName).Msg("Looked up a role on the repository")
	if c.perms != nil {
		c.perms.put(key, p.RoleName)
	}
	return p.RoleName, nil
}
