package ghemu

import (
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/google/go-github/v60/github"
)

// The functions here change state as GitHub would and emit the webhooks
// that go with it. They run with e.mu held and are shared by the REST
// handlers and the seeding API.

// maxAssignees is GitHub's limit of assignees per issue.
const maxAssignees = 10

// autoLabelColor is the color of labels created by adding them to an issue.
const autoLabelColor = "ededed"

// issueSpec is what a new issue or pull request starts with.
type issueSpec struct {
	title, body       string
	at                time.Time
	pull              *PullRequest
	labels, assignees []string
}

// createIssue opens an issue or pull request. As on GitHub, the "opened"
// payload already shows its labels and assignees, and "labeled" and
// "assigned" follow for each.
func (e *Emulator) createIssue(r *repoState, author *account, sp issueSpec) *Issue {
	at := sp.at
	if at.IsZero() {
		at = e.now()
	}
	id := e.st.newID()
	is := &Issue{
		Number: r.nextNumber(), ID: id, NodeID: nodeID("Issue", id), Title: sp.title, Body: sp.body,
		Author: author.login, State: "open", CreatedAt: at, UpdatedAt: at, Pull: sp.pull,
	}
	if p := sp.pull; p != nil {
		p.ID = e.st.newID()
		p.NodeID = nodeID("PullRequest", p.ID)
		p.HeadSHA = fakeSHA("head", r.FullName, strconv.Itoa(is.Number))
	}
	r.issues[is.Number] = is
	var labels []*label
	for _, n := range sp.labels {
		if n = strings.TrimSpace(n); n != "" && !hasLabel(is, n) {
			l := e.ensureLabel(r, n, "", "")
			is.Labels = append(is.Labels, l.name)
			labels = append(labels, l)
		}
	}
	for _, l := range sp.assignees {
		a := e.st.account(l)
		if a != nil && len(is.Assignees) < maxAssignees && canBeAssigned(r, is.Number, a.login) &&
			!slices.Contains(is.Assignees, a.login) {
			is.Assignees = append(is.Assignees, a.login)
		}
	}
	e.emitIssue(r, is, author, change{action: "opened"})
	for _, l := range labels {
		e.emitIssue(r, is, author, change{action: "labeled", label: l})
	}
	for _, a := range is.Assignees {
		e.emitIssue(r, is, author, change{action: "assigned", assignee: a})
	}
	return is
}

// ensureLabel returns the repository's label, creating it when absent.
func (e *Emulator) ensureLabel(r *repoState, name, color, description string) *label {
	if l := r.label(name); l != nil {
		return l
	}
	if color == "" {
		color = autoLabelColor
	}
	id := e.st.newID()
	l := &label{id: id, nodeID: nodeID("Label", id), name: name, color: strings.ToLower(color), description: description}
	r.labels = append(r.labels, l)
	return l
}

func hasLabel(is *Issue, name string) bool {
	return slices.ContainsFunc(is.Labels, func(l string) bool { return strings.EqualFold(l, name) })
}

// addLabels adds labels (creating missing ones) and emits "labeled" for
// each one that was not there.
func (e *Emulator) addLabels(r *repoState, is *Issue, actor *account, names []string) {
	for _, n := range names {
		if n = strings.TrimSpace(n); n == "" || hasLabel(is, n) {
			continue
		}
		l := e.ensureLabel(r, n, "", "")
		is.Labels = append(is.Labels, l.name)
		is.UpdatedAt = e.now()
		e.emitIssue(r, is, actor, change{action: "labeled", label: l})
	}
}

// removeLabel removes a label and emits "unlabeled"; false when absent.
func (e *Emulator) removeLabel(r *repoState, is *Issue, actor *account, name string) bool {
	i := slices.IndexFunc(is.Labels, func(l string) bool { return strings.EqualFold(l, name) })
	if i < 0 {
		return false
	}
	is.Labels = slices.Delete(is.Labels, i, i+1)
	is.UpdatedAt = e.now()
	if l := r.label(name); l != nil {
		e.emitIssue(r, is, actor, change{action: "unlabeled", label: l})
	}
	return true
}

// setLabels replaces the labels, emitting unlabeled then labeled.
func (e *Emulator) setLabels(r *repoState, is *Issue, actor *account, names []string) {
	for _, old := range slices.Clone(is.Labels) {
		if !slices.ContainsFunc(names, func(n string) bool { return strings.EqualFold(n, old) }) {
			e.removeLabel(r, is, actor, old)
		}
	}
	e.addLabels(r, is, actor, names)
}

// addAssignees assigns the logins that can be assigned and silently skips
// the others, as GitHub does.
func (e *Emulator) addAssignees(r *repoState, is *Issue, actor *account, logins []string) {
	for _, l := range logins {
		a := e.st.account(l)
		if a == nil || len(is.Assignees) >= maxAssignees || !canBeAssigned(r, is.Number, a.login) ||
			slices.ContainsFunc(is.Assignees, func(x string) bool { return strings.EqualFold(x, l) }) {
			continue
		}
		is.Assignees = append(is.Assignees, a.login)
		is.UpdatedAt = e.now()
		e.emitIssue(r, is, actor, change{action: "assigned", assignee: a.login})
	}
}

func (e *Emulator) removeAssignees(r *repoState, is *Issue, actor *account, logins []string) {
	for _, l := range logins {
		i := slices.IndexFunc(is.Assignees, func(x string) bool { return strings.EqualFold(x, l) })
		if i < 0 {
			continue
		}
		login := is.Assignees[i]
		is.Assignees = slices.Delete(is.Assignees, i, i+1)
		is.UpdatedAt = e.now()
		e.emitIssue(r, is, actor, change{action: "unassigned", assignee: login})
	}
}

// setState closes or reopens; reason is the state_reason when closing.
func (e *Emulator) setState(r *repoState, is *Issue, actor *account, state, reason string) {
	if is.State == state {
		if state == "closed" && reason != "" {
			is.StateReason = reason
		}
		return
	}
	now := e.now()
	is.State, is.UpdatedAt = state, now
	action := "reopened"
	if state == "closed" {
		action = "closed"
		if reason == "" {
			reason = "completed"
		}
		is.StateReason, is.ClosedAt, is.ClosedBy = reason, now, actor.login
	} else {
		is.StateReason, is.ClosedAt, is.ClosedBy = "reopened", time.Time{}, ""
	}
	if is.Pull != nil {
		is.StateReason = ""
	}
	e.emitIssue(r, is, actor, change{action: action})
}

// edit changes title and body and emits "edited" with the old values.
func (e *Emulator) edit(r *repoState, is *Issue, actor *account, title, body *string) {
	ch := &github.EditChange{}
	if title != nil && *title != is.Title {
		ch.Title = &github.EditTitle{From: ptr(is.Title)}
		is.Title = *title
	}
	if body != nil && *body != is.Body {
		ch.Body = &github.EditBody{From: ptr(is.Body)}
		is.Body = *body
	}
	if ch.Title == nil && ch.Body == nil {
		return
	}
	is.UpdatedAt = e.now()
	e.emitIssue(r, is, actor, change{action: "edited", changes: ch})
}

func (e *Emulator) addComment(r *repoState, is *Issue, author *account, body string) *Comment {
	now := e.now()
	id := e.st.newID()
	c := &Comment{ID: id, NodeID: nodeID("IssueComment", id), Issue: is.Number, Author: author.login,
		Body: body, CreatedAt: now, UpdatedAt: now}
	r.comments = append(r.comments, c)
	is.UpdatedAt = now
	e.emitComment(r, is, c, author, "created", nil)
	return c
}

func (e *Emulator) editComment(r *repoState, c *Comment, actor *account, body string) {
	if body == c.Body {
		return
	}
	ch := &github.EditChange{Body: &github.EditBody{From: ptr(c.Body)}}
	c.Body, c.UpdatedAt = body, e.now()
	e.emitComment(r, r.issues[c.Issue], c, actor, "edited", ch)
}

func (e *Emulator) deleteComment(r *repoState, c *Comment, actor *account) {
	r.comments = slices.DeleteFunc(r.comments, func(x *Comment) bool { return x == c })
	e.emitComment(r, r.issues[c.Issue], c, actor, "deleted", nil)
}
