package repoconfig

import (
	"regexp"
	"strconv"
	"strings"
)

// teamSlug is GitHub's team slug: lower-case letters, digits, "-" and "_".
var teamSlug = regexp.MustCompile(`^[a-z0-9][a-z0-9_-]*$`)

// mentorTeams checks `mentor_teams`: each entry "org/team-slug", once.
func (v *validator) mentorTeams() {
	seen := map[string]bool{}
	for j, t := range v.c.MentorTeams {
		p := "mentor_teams[" + strconv.Itoa(j) + "]"
		org, slug, found := strings.Cut(strings.TrimPrefix(t, "@"), "/")
		switch {
		case strings.HasPrefix(t, "@"):
			v.add(p, code(t)+" starts with @", "write the team without it: "+code(t[1:]))
		case !found:
			v.add(p, code(t)+" is not a team", "write the organization and the team's slug, e.g. "+code("acme/mentors"))
		case !validLogin(org):
			v.add(p, code(org)+" is not a valid organization", "write the organization as in its URL, e.g. "+code("acme/mentors"))
		case !teamSlug.MatchString(slug):
			v.add(p, code(slug)+" is not a team slug", "use the slug from the team's URL: lower case, hyphens for spaces, e.g. "+code(org+"/"+slugify(slug)))
		case seen[strings.ToLower(t)]:
			v.add(p, code(t)+" is listed twice", "remove one of them")
		}
		seen[strings.ToLower(t)] = true
	}
}

func slugify(s string) string {
	return strings.Trim(strings.Map(func(r rune) rune {
		switch {
		case r >= 'a' && r <= 'z', r >= '0' && r <= '9', r == '-', r == '_':
			return r
		case r >= 'A' && r <= 'Z':
			return r - 'A' + 'a'
		}
		return '-'
	}, s), "-")
}

// Team splits an entry of MentorTeams into organization and slug.
func Team(entry string) (org, slug string) {
	org, slug, _ = strings.Cut(entry, "/")
	return org, slug
}
