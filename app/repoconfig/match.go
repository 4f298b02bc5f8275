package repoconfig

import (
	"slices"
	"strings"
	"time"

	"github.com/bmatcuk/doublestar/v4"
)

// Zone is the mentor's time zone; UTC when Location is unset.
func (m Mentor) Zone() *time.Location {
	if m.Location == nil {
		return time.UTC
	}
	return m.Location
}

// Back is when the mentor is back from away_until: the start of that day
// in the mentor's zone; the zero time when AwayUntil is unset.
func (m Mentor) Back() time.Time {
	if m.AwayUntil.IsZero() {
		return time.Time{}
	}
	return m.AwayUntil.In(m.Zone())
}

// AwayOn reports whether the mentor is away at t, i.e. t is before Back.
func (m Mentor) AwayOn(t time.Time) bool {
	return !m.AwayUntil.IsZero() && t.Before(m.Back())
}

// Covers reports whether the mentor lists area.
func (m Mentor) Covers(area string) bool { return slices.Contains(m.Areas, area) }

// FindMentor returns the mentor with login, compared case-insensitively.
func (c *Config) FindMentor(login string) (Mentor, bool) {
	for _, m := range c.Mentors {
		if strings.EqualFold(m.Login, login) {
			return m, true
		}
	}
	return Mentor{}, false
}

// MatchesLabel reports whether label is one of the area's labels (GitHub
// label names are case-insensitive).
func (a Area) MatchesLabel(label string) bool { return containsFold(a.Labels, label) }

// MatchesPath reports whether a repository file path (no leading slash)
// matches one of the area's patterns.
func (a Area) MatchesPath(path string) bool {
	for _, p := range a.Paths {
		if ok, err := doublestar.Match(p, path); ok && err == nil {
			return true
		}
	}
	return false
}

// AreasFor names, sorted, the areas that a contribution with these labels
// and changed files is in.
func (c *Config) AreasFor(labels, files []string) []string {
	var out []string
	for _, name := range sortedKeys(c.Areas) {
		a := c.Areas[name]
		if slices.ContainsFunc(labels, a.MatchesLabel) || slices.ContainsFunc(files, a.MatchesPath) {
			out = append(out, name)
		}
	}
	return out
}

// Enabled reports whether good-first-issue claims are on (some label set).
func (g GoodFirstIssues) Enabled() bool { return len(g.Labels) > 0 }

// IsGoodFirstIssue reports whether one of labels is a good-first-issue label.
func (g GoodFirstIssues) IsGoodFirstIssue(labels []string) bool {
	return slices.ContainsFunc(labels, func(l string) bool { return containsFold(g.Labels, l) })
}

// IsNextStep reports whether one of labels is a next-step label.
func (g GoodFirstIssues) IsNextStep(labels []string) bool {
	return slices.ContainsFunc(labels, func(l string) bool { return containsFold(g.NextStepLabels, l) })
}

func containsFold(list []string, s string) bool {
	return slices.ContainsFunc(list, func(x string) bool { return strings.EqualFold(x, s) })
}
