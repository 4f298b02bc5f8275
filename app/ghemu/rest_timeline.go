package ghemu

import (
	"strings"

	"github.com/google/go-github/v60/github"
)

// timeline answers GET /issues/{n}/timeline with the cross-referenced
// events of pull requests (in any visible repository) whose body closes
// the issue ("Fixes #n", "Closes o/r#n", "Resolves #n"), oldest first.
func (e *Emulator) timeline(q *req) reply {
	r, is, found := e.scopedIssue(q)
	if !found {
		return notFound()
	}
	items := []*github.Timeline{}
	for _, other := range e.st.sortedRepos() {
		if !q.caller.visible(other) {
			continue
		}
		for _, pr := range other.sortedIssues() {
			if pr.Pull == nil || !refersTo(pr.Body, other, r, is.Number) {
				continue
			}
			src := e.issueJSON(other, pr)
			src.Repository = e.repoJSON(other)
			items = append(items, &github.Timeline{
				Event: ptr("cross-referenced"), Actor: e.loginJSON(pr.Author),
				CreatedAt: ts(pr.CreatedAt),
				Source:    &github.Source{Type: ptr("issue"), Issue: src},
			})
		}
	}
	return list(e, q, items)
}

// refersTo reports whether body (in repository from) closes number in to.
func refersTo(body string, from, to *repoState, number int) bool {
	for _, ref := range closingRefs(body) {
		if ref.number != number {
			continue
		}
		if (ref.repo == "" && from == to) || strings.EqualFold(ref.repo, to.FullName) {
			return true
		}
	}
	return false
}
