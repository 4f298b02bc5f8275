package ghemu

import "time"

// Issue is an issue or pull request (Pull is set for pull requests).
type Issue struct {
	Number      int
	ID          int64
	NodeID      string
	Title       string
	Body        string
	Author      string
	State       string // open or closed
	StateReason string // completed, not_planned, reopened or ""
	Labels      []string
	Assignees   []string
	Locked      bool
	CreatedAt   time.Time
	UpdatedAt   time.Time
	ClosedAt    time.Time // zero while open
	ClosedBy    string
	Reactions   []Reaction
	Pull        *PullRequest
}

// PullRequest holds what only pull requests have.
type PullRequest struct {
	ID                 int64
	NodeID             string
	Head               string
	Base               string
	HeadSHA            string
	Files              []PullFile
	RequestedReviewers []string
	Reviews            []Review
	Merged             bool
	MergedAt           time.Time
	MergedBy           string
	MergeCommitSHA     string
	Draft              bool
}

// PullFile is one changed file of a pull request.
type PullFile struct {
	Filename  string
	Status    string // added, modified, removed, renamed
	Additions int
	Deletions int
	Patch     string
	// Content is the file at the pull request's head (contents API with
	// ref = head SHA or branch); nil serves the default branch's copy.
	Content []byte
}

// Review is a submitted pull request review.
type Review struct {
	ID          int64
	NodeID      string
	User        string
	State       string // APPROVED, CHANGES_REQUESTED, COMMENTED, DISMISSED
	Body        string
	SubmittedAt time.Time
}

// Comment is an issue or pull request comment.
type Comment struct {
	ID        int64
	NodeID    string
	Issue     int
	Author    string
	Body      string
	CreatedAt time.Time
	UpdatedAt time.Time
	Reactions []Reaction
}

// Reaction is an emoji reaction; Content is GitHub's name (+1, -1, laugh,
// confused, heart, hooray, rocket, eyes).
type Reaction struct {
	ID        int64
	NodeID    string
	User      string
	Content   string
	CreatedAt time.Time
}

// DiscussionCategory is a repository's discussion category.
type DiscussionCategory struct {
	ID           int64
	NodeID       string
	Name         string
	Slug         string
	Emoji        string
	Description  string
	IsAnswerable bool
	CreatedAt    time.Time
}

// Discussion is a repository discussion; its number comes from the same
// sequence as issues and pull requests.
type Discussion struct {
	Number          int
	ID              int64
	NodeID          string
	CategoryID      int64
	Title           string
	Body            string
	Author          string
	Locked          bool
	Closed          bool
	AnswerCommentID int64
	CreatedAt       time.Time
	UpdatedAt       time.Time
	Comments        []*DiscussionComment
	Reactions       []Reaction
}

// DiscussionComment is a comment on a discussion, or a reply to one
// (ReplyTo is the parent comment's ID).
type DiscussionComment struct {
	ID        int64
	NodeID    string
	ReplyTo   int64
	Author    string
	Body      string
	CreatedAt time.Time
	UpdatedAt time.Time
	Reactions []Reaction
}
