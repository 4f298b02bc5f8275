// Package roster resolves the mentors of a repository: the logins listed in
// mentorship.yml, the members of its mentor_teams and, with
// areas_from_codeowners, the owners in CODEOWNERS. Merge is pure; Resolve
// makes the GitHub calls through a narrow interface.
package roster

import (
	"context"
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/mentorbot/mentorbot/app/repoconfig"
)

// CodeOwnersPaths are where GitHub looks for CODEOWNERS, in its order; the
// first found is used.
var CodeOwnersPaths = []string{".github/CODEOWNERS", "CODEOWNERS", "docs/CODEOWNERS"}

// Source is the GitHub the roster needs.
type Source interface {
	// TeamMembers lists the logins of a team's members (all pages).
	TeamMembers(ctx context.Context, org, slug string) ([]string, error)
	// File reads a file of the repository's default branch; found is false
	// when there is none.
	File(ctx context.Context, owner, repo, path string) (content []byte, found bool, err error)
}

// MaxCodeOwnerTeams bounds the distinct teams of a CODEOWNERS file whose
// members are listed (one cached listing each); owners past it are left out.
const MaxCodeOwnerTeams = 20

// Resolve returns cfg with the roster resolved, or cfg itself when it
// names no team and does not read CODEOWNERS. A team that owns a path in
// CODEOWNERS (@org/team) counts as its members, through the same team
// listing as mentor_teams.
func Resolve(ctx context.Context, src Source, owner, repo string, cfg *repoconfig.Config) (*repoconfig.Config, error) {
	g, err := gather(ctx, src, owner, repo, cfg)
	if err != nil || g == nil {
		return cfg, err
	}
	return Merge(cfg, g.teams, g.owners), nil
}

// gathered is what the roster is made of, as read from GitHub.
type gathered struct {
	teams   [][]string // members of each of cfg.MentorTeams, in order
	rules   []Rule     // CODEOWNERS rules as written
	owners  []Rule     // the same, team owners expanded into Users
	path    string     // the CODEOWNERS file read; "" for none
	members map[string][]string
}

// gather reads the teams and CODEOWNERS; nil when there is nothing to read.
func gather(ctx context.Context, src Source, owner, repo string, cfg *repoconfig.Config) (*gathered, error) {
	if len(cfg.MentorTeams) == 0 && !cfg.AreasFromCodeowners {
		return nil, nil
	}
	g := &gathered{members: map[string][]string{}}
	list := func(team string) ([]string, error) {
		k := strings.ToLower(team)
		if m, ok := g.members[k]; ok {
			return m, nil
		}
		org, slug := repoconfig.Team(team)
		members, err := src.TeamMembers(ctx, org, slug)
		if err != nil {
			return nil, fmt.Errorf("members of %s: %w", team, err)
		}
		g.members[k] = members
		return members, nil
	}
	for _, t := range cfg.MentorTeams {
		members, err := list(t)
		if err != nil {
			return nil, err
		}
		g.teams = append(g.teams, members)
	}
	if !cfg.AreasFromCodeowners {
		return g, nil
	}
	for _, p := range CodeOwnersPaths {
		data, found, err := src.File(ctx, owner, repo, p)
		if err != nil {
			return nil, fmt.Errorf("read %s: %w", p, err)
		}
		if found {
			g.rules, g.path = ParseCodeOwners(data), p
			g.owners = slices.Clone(g.rules)
			break
		}
	}
	seen := map[string]bool{}
	for i, r := range g.owners {
		users := slices.Clone(r.Users)
		for _, t := range r.Teams {
			if k := strings.ToLower(t); !seen[k] {
				if len(seen) == MaxCodeOwnerTeams {
					continue
				}
				seen[k] = true
			}
			members, err := list(t)
			if err != nil {
				return nil, err
			}
			users = append(users, members...)
		}
		g.owners[i].Users = users
	}
	return g, nil
}

// Merge returns a copy of cfg whose Mentors are the listed mentors, then the
// members of each team in turn, then the remaining code owners, each login
// once (case-insensitively). A listed mentor keeps their own settings; the
// others get the defaults. Each CODEOWNERS pattern with a person as owner
// becomes an area named after the pattern (unless cfg defines that name),
// and its owners mentor it, listed mentors included.
func Merge(cfg *repoconfig.Config, teams [][]string, owners []Rule) *repoconfig.Config {
	out := *cfg
	out.Mentors = slices.Clone(cfg.Mentors)
	out.Areas = maps.Clone(cfg.Areas)
	if out.Areas == nil {
		out.Areas = map[string]repoconfig.Area{}
	}
	index := map[string]int{}
	for i, m := range out.Mentors {
		index[strings.ToLower(m.Login)] = i
	}
	add := func(login string) int {
		k := strings.ToLower(login)
		if i, ok := index[k]; ok {
			return i
		}
		out.Mentors = append(out.Mentors, defaultMentor(login))
		index[k] = len(out.Mentors) - 1
		return index[k]
	}
	for _, members := range teams {
		for _, l := range members {
			add(l)
		}
	}
	for _, r := range owners {
		if len(r.Users) == 0 {
			continue
		}
		if _, defined := cfg.Areas[r.Pattern]; !defined {
			out.Areas[r.Pattern] = repoconfig.Area{Paths: r.Globs()}
		}
		for _, u := range r.Users {
			i := add(u)
			m := &out.Mentors[i]
			if !slices.Contains(m.Areas, r.Pattern) {
				m.Areas = append(slices.Clip(m.Areas), r.Pattern)
			}
		}
	}
	return &out
}

func defaultMentor(login string) repoconfig.Mentor {
	return repoconfig.Mentor{
		Login:    login,
		Timezone: repoconfig.DefaultTimezone,
		Capacity: repoconfig.DefaultCapacity,
		Hours:    slices.Clone(repoconfig.DefaultHours),
	}
}

// Origin says where a mentor of the resolved roster comes from: "listed in
// mentorship.yml", "team org/team", or "PATH PATTERN" of CODEOWNERS (with
// "(team org/team)" when through a team), in that order.
type Origin struct {
	Login string
	From  []string
}

// Describe resolves the roster as Resolve does and says where each of its
// mentors comes from, in the roster's order (for `mentorbot check --online`).
func Describe(ctx context.Context, src Source, owner, repo string, cfg *repoconfig.Config) (*repoconfig.Config, []Origin, error) {
	g, err := gather(ctx, src, owner, repo, cfg)
	if err != nil {
		return nil, nil, err
	}
	out := cfg
	if g != nil {
		out = Merge(cfg, g.teams, g.owners)
	} else {
		g = &gathered{members: map[string][]string{}}
	}
	from := map[string][]string{}
	note := func(login, s string) {
		k := strings.ToLower(login)
		if !slices.Contains(from[k], s) {
			from[k] = append(from[k], s)
		}
	}
	for _, m := range cfg.Mentors {
		note(m.Login, "listed in mentorship.yml")
	}
	for i, members := range g.teams {
		for _, l := range members {
			note(l, "team "+cfg.MentorTeams[i])
		}
	}
	for _, r := range g.rules {
		where := g.path + " " + r.Pattern
		for _, u := range r.Users {
			note(u, where)
		}
		for _, t := range r.Teams {
			for _, u := range g.members[strings.ToLower(t)] {
				note(u, where+" (team "+t+")")
			}
		}
	}
	origins := make([]Origin, 0, len(out.Mentors))
	for _, m := range out.Mentors {
		origins = append(origins, Origin{Login: m.Login, From: from[strings.ToLower(m.Login)]})
	}
	return out, origins, nil
}
