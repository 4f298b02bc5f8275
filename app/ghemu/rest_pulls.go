package ghemu

import (
	"encoding/json"
	"strings"

	"github.com/google/go-github/v60/github"
)

// scopedPull is scopedIssue for pull requests only.
func (e *Emulator) scopedPull(q *req) (*repoState, *Issue, bool) {
	r, is, found := e.scopedIssue(q)
	if !found || is.Pull == nil {
		return nil, nil, false
	}
	return r, is, true
}

func (e *Emulator) getPull(q *req) reply {
	r, is, found := e.scopedPull(q)
	if !found {
		return notFound()
	}
	return ok(e.pullOut(r, is))
}

func (e *Emulator) listPullFiles(q *req) reply {
	r, is, found := e.scopedPull(q)
	if !found {
		return notFound()
	}
	out := make([]*github.CommitFile, 0, len(is.Pull.Files))
	for _, f := range is.Pull.Files {
		out = append(out, e.fileJSON(r, is, f))
	}
	return list(e, q, out)
}

func (e *Emulator) listReviews(q *req) reply {
	r, is, found := e.scopedPull(q)
	if !found {
		return notFound()
	}
	out := make([]*github.PullRequestReview, 0, len(is.Pull.Reviews))
	for _, rv := range is.Pull.Reviews {
		out = append(out, e.reviewJSON(r, is, rv))
	}
	return list(e, q, out)
}

func (e *Emulator) listRequestedReviewers(q *req) reply {
	_, is, found := e.scopedPull(q)
	if !found {
		return notFound()
	}
	return ok(reviewersOut{Users: e.usersJSON(is.Pull.RequestedReviewers), Teams: []*github.Team{}})
}

type reviewersWrite struct {
	Reviewers     []string `json:"reviewers"`
	TeamReviewers []string `json:"team_reviewers"`
}

// requestReviewersREST answers POST .../requested_reviewers: only
// collaborators can be requested, never the author.
func (e *Emulator) requestReviewersREST(q *req) reply {
	r, is, found := e.scopedPull(q)
	if !found {
		return notFound()
	}
	var w reviewersWrite
	if json.Unmarshal(q.body, &w) != nil {
		return badJSON()
	}
	if len(w.TeamReviewers) > 0 {
		return unprocessable("Reviews may only be requested from collaborators. One or more of the teams you specified is not a collaborator of the " + r.FullName + " repository.")
	}
	for _, l := range w.Reviewers {
		if strings.EqualFold(l, is.Author) {
			return unprocessable("Review cannot be requested from pull request author.")
		}
		if e.st.account(l) == nil || permission(r, l) == "none" {
			return unprocessable("Reviews may only be requested from collaborators. One or more of the users or teams you specified is not a collaborator of the " + r.FullName + " repository.")
		}
	}
	e.requestReviewers(r, is, e.st.bot, w.Reviewers)
	return created(e.pullOut(r, is))
}

func (e *Emulator) removeReviewersREST(q *req) reply {
	r, is, found := e.scopedPull(q)
	if !found {
		return notFound()
	}
	var w reviewersWrite
	if json.Unmarshal(q.body, &w) != nil {
		return badJSON()
	}
	e.removeReviewers(r, is, e.st.bot, w.Reviewers)
	return ok(e.pullOut(r, is))
}
