// Package claims runs good first issues: a label makes an issue a starter
// task with a guide, /claim and /unclaim take and release it (with a fair
// waiting list and a mentor from the program's rotation), idle claims are
// reminded and released, and a merged pull request completes the task and
// suggests next steps. Its rules are pure functions (rules.go); state lives
// in the store, and every GitHub write is an effect stored with the change
// that caused it, so a retry finishes the work without doing any twice.
package claims

import (
	"context"
	"time"

	"github.com/mentorbot/mentorbot/app/mentoring"
	"github.com/mentorbot/mentorbot/app/program"
)

// GitHub is what the feature needs of GitHub: the program's calls
// (comments, labels, assignees) and three of its own.
type GitHub interface {
	mentoring.GitHub
	// LinkedPullRequests lists the pull requests whose timeline entries
	// cross-reference the issue.
	LinkedPullRequests(ctx context.Context, r program.Repo, number int) ([]LinkedPR, error)
	// CommentsSince lists the issue's comments created or edited at or
	// after since.
	CommentsSince(ctx context.Context, r program.Repo, number int, since time.Time) ([]CommentRef, error)
	// OpenLabeledIssues lists open, unassigned issues (not pull requests)
	// carrying any of labels, newest first, with their labels.
	OpenLabeledIssues(ctx context.Context, r program.Repo, labels []string) ([]Issue, error)
}

// LinkedPR is a pull request that refers to an issue.
type LinkedPR struct {
	Repo   string // "owner/name"
	Number int
	Author string
	State  string // "open" or "closed"
	Merged bool
}

// CommentRef is who commented, and when.
type CommentRef struct {
	Author    string
	CreatedAt time.Time
}

// Issue is an open issue that may be suggested as a next step.
type Issue struct {
	Number int
	Title  string
	URL    string
	Labels []string
}
