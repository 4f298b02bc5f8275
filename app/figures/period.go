// Package figures computes the program figures the README lists under "Is it working?" (time
// to first response, mentor load and fairness, newcomer retention,
// progression, first pull request outcomes, claims, office hours) from
// records the store loads. Everything here is a pure function of values:
// the dashboard, `mentorbot report` and the recaps share it.
package figures

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Day is 24 hours; periods and windows are counted in days.
const Day = 24 * time.Hour

// RetentionWindow is how soon a second contribution must follow a
// first-timer's first one to count as retention.
const RetentionWindow = 90 * Day

// Period is the half-open time range [Since, Until).
type Period struct {
	Since time.Time `json:"since"`
	Until time.Time `json:"until"`
}

// Last is the period of the given length that ends at until.
func Last(until time.Time, length time.Duration) Period {
	return Period{Since: until.Add(-length), Until: until}
}

// Contains tells whether t falls in the period.
func (p Period) Contains(t time.Time) bool {
	return !t.IsZero() && !t.Before(p.Since) && t.Before(p.Until)
}

// Length is how long the period lasts.
func (p Period) Length() time.Duration { return p.Until.Sub(p.Since) }

// Previous is the period of the same length just before p, for trends.
func (p Period) Previous() Period { return Period{Since: p.Since.Add(-p.Length()), Until: p.Since} }

// RetentionCohort is the period in which the first-timers counted for p's
// retention made their first contribution: those whose 90-day window
// closed during p, so that every one of them had the full window.
func (p Period) RetentionCohort() Period {
	return Period{Since: p.Since.Add(-RetentionWindow), Until: p.Until.Add(-RetentionWindow)}
}

// Range is what the store has to load to compute a period, its previous
// period (for trends) and the monthly retention cohorts ending at Until.
type Range struct {
	// ItemsSince bounds first-timer contributions, assignments, claims and
	// office-hours sessions: [ItemsSince, Until).
	ItemsSince time.Time
	// NewcomersSince bounds first-timers' first contributions.
	NewcomersSince time.Time
	Until          time.Time
}

// Needs returns the range of records needed for p, its previous period
// and `months` monthly cohorts.
func Needs(p Period, months int) Range {
	prev := p.Previous()
	newcomers := prev.RetentionCohort().Since
	if start := CohortStart(p.Until, months); start.Before(newcomers) {
		newcomers = start
	}
	return Range{ItemsSince: prev.Since, NewcomersSince: newcomers, Until: p.Until}
}

// Scope selects whose figures: every owner (both fields empty), one owner,
// or one repository ("owner/name").
type Scope struct {
	Owner string `json:"owner,omitempty"`
	Repo  string `json:"repository,omitempty"`
}

// Scope kinds, as Kind names them.
const (
	ScopeAll        = "all"
	ScopeOwner      = "owner"
	ScopeRepository = "repository"
)

// RepoScope is the scope of one repository.
func RepoScope(repo string) Scope { return Scope{Owner: OwnerOf(repo), Repo: repo} }

// Kind tells all, owner or repository.
func (s Scope) Kind() string {
	switch {
	case s.Repo != "":
		return ScopeRepository
	case s.Owner != "":
		return ScopeOwner
	default:
		return ScopeAll
	}
}

// String names the scope: "all", the owner, or the repository.
func (s Scope) String() string {
	switch s.Kind() {
	case ScopeRepository:
		return s.Repo
	case ScopeOwner:
		return s.Owner
	default:
		return ScopeAll
	}
}

// Includes tells whether the repository ("owner/name") is in the scope.
// Owners and repositories compare without regard to case, as on GitHub.
func (s Scope) Includes(repo string) bool {
	switch s.Kind() {
	case ScopeRepository:
		return strings.EqualFold(s.Repo, repo)
	case ScopeOwner:
		return strings.EqualFold(s.Owner, OwnerOf(repo))
	default:
		return true
	}
}

// IncludesOwner tells whether an owner-wide record belongs to the scope;
// owner-wide records (a mentor's away flag) belong to no single repository.
func (s Scope) IncludesOwner(owner string) bool {
	return s.Kind() == ScopeAll || (s.Kind() == ScopeOwner && strings.EqualFold(s.Owner, owner))
}

// OwnerOf is the owner part of "owner/name".
func OwnerOf(repo string) string {
	owner, _, _ := strings.Cut(repo, "/")
	return owner
}

// ParseDuration reads a period length: a Go duration ("36h", "90m",
// "1h30m") where whole days ("30d") and weeks ("2w") may stand too, alone
// or in front ("1w3d", "2d12h"). "m" is minutes, as in Go. It must be
// positive.
func ParseDuration(in string) (time.Duration, error) {
	s := strings.TrimSpace(in)
	bad := func() (time.Duration, error) {
		return 0, fmt.Errorf("%q is not a duration such as 30d, 2w or 36h (d days, w weeks, h hours, m minutes)", in)
	}
	var total time.Duration
	for s != "" {
		i := strings.IndexFunc(s, func(r rune) bool { return (r < '0' || r > '9') && r != '.' })
		if i <= 0 {
			return bad()
		}
		j := strings.IndexFunc(s[i:], func(r rune) bool { return r >= '0' && r <= '9' })
		if j < 0 {
			j = len(s) - i
		}
		num, unit := s[:i], s[i:i+j]
		s = s[i+j:]
		switch unit {
		case "d", "w":
			n, err := strconv.Atoi(num)
			if err != nil {
				return 0, fmt.Errorf("%q: days and weeks are whole numbers, such as 30d or 2w", in)
			}
			if unit == "w" {
				n *= 7
			}
			total += time.Duration(n) * Day
		default:
			d, err := time.ParseDuration(num + unit)
			if err != nil {
				return bad()
			}
			total += d
		}
	}
	if total <= 0 {
		return bad()
	}
	return total, nil
}
