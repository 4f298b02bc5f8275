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

// Resolve returns cfg with the roster resolved, or cfg itself when it
// names no team and does not read CODEOWNERS.
func Resolve(ctx context.Context, src Source, owner, repo string, cfg *repoconfig.Config) (*repoconfig.Config, error) {
	if len(cfg.MentorTeams) == 0 && !cfg.AreasFromCodeowners {
		return cfg, nil
	}
	teams := make([][]string, 0, len(cfg.MentorTeams))
	for _, t := range cfg.MentorTeams {
		org, slug := repoconfig.Team(t)
		members, err := src.TeamMembers(ctx, org, slug)
		if err != nil {
			return nil, fmt.Errorf("members of %s: %w", t, err)
		}
		teams = append(teams, members)
	}
	var owners []Rule
	if cfg.AreasFromCodeowners {
		for _, p := range CodeOwnersPaths {
			data, found, err := src.File(ctx, owner, repo, p)
			if err != nil {
				return nil, fmt.Errorf("read %s: %w", p, err)
			}
			if found {
				owners = ParseCodeOwners(data)
				break
			}
		}
	}
	return Merge(cfg, teams, owners), nil
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
