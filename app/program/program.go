// Package program is the shared vocabulary of the mentorship program: the
// repositories, items and comments every feature talks about. It holds no
// rules and calls nothing.
package program

import (
	"fmt"
	"time"
)

// Kinds of item.
const (
	KindPullRequest = "pull_request"
	KindIssue       = "issue"
)

// Repo names a repository.
type Repo struct{ Owner, Name string }

// FullName is "owner/name".
func (r Repo) FullName() string { return r.Owner + "/" + r.Name }

// Item is a pull request or issue as the program sees it.
type Item struct {
	Repo           Repo
	InstallationID int64
	Number         int
	Kind           string // KindPullRequest or KindIssue
	Author         string
	AuthorType     string // "User" or "Bot"
	Association    string
	Title          string
	URL            string
	CreatedAt      time.Time
	Labels         []string
	// Files are a pull request's changed paths when the caller already
	// listed them; nil means the program lists them if it needs them.
	Files []string
	// NoComments is set when the event's payload showed the item without
	// a single comment (GitHub's comments count of 0). The zero value
	// claims nothing.
	NoComments bool
}

// Noun is "pull request" or "issue", as a sentence says it.
func (it Item) Noun() string {
	if it.Kind == KindPullRequest {
		return "pull request"
	}
	return "issue"
}

func (it Item) String() string { return fmt.Sprintf("%s#%d", it.Repo.FullName(), it.Number) }

// Comment is a comment that may hold commands.
type Comment struct {
	ID          int64
	Author      string
	Association string
	// Permission is the author's role on the repository (role_name: admin,
	// maintain, write, triage, read, none), looked up once per comment
	// when their association may come with one; "" when not looked up.
	Permission string
	Body       string
	CreatedAt  time.Time
}

// IssueRef is an open issue suggested as a next step.
type IssueRef struct {
	Number int
	Title  string
	URL    string
}
