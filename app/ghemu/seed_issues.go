package ghemu

import (
	"fmt"
	"strconv"
)

// OpenIssue opens an issue by author and returns its number.
func (e *Emulator) OpenIssue(owner, repo, author string, o IssueOptions) int {
	defer e.lock()()
	r := e.mustRepo(owner, repo)
	is := e.createIssue(r, e.user(author), issueSpec{title: o.Title, body: o.Body, at: o.CreatedAt,
		labels: o.Labels, assignees: o.Assignees})
	return is.Number
}

// OpenPullRequest opens a pull request by author and returns its number.
func (e *Emulator) OpenPullRequest(owner, repo, author string, o PullOptions) int {
	defer e.lock()()
	r := e.mustRepo(owner, repo)
	base := o.Base
	if base == "" {
		base = r.DefaultBranch
	}
	head := o.Head
	if head == "" {
		head = fmt.Sprintf("patch-%d", r.lastNumber+1)
	}
	p := &PullRequest{Head: head, Base: base, Files: append([]PullFile(nil), o.Files...), Draft: o.Draft}
	is := e.createIssue(r, e.user(author), issueSpec{title: o.Title, body: o.Body, at: o.CreatedAt,
		pull: p, labels: o.Labels, assignees: o.Assignees})
	return is.Number
}

// Comment adds a comment by author to an issue or pull request and returns its ID.
func (e *Emulator) Comment(owner, repo string, number int, author, body string) int64 {
	defer e.lock()()
	r, is := e.mustIssue(owner, repo, number)
	return e.addComment(r, is, e.user(author), body).ID
}

// EditComment changes a comment's body (as its author).
func (e *Emulator) EditComment(owner, repo string, id int64, body string) {
	defer e.lock()()
	r := e.mustRepo(owner, repo)
	c := r.comment(id)
	if c == nil {
		panic(fmt.Sprintf("ghemu: no comment %d in %s", id, r.FullName))
	}
	e.editComment(r, c, e.user(c.Author), body)
}

// PushToPullRequest pushes a commit to a pull request's head: its files
// become files, it gets a new head SHA, and GitHub sends
// pull_request synchronize.
func (e *Emulator) PushToPullRequest(owner, repo string, number int, by string, files []PullFile) {
	defer e.lock()()
	r := e.mustRepo(owner, repo)
	is := r.issues[number]
	if is == nil || is.Pull == nil {
		panic(fmt.Sprintf("ghemu: no pull request %d in %s", number, r.FullName))
	}
	is.Pull.Files = append([]PullFile(nil), files...)
	is.Pull.HeadSHA = fakeSHA("head", r.FullName, strconv.Itoa(number), is.Pull.HeadSHA)
	is.UpdatedAt = e.now()
	e.emitIssue(r, is, e.user(by), change{action: "synchronize"})
}

// DeleteComment deletes a comment as a person (by, a maintainer) does,
// bot comments included; GitHub then answers 404 to any edit of it and
// sends issue_comment deleted.
func (e *Emulator) DeleteComment(owner, repo string, id int64, by string) {
	defer e.lock()()
	r := e.mustRepo(owner, repo)
	c := r.comment(id)
	if c == nil {
		panic(fmt.Sprintf("ghemu: no comment %d in %s", id, r.FullName))
	}
	e.deleteComment(r, c, e.user(by))
}

// AddReaction adds user's reaction to an issue or pull request and returns its ID.
func (e *Emulator) AddReaction(owner, repo string, number int, user, content string) int64 {
	defer e.lock()()
	_, is := e.mustIssue(owner, repo, number)
	x, _ := e.react(&is.Reactions, e.user(user), content)
	return x.ID
}

// AddCommentReaction adds user's reaction to a comment and returns its ID.
func (e *Emulator) AddCommentReaction(owner, repo string, commentID int64, user, content string) int64 {
	defer e.lock()()
	r := e.mustRepo(owner, repo)
	c := r.comment(commentID)
	if c == nil {
		panic(fmt.Sprintf("ghemu: no comment %d in %s", commentID, r.FullName))
	}
	x, _ := e.react(&c.Reactions, e.user(user), content)
	return x.ID
}

// LabelIssue adds labels (created when missing) on behalf of actor.
func (e *Emulator) LabelIssue(owner, repo string, number int, actor string, labels ...string) {
	defer e.lock()()
	r, is := e.mustIssue(owner, repo, number)
	e.addLabels(r, is, e.user(actor), labels)
}

// UnlabelIssue removes a label on behalf of actor.
func (e *Emulator) UnlabelIssue(owner, repo string, number int, actor, label string) {
	defer e.lock()()
	r, is := e.mustIssue(owner, repo, number)
	e.removeLabel(r, is, e.user(actor), label)
}

// AssignIssue assigns logins (those who can be assigned) on behalf of actor.
func (e *Emulator) AssignIssue(owner, repo string, number int, actor string, logins ...string) {
	defer e.lock()()
	r, is := e.mustIssue(owner, repo, number)
	e.addAssignees(r, is, e.user(actor), logins)
}

// Review submits a review (APPROVED, CHANGES_REQUESTED or COMMENTED) and
// returns its ID; the reviewer stops being a requested reviewer.
func (e *Emulator) Review(owner, repo string, number int, reviewer, state, body string) int64 {
	defer e.lock()()
	r, is := e.mustPull(owner, repo, number)
	return e.submitReview(r, is, e.user(reviewer), state, body).ID
}

// MergePullRequest merges an open pull request; issues its body closes
// ("Fixes #n") are closed as completed.
func (e *Emulator) MergePullRequest(owner, repo string, number int, by string) {
	defer e.lock()()
	r, is := e.mustPull(owner, repo, number)
	e.merge(r, is, e.user(by))
}

// ClosePullRequest closes a pull request without merging it.
func (e *Emulator) ClosePullRequest(owner, repo string, number int, by string) {
	defer e.lock()()
	r, is := e.mustPull(owner, repo, number)
	e.setState(r, is, e.user(by), "closed", "")
}

// CloseIssue closes an issue with a reason (completed or not_planned; "" is completed).
func (e *Emulator) CloseIssue(owner, repo string, number int, by, reason string) {
	defer e.lock()()
	r, is := e.mustIssue(owner, repo, number)
	e.setState(r, is, e.user(by), "closed", reason)
}

// ReopenIssue reopens an issue or pull request.
func (e *Emulator) ReopenIssue(owner, repo string, number int, by string) {
	defer e.lock()()
	r, is := e.mustIssue(owner, repo, number)
	e.setState(r, is, e.user(by), "open", "")
}
