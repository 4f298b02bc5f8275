// Package mentoring runs the first-timer program: it decides who is a
// newcomer, pairs them with a mentor, welcomes them, follows up and
// celebrates. It takes its rules from the pure packages (newcomer, mentor,
// mentorship) and talks to GitHub only through the GitHub interface.
package mentoring

import (
	"context"
	"github.com/mentorbot/mentorbot/app/program"
	"time"
)

// GitHub is every call the program makes. The gh package implements it
// over go-github; tests use a fake.
type GitHub interface {
	// CountAuthored counts pull requests (kind store.KindPullRequest) or
	// issues by login in owner's repositories created before the given
	// time, with one search call.
	CountAuthored(ctx context.Context, owner, login, kind string, before time.Time) (int, error)
	PullRequestFiles(ctx context.Context, r program.Repo, number int) ([]string, error)
	CreateComment(ctx context.Context, r program.Repo, number int, body string) (int64, error)
	EditComment(ctx context.Context, r program.Repo, id int64, body string) error
	// FindComment looks for the bot's comment carrying marker.
	FindComment(ctx context.Context, r program.Repo, number int, marker string) (int64, bool, error)
	AddLabels(ctx context.Context, r program.Repo, number int, labels []string) error
	RemoveLabel(ctx context.Context, r program.Repo, number int, label string) error
	// Assign assigns login and reports whether GitHub did (it
	// leaves out, with a 201, anyone without access to the repository).
	Assign(ctx context.Context, r program.Repo, number int, login string) (bool, error)
	RemoveAssignees(ctx context.Context, r program.Repo, number int, logins []string) error
	RequestReviewers(ctx context.Context, r program.Repo, number int, logins []string) error
	RemoveReviewers(ctx context.Context, r program.Repo, number int, logins []string) error
	// OpenIssues lists open issues (not pull requests) carrying any of the labels.
	OpenIssues(ctx context.Context, r program.Repo, labels []string, limit int) ([]program.IssueRef, error)
}
