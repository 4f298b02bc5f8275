package figures

import (
	"cmp"
	"slices"
	"strings"
)

// Scopes lists the scopes the data has records for: each owner followed by
// its repositories, owners and repositories in alphabetical order.
func Scopes(d Data) []Scope {
	repos := map[string]string{} // lower-case name → name as recorded
	add := func(repo string) {
		if repo != "" {
			repos[strings.ToLower(repo)] = repo
		}
	}
	for _, x := range d.Items {
		add(x.Repo)
	}
	for _, x := range d.Newcomers {
		add(x.Repo)
	}
	for _, x := range d.Assignments {
		add(x.Repo)
	}
	for _, x := range d.Open {
		add(x.Repo)
	}
	for _, x := range d.Claims {
		add(x.Repo)
	}
	names := make([]string, 0, len(repos))
	for _, r := range repos {
		names = append(names, r)
	}
	slices.SortFunc(names, func(a, b string) int {
		return cmp.Or(cmp.Compare(strings.ToLower(OwnerOf(a)), strings.ToLower(OwnerOf(b))), cmp.Compare(strings.ToLower(a), strings.ToLower(b)))
	})
	var out []Scope
	for i, r := range names {
		if i == 0 || !strings.EqualFold(OwnerOf(names[i-1]), OwnerOf(r)) {
			out = append(out, Scope{Owner: OwnerOf(r)})
		}
		out = append(out, RepoScope(r))
	}
	return out
}
