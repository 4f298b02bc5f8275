package mentoring

import (
	"strings"

	"github.com/mentorbot/mentorbot/app/mentoring/selection"
	"github.com/mentorbot/mentorbot/app/repoconfig"
	"github.com/mentorbot/mentorbot/app/store"
)

// candidates joins the configured roster with the mentors' state in the store.
func candidates(cfg *repoconfig.Config, loads map[string]store.MentorLoad) []selection.Candidate {
	out := make([]selection.Candidate, 0, len(cfg.Mentors))
	for i, m := range cfg.Mentors {
		l := loads[strings.ToLower(m.Login)]
		c := selection.Candidate{
			Login:        m.Login,
			Areas:        m.Areas,
			Capacity:     m.Capacity,
			Away:         l.Away && l.AwayUntil.IsZero() || m.Busy,
			Active:       l.Active,
			LastAssigned: l.LastAssigned,
			Order:        i,
			Current:      l.Current,
			Location:     m.Location,
			Hours:        workingHours(m),
		}
		if !m.AwayUntil.IsZero() {
			c.AwayUntil = m.Back()
		}
		if l.Away && l.AwayUntil.After(c.AwayUntil) {
			c.AwayUntil = l.AwayUntil
		}
		out = append(out, c)
	}
	return out
}

// workingHours converts the mentor's configured hours for selection.
func workingHours(m repoconfig.Mentor) selection.Hours {
	start, end := m.WorkingHours()
	return selection.Hours{Start: start.Hour*60 + start.Minute, End: end.Hour*60 + end.Minute}
}

// chooser adapts selection.Select to the store's transaction and keeps the
// decision, so the welcome can explain it.
func chooser(cfg *repoconfig.Config, req selection.Request, decision *selection.Decision) store.Chooser {
	return func(loads map[string]store.MentorLoad, avoid string) string {
		r := req
		if avoid != "" && r.Previous == "" {
			r.Previous = avoid
		}
		*decision = selection.Select(candidates(cfg, loads), r)
		return decision.Mentor
	}
}

// excluding is a chooser that never picks the current mentor (a reassignment).
func excluding(cfg *repoconfig.Config, req selection.Request, decision *selection.Decision) store.Chooser {
	return func(loads map[string]store.MentorLoad, current string) string {
		r := req
		r.Exclude = append(append([]string(nil), r.Exclude...), current)
		*decision = selection.Select(candidates(cfg, loads), r)
		return decision.Mentor
	}
}

// isMentor tells whether login is on the roster.
func isMentor(cfg *repoconfig.Config, login string) bool {
	for _, m := range cfg.Mentors {
		if strings.EqualFold(m.Login, login) {
			return true
		}
	}
	return false
}

// areaRules converts the configured areas for matching.
func areaRules(cfg *repoconfig.Config) map[string]selection.AreaRule {
	out := make(map[string]selection.AreaRule, len(cfg.Areas))
	for name, a := range cfg.Areas {
		out[name] = selection.AreaRule{Labels: a.Labels, Paths: a.Paths}
	}
	return out
}

// needsFiles tells whether any area is defined by paths, which is the only
// reason to list a pull request's files.
func needsFiles(cfg *repoconfig.Config) bool {
	for _, a := range cfg.Areas {
		if len(a.Paths) > 0 {
			return true
		}
	}
	return false
}
