package dashboard

import (
	"net/http"
	"slices"
	"strings"

	"github.com/mentorbot/mentorbot/app/figures"
)

// Access is what one visitor may see: every repository, or only those
// named. Nothing of a repository outside it (its name, its issues'
// titles, its contributors) reaches the page.
type Access struct {
	// All shows every repository (dashboard.access: public).
	All bool
	// Repos are the lower case owner/name the visitor may see: the public
	// ones and, once signed in, the private ones they can read on GitHub.
	Repos map[string]bool
	// Login is the signed-in person; "" for an anonymous visitor.
	Login string
	// SignIn offers "Sign in with GitHub" (and "Log out" once signed in).
	SignIn bool
}

// Allows tells whether the visitor may see the repository.
func (a Access) Allows(repo string) bool {
	return a.All || a.Repos[strings.ToLower(repo)]
}

// allowsOwner tells whether the visitor may see at least one of the
// owner's repositories: owner-wide figures (mentors, claim and office
// hours records) are shown only then.
func (a Access) allowsOwner(owner string) bool {
	if a.All {
		return true
	}
	prefix := strings.ToLower(owner) + "/"
	for r := range a.Repos {
		if strings.HasPrefix(r, prefix) {
			return true
		}
	}
	return false
}

// AccessFunc tells what the visitor of a request may see.
type AccessFunc func(r *http.Request) (Access, error)

// filter drops every record of a repository the visitor may not see.
func filter(d figures.Data, a Access) figures.Data {
	if a.All {
		return d
	}
	owners := map[string]bool{}
	ownerOK := func(o string) bool {
		ok, seen := owners[o]
		if !seen {
			ok = a.allowsOwner(o)
			owners[o] = ok
		}
		return ok
	}
	d.Items = keep(d.Items, func(x figures.Item) bool { return a.Allows(x.Repo) })
	d.Newcomers = keep(d.Newcomers, func(x figures.Newcomer) bool { return a.Allows(x.Repo) })
	d.Assignments = keep(d.Assignments, func(x figures.Assignment) bool { return a.Allows(x.Repo) })
	d.Open = keep(d.Open, func(x figures.Mentorship) bool { return a.Allows(x.Repo) })
	d.Claims = keep(d.Claims, func(x figures.Claim) bool { return a.Allows(x.Repo) })
	d.Steps = keep(d.Steps, func(x figures.Step) bool { return a.Allows(x.Repo) })
	d.Posts = keep(d.Posts, func(x figures.Post) bool {
		target := figures.TargetRepo(x.Target) // "owner/repo#series" for a series other than office hours
		return (x.Repo == "" || a.Allows(x.Repo)) && (target == "" || a.Allows(target))
	})
	d.Mentors = keep(d.Mentors, func(x figures.Mentor) bool { return ownerOK(x.Owner) })
	d.ClaimOwners = keep(d.ClaimOwners, ownerOK)
	d.HoursOwners = keep(d.HoursOwners, ownerOK)
	return d
}

// keep returns the elements ok accepts, in a new slice (the source's
// data may be shared).
func keep[T any](xs []T, ok func(T) bool) []T {
	out := make([]T, 0, len(xs))
	for _, x := range xs {
		if ok(x) {
			out = append(out, x)
		}
	}
	return slices.Clip(out)
}
