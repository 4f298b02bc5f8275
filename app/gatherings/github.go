package gatherings

import (
	"context"
	"errors"
	"github.com/mentorbot/mentorbot/app/program"
	"time"
)

// ErrUnreachable is a repository that does not exist or that the app's
// installation cannot see.
var ErrUnreachable = errors.New("repository not found or not accessible to the app")

// ErrGone is a discussion that no longer exists (someone deleted it).
var ErrGone = errors.New("the discussion is gone")

// DiscussionRepo is a repository as office hours need it.
type DiscussionRepo struct {
	ID                 string // node ID
	DiscussionsEnabled bool
	Categories         []Category
}

// Category is a discussion category.
type Category struct{ ID, Name string }

// Post is a discussion or discussion comment the app wrote.
type Post struct {
	ID     string // node ID
	Number int    // a discussion's number; 0 for a comment
	URL    string
}

// Activity is what people did on an announcement.
type Activity struct {
	Attending int // 👍 on the discussion
	Maybe     int // 😕
	// Comments are the comments and their replies, each reply after its
	// comment.
	Comments []ActivityComment
}

// ActivityComment is one comment or reply.
type ActivityComment struct {
	ID        string
	URL       string
	Author    string
	Body      string
	IsBot     bool // a bot wrote it (the app included)
	CreatedAt time.Time
}

// IssueGitHub is what the commands need in issues and pull requests.
type IssueGitHub interface {
	CreateComment(ctx context.Context, r program.Repo, number int, body string) (int64, error)
	// FindComment looks for the bot's comment carrying marker.
	FindComment(ctx context.Context, r program.Repo, number int, marker string) (int64, bool, error)
}

// GitHub is every call office hours make for one installation. The gh
// package implements it (Discussions through GraphQL, issues through REST).
type GitHub interface {
	IssueGitHub
	// DiscussionRepository reads a repository's node ID, whether
	// Discussions are on and its categories; ErrUnreachable when the
	// repository cannot be read.
	DiscussionRepository(ctx context.Context, owner, name string) (DiscussionRepo, error)
	CreateDiscussion(ctx context.Context, repoID, categoryID, title, body string) (Post, error)
	// UpdateDiscussion replaces a discussion's title and body; ErrGone
	// when the discussion no longer exists.
	UpdateDiscussion(ctx context.Context, id, title, body string) error
	// FindDiscussion looks through the latest discussions of a category
	// for the app's one carrying marker.
	FindDiscussion(ctx context.Context, owner, name, categoryID, marker string) (Post, bool, error)
	// AddDiscussionComment comments on a discussion, or replies in the
	// thread of replyToID when it is not empty.
	AddDiscussionComment(ctx context.Context, discussionID, replyToID, body string) (Post, error)
	UpdateDiscussionComment(ctx context.Context, id, body string) error
	// FindDiscussionComment looks for the app's comment carrying marker
	// among a discussion's comments or a comment's replies.
	FindDiscussionComment(ctx context.Context, parentID, marker string) (Post, bool, error)
	// ThreadOf is the top comment of a reply's thread, or the comment
	// itself when it is not a reply.
	ThreadOf(ctx context.Context, commentID string) (string, error)
	DiscussionActivity(ctx context.Context, id string) (Activity, error)
	// Pulse counts 👍 and 👎 on a discussion or discussion comment.
	Pulse(ctx context.Context, id string) (up, down int, err error)
	CreateIssue(ctx context.Context, r program.Repo, title, body string) (int, error)
	// CloseIssue comments on an issue and closes it.
	CloseIssue(ctx context.Context, r program.Repo, number int, comment string) error
	// OpenIssues lists open, unassigned issues carrying any of the labels.
	OpenIssues(ctx context.Context, r program.Repo, labels []string, limit int) ([]program.IssueRef, error)
}
