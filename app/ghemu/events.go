package ghemu

import (
	"github.com/google/go-github/v60/github"
)

// eventBlocks are the installation, repository, sender and organization
// blocks every repository webhook carries.
type eventBlocks struct {
	inst   *github.Installation
	repo   *github.Repository
	sender *github.User
	org    *github.Organization
}

// blocks returns the webhook blocks for a change in r by actor; ok is false
// when no installation covers r (the app would get no webhook).
func (e *Emulator) blocks(r *repoState, actor *account) (eventBlocks, bool) {
	if !e.opts.EmitWebhooks || e.st.hookURL == "" {
		return eventBlocks{}, false
	}
	in := e.st.installationFor(r)
	if in == nil {
		return eventBlocks{}, false
	}
	b := eventBlocks{
		inst:   &github.Installation{ID: ptr(in.id), NodeID: ptr(in.nodeID)},
		repo:   e.repoJSON(r),
		sender: e.userJSON(actor),
	}
	if r.owner.typ == typeOrg {
		b.org = e.orgJSON(r.owner)
	}
	return b, true
}

// change describes one event on an issue or pull request.
type change struct {
	action   string
	label    *label
	assignee string
	reviewer string
	changes  *github.EditChange
}

// emitIssue sends "issues" for issues and "pull_request" for pull requests.
func (e *Emulator) emitIssue(r *repoState, is *Issue, actor *account, c change) {
	b, ok := e.blocks(r, actor)
	if !ok {
		return
	}
	var lab *github.Label
	if c.label != nil {
		lab = e.labelJSON(r, c.label)
	}
	if is.Pull == nil {
		e.emit("issues", withObject(&github.IssuesEvent{
			Action: ptr(c.action), Issue: e.issueJSON(r, is), Label: lab, Assignee: e.loginJSON(c.assignee),
			Changes: c.changes, Repo: b.repo, Sender: b.sender, Installation: b.inst, Org: b.org,
		}, "issue", e.issueOut(r, is)))
		return
	}
	e.emit("pull_request", withObject(&github.PullRequestEvent{
		Action: ptr(c.action), Number: ptr(is.Number), PullRequest: e.pullJSON(r, is), Label: lab,
		Assignee: e.loginJSON(c.assignee), RequestedReviewer: e.loginJSON(c.reviewer), Changes: c.changes,
		Repo: b.repo, Sender: b.sender, Installation: b.inst, Organization: b.org,
	}, "pull_request", e.pullOut(r, is)))
}

// emitComment sends issue_comment for comments on issues and pull requests.
func (e *Emulator) emitComment(r *repoState, is *Issue, cm *Comment, actor *account, action string, changes *github.EditChange) {
	b, ok := e.blocks(r, actor)
	if !ok {
		return
	}
	e.emit("issue_comment", withObject(&github.IssueCommentEvent{
		Action: ptr(action), Issue: e.issueJSON(r, is), Comment: e.commentJSON(r, cm), Changes: changes,
		Repo: b.repo, Sender: b.sender, Installation: b.inst, Organization: b.org,
	}, "issue", e.issueOut(r, is)))
}

// emitReview sends pull_request_review submitted.
func (e *Emulator) emitReview(r *repoState, is *Issue, rv Review, actor *account) {
	b, ok := e.blocks(r, actor)
	if !ok {
		return
	}
	e.emit("pull_request_review", withObject(&github.PullRequestReviewEvent{
		Action: ptr("submitted"), Review: e.reviewJSON(r, is, rv), PullRequest: e.pullJSON(r, is),
		Repo: b.repo, Sender: b.sender, Installation: b.inst, Organization: b.org,
	}, "pull_request", e.pullOut(r, is)))
}

// emitLabel sends label created.
func (e *Emulator) emitLabel(r *repoState, l *label, actor *account) {
	b, ok := e.blocks(r, actor)
	if !ok {
		return
	}
	e.emit("label", &github.LabelEvent{
		Action: ptr("created"), Label: e.labelJSON(r, l),
		Repo: b.repo, Sender: b.sender, Installation: b.inst, Org: b.org,
	})
}
