package gh

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/google/go-github/v60/github"
	"github.com/rs/zerolog"
	"github.com/shurcooL/githubv4"

	"github.com/mentorbot/mentorbot/app/gatherings"
	"github.com/mentorbot/mentorbot/app/program"
)

// Page sizes of the discussion queries (GitHub allows at most 100).
const (
	categoryPage   = 100
	markerSearch   = 50  // the latest discussions of a category searched for a marker
	commentsPage   = 100 // comments of a discussion read per call
	repliesPerNode = 100 // replies read per comment
)

// Discussions is office hours' view of GitHub for one installation:
// Discussions through the GraphQL API, issues through the REST API.
type Discussions struct {
	*Client
	v4 *githubv4.Client
}

// NewDiscussions wraps an installation's REST and GraphQL clients.
func NewDiscussions(v3 *github.Client, v4 *githubv4.Client) *Discussions {
	return &Discussions{Client: New(v3), v4: v4}
}

var _ gatherings.GitHub = (*Discussions)(nil)

// repositoryQuery finds a repository, whether Discussions are on, and a
// page of its discussion categories.
type repositoryQuery struct {
	Repository struct {
		ID                    githubv4.ID
		HasDiscussionsEnabled bool
		DiscussionCategories  struct {
			Nodes    []struct{ ID, Name string }
			PageInfo pageInfo
		} `graphql:"discussionCategories(first: $first, after: $after)"`
	} `graphql:"repository(owner: $owner, name: $name)"`
}

type pageInfo struct {
	HasNextPage bool
	EndCursor   githubv4.String
}

// DiscussionRepository reads a repository's node ID, whether it has
// Discussions on, and all its categories. A repository that does not exist
// or that the installation cannot see is gatherings.ErrUnreachable.
func (d *Discussions) DiscussionRepository(ctx context.Context, owner, name string) (gatherings.DiscussionRepo, error) {
	var out gatherings.DiscussionRepo
	vars := map[string]any{
		"owner": githubv4.String(owner), "name": githubv4.String(name),
		"first": githubv4.Int(categoryPage), "after": (*githubv4.String)(nil),
	}
	err := EachCursor(ctx, "discussion categories", func(after *githubv4.String) (pageInfo, error) {
		vars["after"] = after
		var q repositoryQuery
		err := d.v4.Query(ctx, &q, vars)
		if q.Repository.ID == nil && (err == nil || isGraphQLError(err)) {
			return pageInfo{}, fmt.Errorf("repository %s/%s: %w", owner, name, gatherings.ErrUnreachable)
		}
		if err != nil {
			return pageInfo{}, fmt.Errorf("read repository %s/%s: %w", owner, name, err)
		}
		out.ID = nodeID(q.Repository.ID)
		out.DiscussionsEnabled = q.Repository.HasDiscussionsEnabled
		for _, c := range q.Repository.DiscussionCategories.Nodes {
			out.Categories = append(out.Categories, gatherings.Category{ID: c.ID, Name: c.Name})
		}
		return q.Repository.DiscussionCategories.PageInfo, nil
	})
	return out, err
}

// postFields are what the bot keeps of a discussion or comment it wrote.
type postFields struct {
	ID     githubv4.ID
	Number int
	URL    string
}

type commentFields struct {
	ID  githubv4.ID
	URL string
}

// CreateDiscussion starts a discussion in a category.
func (d *Discussions) CreateDiscussion(ctx context.Context, repoID, categoryID, title, body string) (gatherings.Post, error) {
	var m struct {
		CreateDiscussion struct {
			Discussion postFields
		} `graphql:"createDiscussion(input: $input)"`
	}
	in := githubv4.CreateDiscussionInput{RepositoryID: repoID, CategoryID: categoryID, Title: githubv4.String(title), Body: githubv4.String(fitBody(body))}
	if err := d.v4.Mutate(ctx, &m, in, nil); err != nil {
		return gatherings.Post{}, fmt.Errorf("create discussion: %w", err)
	}
	p := m.CreateDiscussion.Discussion
	return gatherings.Post{ID: nodeID(p.ID), Number: p.Number, URL: p.URL}, nil
}

// UpdateDiscussion replaces a discussion's title and body.
func (d *Discussions) UpdateDiscussion(ctx context.Context, id, title, body string) error {
	var m struct {
		UpdateDiscussion struct {
			Discussion struct{ ID githubv4.ID }
		} `graphql:"updateDiscussion(input: $input)"`
	}
	in := githubv4.UpdateDiscussionInput{DiscussionID: id, Title: githubv4.NewString(githubv4.String(title)), Body: githubv4.NewString(githubv4.String(fitBody(body)))}
	err := d.v4.Mutate(ctx, &m, in, nil)
	if isGraphQLError(err) && strings.Contains(err.Error(), "Could not resolve to a node") {
		return fmt.Errorf("update discussion: %w (%w)", gatherings.ErrGone, err)
	}
	if err != nil {
		return fmt.Errorf("update discussion: %w", err)
	}
	return nil
}

// FindDiscussion looks through the latest discussions of a category for
// one the app wrote that carries marker.
func (d *Discussions) FindDiscussion(ctx context.Context, owner, name, categoryID, marker string) (gatherings.Post, bool, error) {
	var q struct {
		Repository struct {
			Discussions struct {
				Nodes []struct {
					postFields
					Body            string
					ViewerDidAuthor bool
				}
			} `graphql:"discussions(first: $first, categoryId: $category, orderBy: {field: CREATED_AT, direction: DESC})"`
		} `graphql:"repository(owner: $owner, name: $name)"`
	}
	vars := map[string]any{
		"owner": githubv4.String(owner), "name": githubv4.String(name),
		"category": githubv4.ID(categoryID), "first": githubv4.Int(markerSearch),
	}
	if err := d.v4.Query(ctx, &q, vars); err != nil {
		return gatherings.Post{}, false, fmt.Errorf("search discussions: %w", err)
	}
	for _, n := range q.Repository.Discussions.Nodes {
		if n.ViewerDidAuthor && strings.Contains(n.Body, marker) {
			return gatherings.Post{ID: nodeID(n.ID), Number: n.Number, URL: n.URL}, true, nil
		}
	}
	return gatherings.Post{}, false, nil
}

// AddDiscussionComment comments on a discussion, or replies in the thread
// of the comment replyToID when it is not empty.
func (d *Discussions) AddDiscussionComment(ctx context.Context, discussionID, replyToID, body string) (gatherings.Post, error) {
	var m struct {
		AddDiscussionComment struct {
			Comment commentFields
		} `graphql:"addDiscussionComment(input: $input)"`
	}
	in := githubv4.AddDiscussionCommentInput{DiscussionID: discussionID, Body: githubv4.String(fitBody(body))}
	if replyToID != "" {
		in.ReplyToID = githubv4.NewID(replyToID)
	}
	if err := d.v4.Mutate(ctx, &m, in, nil); err != nil {
		return gatherings.Post{}, fmt.Errorf("add discussion comment: %w", err)
	}
	return gatherings.Post{ID: nodeID(m.AddDiscussionComment.Comment.ID), URL: m.AddDiscussionComment.Comment.URL}, nil
}

// UpdateDiscussionComment replaces a discussion comment's body.
func (d *Discussions) UpdateDiscussionComment(ctx context.Context, id, body string) error {
	var m struct {
		UpdateDiscussionComment struct {
			Comment struct{ ID githubv4.ID }
		} `graphql:"updateDiscussionComment(input: $input)"`
	}
	if err := d.v4.Mutate(ctx, &m, githubv4.UpdateDiscussionCommentInput{CommentID: id, Body: githubv4.String(fitBody(body))}, nil); err != nil {
		return fmt.Errorf("update discussion comment: %w", err)
	}
	return nil
}

// markedComment is a comment searched for the bot's marker.
type markedComment struct {
	commentFields
	Body            string
	ViewerDidAuthor bool
}

// FindDiscussionComment looks for a comment the app wrote that carries
// marker: among the latest comments of a discussion, or among the latest
// replies to a discussion comment, whichever parentID is.
func (d *Discussions) FindDiscussionComment(ctx context.Context, parentID, marker string) (gatherings.Post, bool, error) {
	var q struct {
		Node struct {
			Discussion struct {
				Comments struct{ Nodes []markedComment } `graphql:"comments(last: $last)"`
			} `graphql:"... on Discussion"`
			DiscussionComment struct {
				Replies struct{ Nodes []markedComment } `graphql:"replies(last: $last)"`
			} `graphql:"... on DiscussionComment"`
		} `graphql:"node(id: $id)"`
	}
	if err := d.v4.Query(ctx, &q, map[string]any{"id": githubv4.ID(parentID), "last": githubv4.Int(commentsPage)}); err != nil {
		return gatherings.Post{}, false, fmt.Errorf("search discussion comments: %w", err)
	}
	for _, c := range append(q.Node.Discussion.Comments.Nodes, q.Node.DiscussionComment.Replies.Nodes...) {
		if c.ViewerDidAuthor && strings.Contains(c.Body, marker) {
			return gatherings.Post{ID: nodeID(c.ID), URL: c.URL}, true, nil
		}
	}
	return gatherings.Post{}, false, nil
}

// ThreadOf returns the comment that starts the thread of a discussion
// comment: its parent for a reply, else the comment itself.
func (d *Discussions) ThreadOf(ctx context.Context, commentID string) (string, error) {
	var q struct {
		Node struct {
			DiscussionComment struct {
				ReplyTo struct{ ID githubv4.ID }
			} `graphql:"... on DiscussionComment"`
		} `graphql:"node(id: $id)"`
	}
	if err := d.v4.Query(ctx, &q, map[string]any{"id": githubv4.ID(commentID)}); err != nil {
		return "", fmt.Errorf("read discussion comment: %w", err)
	}
	if parent := nodeID(q.Node.DiscussionComment.ReplyTo.ID); parent != "" {
		return parent, nil
	}
	return commentID, nil
}

// activityComment is a comment or reply as the recap reads it.
type activityComment struct {
	ID        githubv4.ID
	URL       string
	Body      string
	CreatedAt time.Time
	Author    struct {
		Typename string `graphql:"__typename"`
		Login    string
	}
	ViewerDidAuthor bool
}

// DiscussionActivity reads the RSVPs (👍 and 😕) of a discussion and its
// comments and replies, in order, boundedly: anyone can comment, so at
// most MaxPages pages of commentsPage comments are read, and at most
// repliesPerNode replies of each; what is left out is logged.
func (d *Discussions) DiscussionActivity(ctx context.Context, id string) (gatherings.Activity, error) {
	var out gatherings.Activity
	vars := map[string]any{"id": githubv4.ID(id), "first": githubv4.Int(commentsPage), "replies": githubv4.Int(repliesPerNode), "after": (*githubv4.String)(nil)}
	cutReplies := 0
	err := EachCursor(ctx, "discussion comments", func(after *githubv4.String) (pageInfo, error) {
		vars["after"] = after
		var q struct {
			Node struct {
				Discussion struct {
					Attending struct{ TotalCount int } `graphql:"attending: reactions(content: THUMBS_UP)"`
					Maybe     struct{ TotalCount int } `graphql:"maybe: reactions(content: CONFUSED)"`
					Comments  struct {
						Nodes []struct {
							activityComment
							Replies struct {
								TotalCount int
								Nodes      []activityComment
							} `graphql:"replies(first: $replies)"`
						}
						PageInfo pageInfo
					} `graphql:"comments(first: $first, after: $after)"`
				} `graphql:"... on Discussion"`
			} `graphql:"node(id: $id)"`
		}
		if err := d.v4.Query(ctx, &q, vars); err != nil {
			return pageInfo{}, fmt.Errorf("read discussion activity: %w", err)
		}
		dq := q.Node.Discussion
		out.Attending, out.Maybe = dq.Attending.TotalCount, dq.Maybe.TotalCount
		for _, c := range dq.Comments.Nodes {
			out.Comments = append(out.Comments, c.activityComment.comment())
			for _, r := range c.Replies.Nodes {
				out.Comments = append(out.Comments, r.comment())
			}
			cutReplies += max(0, c.Replies.TotalCount-len(c.Replies.Nodes))
		}
		return dq.Comments.PageInfo, nil
	})
	if cutReplies > 0 {
		zerolog.Ctx(ctx).Warn().Str("listing", "discussion replies").Int("left_out", cutReplies).Int("per_comment", repliesPerNode).
			Msg("Stopped a listing at its page limit; the rest is left out")
	}
	return out, err
}

func (c activityComment) comment() gatherings.ActivityComment {
	return gatherings.ActivityComment{
		ID: nodeID(c.ID), URL: c.URL, Body: c.Body, CreatedAt: c.CreatedAt, Author: c.Author.Login,
		IsBot: c.Author.Typename == "Bot" || c.ViewerDidAuthor,
	}
}

// Pulse counts the 👍 and 👎 on a discussion or discussion comment.
func (d *Discussions) Pulse(ctx context.Context, id string) (up, down int, err error) {
	var q struct {
		Node struct {
			Reactable struct {
				Up   struct{ TotalCount int } `graphql:"up: reactions(content: THUMBS_UP)"`
				Down struct{ TotalCount int } `graphql:"down: reactions(content: THUMBS_DOWN)"`
			} `graphql:"... on Reactable"`
		} `graphql:"node(id: $id)"`
	}
	if err := d.v4.Query(ctx, &q, map[string]any{"id": githubv4.ID(id)}); err != nil {
		return 0, 0, fmt.Errorf("read pulse: %w", err)
	}
	return q.Node.Reactable.Up.TotalCount, q.Node.Reactable.Down.TotalCount, nil
}

// CreateIssue opens an issue and returns its number.
func (d *Discussions) CreateIssue(ctx context.Context, r program.Repo, title, body string) (int, error) {
	body = fitBody(body)
	is, _, err := d.gh.Issues.Create(ctx, r.Owner, r.Name, &github.IssueRequest{Title: &title, Body: &body})
	if err != nil {
		return 0, fmt.Errorf("create issue: %w", err)
	}
	return is.GetNumber(), nil
}

// CloseIssue comments on an issue and closes it as completed.
func (d *Discussions) CloseIssue(ctx context.Context, r program.Repo, number int, comment string) error {
	if _, err := d.CreateComment(ctx, r, number, comment); err != nil {
		return fmt.Errorf("comment on issue: %w", err)
	}
	state, reason := "closed", "completed"
	if _, _, err := d.gh.Issues.Edit(ctx, r.Owner, r.Name, number, &github.IssueRequest{State: &state, StateReason: &reason}); err != nil {
		return fmt.Errorf("close issue: %w", err)
	}
	return nil
}

// nodeID reads a GraphQL ID as decoded from JSON.
func nodeID(id githubv4.ID) string {
	s, _ := id.(string)
	return s
}

// isGraphQLError tells an answer that carried GraphQL errors (the request
// went through and GitHub answered) from a request that failed. The
// GraphQL client keeps its error list in an unexported type and wraps
// nothing, so the type's name is the one mark it leaves.
func isGraphQLError(err error) bool {
	return fmt.Sprintf("%T", err) == "graphql.errors"
}
