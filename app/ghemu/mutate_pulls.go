package ghemu

import (
	"regexp"
	"slices"
	"strconv"
	"strings"
)

// requestReviewers asks for reviews. Like the changes in mutate.go, the
// ones here run with e.mu held and emit their webhooks.
func (e *Emulator) requestReviewers(r *repoState, is *Issue, actor *account, logins []string) {
	for _, l := range logins {
		a := e.st.account(l)
		if a == nil || slices.ContainsFunc(is.Pull.RequestedReviewers, func(x string) bool { return strings.EqualFold(x, l) }) {
			continue
		}
		is.Pull.RequestedReviewers = append(is.Pull.RequestedReviewers, a.login)
		is.UpdatedAt = e.now()
		e.emitIssue(r, is, actor, change{action: "review_requested", reviewer: a.login})
	}
}

// removeReviewers withdraws review requests.
func (e *Emulator) removeReviewers(r *repoState, is *Issue, actor *account, logins []string) {
	for _, l := range logins {
		i := slices.IndexFunc(is.Pull.RequestedReviewers, func(x string) bool { return strings.EqualFold(x, l) })
		if i < 0 {
			continue
		}
		login := is.Pull.RequestedReviewers[i]
		is.Pull.RequestedReviewers = slices.Delete(is.Pull.RequestedReviewers, i, i+1)
		is.UpdatedAt = e.now()
		e.emitIssue(r, is, actor, change{action: "review_request_removed", reviewer: login})
	}
}

// submitReview records a review; the reviewer is no longer requested.
func (e *Emulator) submitReview(r *repoState, is *Issue, reviewer *account, state, body string) Review {
	id := e.st.newID()
	rv := Review{ID: id, NodeID: nodeID("PullRequestReview", id), User: reviewer.login,
		State: strings.ToUpper(state), Body: body, SubmittedAt: e.now()}
	is.Pull.Reviews = append(is.Pull.Reviews, rv)
	is.Pull.RequestedReviewers = slices.DeleteFunc(is.Pull.RequestedReviewers,
		func(x string) bool { return strings.EqualFold(x, reviewer.login) })
	is.UpdatedAt = rv.SubmittedAt
	e.emitReview(r, is, rv, reviewer)
	return rv
}

// merge merges an open pull request and closes the issues its body closes.
func (e *Emulator) merge(r *repoState, is *Issue, by *account) {
	if is.State != "open" {
		return
	}
	now := e.now()
	p := is.Pull
	p.Merged, p.MergedAt, p.MergedBy = true, now, by.login
	p.MergeCommitSHA = fakeSHA("merge", r.FullName, strconv.Itoa(is.Number))
	is.State, is.ClosedAt, is.ClosedBy, is.UpdatedAt = "closed", now, by.login, now
	e.emitIssue(r, is, by, change{action: "closed"})
	for _, ref := range closingRefs(is.Body) {
		if ref.repo != "" && !strings.EqualFold(ref.repo, r.FullName) {
			continue
		}
		if target := r.issues[ref.number]; target != nil && target.Pull == nil {
			e.setState(r, target, by, "closed", "completed")
		}
	}
}

// issueRef is a closing reference such as "Fixes #12" or "closes o/r#3".
type issueRef struct {
	repo   string // "" for the same repository
	number int
}

var closingRef = regexp.MustCompile(`(?i)\b(?:close[sd]?|fix(?:e[sd])?|resolve[sd]?)\s*:?\s+(?:([\w.-]+/[\w.-]+))?#(\d+)\b`)

// closingRefs finds the closing keywords GitHub links pull requests by.
func closingRefs(body string) []issueRef {
	var out []issueRef
	for _, m := range closingRef.FindAllStringSubmatch(body, -1) {
		n, err := strconv.Atoi(m[2])
		if err == nil {
			out = append(out, issueRef{repo: m[1], number: n})
		}
	}
	return out
}
