package selection

import "strings"

// continuing keeps a newcomer who is mentored now with that mentor, while
// the mentor is listed, not away and not excluded: one newcomer, one
// mentor at a time. Capacity does not apply: the newcomer already counts
// towards it.
func continuing(cands []Candidate, req Request) (Decision, bool) {
	for _, c := range cands {
		switch {
		case !c.Current, c.Away, c.AwayUntil.After(req.Now),
			strings.EqualFold(c.Login, req.Author), containsFold(req.Exclude, c.Login):
			continue
		}
		return Decision{
			Mentor:   c.Login,
			Eligible: []string{c.Login},
			Steps:    []Step{{Rule: RuleContinuity, Detail: "this newcomer already works with this mentor", Survivors: []string{c.Login}}},
		}, true
	}
	return Decision{}, false
}
