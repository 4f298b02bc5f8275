package ghemu

import "slices"

// The inspection API returns copies: changing them changes nothing.

func copyIssue(is *Issue) Issue {
	out := *is
	out.Labels = slices.Clone(is.Labels)
	out.Assignees = slices.Clone(is.Assignees)
	out.Reactions = slices.Clone(is.Reactions)
	if is.Pull != nil {
		p := *is.Pull
		p.Files = slices.Clone(p.Files)
		p.RequestedReviewers = slices.Clone(p.RequestedReviewers)
		p.Reviews = slices.Clone(p.Reviews)
		out.Pull = &p
	}
	return out
}

// Repository returns a repository's description; it panics when absent.
func (e *Emulator) Repository(owner, name string) Repo {
	defer e.lock()()
	return e.mustRepo(owner, name).Repo
}

// Issue returns an issue or pull request; it panics when absent.
func (e *Emulator) Issue(owner, repo string, number int) Issue {
	defer e.lock()()
	_, is := e.mustIssue(owner, repo, number)
	return copyIssue(is)
}

// Issues returns every issue and pull request of a repository by number.
func (e *Emulator) Issues(owner, repo string) []Issue {
	defer e.lock()()
	var out []Issue
	for _, is := range e.mustRepo(owner, repo).sortedIssues() {
		out = append(out, copyIssue(is))
	}
	return out
}

// Comments returns the comments of an issue or pull request, oldest first.
func (e *Emulator) Comments(owner, repo string, number int) []Comment {
	defer e.lock()()
	r, _ := e.mustIssue(owner, repo, number)
	var out []Comment
	for _, c := range r.issueComments(number) {
		x := *c
		x.Reactions = slices.Clone(c.Reactions)
		out = append(out, x)
	}
	return out
}

// Labels returns the label names on an issue or pull request.
func (e *Emulator) Labels(owner, repo string, number int) []string {
	defer e.lock()()
	_, is := e.mustIssue(owner, repo, number)
	return slices.Clone(is.Labels)
}

// Assignees returns the assignees' logins.
func (e *Emulator) Assignees(owner, repo string, number int) []string {
	defer e.lock()()
	_, is := e.mustIssue(owner, repo, number)
	return slices.Clone(is.Assignees)
}

// RequestedReviewers returns the logins whose review is requested.
func (e *Emulator) RequestedReviewers(owner, repo string, number int) []string {
	defer e.lock()()
	_, is := e.mustPull(owner, repo, number)
	return slices.Clone(is.Pull.RequestedReviewers)
}

// RepoLabels returns the names of a repository's labels.
func (e *Emulator) RepoLabels(owner, repo string) []string {
	defer e.lock()()
	var out []string
	for _, l := range e.mustRepo(owner, repo).labels {
		out = append(out, l.name)
	}
	return out
}
