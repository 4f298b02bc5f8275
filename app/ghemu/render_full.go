package ghemu

import (
	"encoding/json"

	"github.com/google/go-github/v60/github"
)

// go-github's types omit empty lists and unset fields; GitHub writes them
// as [] and null. These wrappers shadow those fields so the emulator's
// issues and pull requests keep GitHub's keys.

type issueOut struct {
	*github.Issue
	Labels      []*github.Label   `json:"labels"`
	Assignees   []*github.User    `json:"assignees"`
	Assignee    *github.User      `json:"assignee"`
	Milestone   *github.Milestone `json:"milestone"`
	ClosedAt    *github.Timestamp `json:"closed_at"`
	ClosedBy    *github.User      `json:"closed_by"`
	StateReason *string           `json:"state_reason"`
	Body        *string           `json:"body"`
	LockReason  *string           `json:"active_lock_reason"`
}

func (e *Emulator) issueOut(r *repoState, is *Issue) issueOut {
	x := e.issueJSON(r, is)
	return issueOut{Issue: x, Labels: x.Labels, Assignees: x.Assignees, Assignee: x.Assignee,
		ClosedAt: x.ClosedAt, ClosedBy: x.ClosedBy, StateReason: x.StateReason, Body: x.Body}
}

type pullOut struct {
	*github.PullRequest
	Labels             []*github.Label   `json:"labels"`
	Assignees          []*github.User    `json:"assignees"`
	Assignee           *github.User      `json:"assignee"`
	RequestedReviewers []*github.User    `json:"requested_reviewers"`
	RequestedTeams     []*github.Team    `json:"requested_teams"`
	Milestone          *github.Milestone `json:"milestone"`
	ClosedAt           *github.Timestamp `json:"closed_at"`
	MergedAt           *github.Timestamp `json:"merged_at"`
	MergedBy           *github.User      `json:"merged_by"`
	MergeCommitSHA     *string           `json:"merge_commit_sha"`
	AutoMerge          *struct{}         `json:"auto_merge"`
	Body               *string           `json:"body"`
	LockReason         *string           `json:"active_lock_reason"`
}

func (e *Emulator) pullOut(r *repoState, is *Issue) pullOut {
	x := e.pullJSON(r, is)
	return pullOut{PullRequest: x, Labels: x.Labels, Assignees: x.Assignees, Assignee: x.Assignee,
		RequestedReviewers: x.RequestedReviewers, RequestedTeams: x.RequestedTeams, ClosedAt: x.ClosedAt,
		MergedAt: x.MergedAt, MergedBy: x.MergedBy, MergeCommitSHA: x.MergeCommitSHA, Body: x.Body}
}

type reviewersOut struct {
	Users []*github.User `json:"users"`
	Teams []*github.Team `json:"teams"`
}

// withObject replaces one top-level key of a webhook payload (such as
// "issue" or "pull_request") with obj.
func withObject(payload any, key string, obj any) any {
	b, err := json.Marshal(payload)
	if err != nil {
		return payload
	}
	var m map[string]json.RawMessage
	if json.Unmarshal(b, &m) != nil {
		return payload
	}
	if m[key], err = json.Marshal(obj); err != nil {
		return payload
	}
	return m
}
