// Package gh implements the program's narrow GitHub interfaces over a
// go-github installation client.
package gh

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/google/go-github/v60/github"
	"github.com/rs/zerolog"

	"github.com/mentorbot/mentorbot/app/gh/gherr"
	"github.com/mentorbot/mentorbot/app/mentoring"
	"github.com/mentorbot/mentorbot/app/program"
)

// perPage is the page size of every list call.
const perPage = 100

// Client is the program's view of GitHub for one installation.
type Client struct {
	gh *github.Client
	// appID is this app's GitHub App ID, by which FindComment knows its
	// own bot's comments; 0 takes any bot's.
	appID int64
	// perms caches roles on repositories (see Role); nil asks every time.
	perms *permCache
}

// New wraps an installation client that takes any bot's marked comment
// for its own; the service uses Installations.API, which knows the app.
func New(gh *github.Client) *Client { return &Client{gh: gh} }

var _ mentoring.GitHub = (*Client)(nil)

// CountAuthored counts pull requests or issues login opened in owner's
// repositories before the given time, with one search call.
func (c *Client) CountAuthored(ctx context.Context, owner, login, kind string, before time.Time) (int, error) {
	is := "is:pr"
	if kind == program.KindIssue {
		is = "is:issue"
	}
	q := fmt.Sprintf("%s author:%s user:%s", is, login, owner)
	if !before.IsZero() {
		q += " created:<" + before.UTC().Format(time.RFC3339)
	}
	res, _, err := c.gh.Search.Issues(ctx, q, &github.SearchOptions{ListOptions: github.ListOptions{PerPage: 1}})
	if err != nil {
		return 0, fmt.Errorf("search pull requests: %w", err)
	}
	return res.GetTotal(), nil
}

func (c *Client) PullRequestFiles(ctx context.Context, r program.Repo, number int) ([]string, error) {
	var out []string
	err := EachPage(ctx, "pull request files", func(page int) (*github.Response, error) {
		files, res, err := c.gh.PullRequests.ListFiles(ctx, r.Owner, r.Name, number, &github.ListOptions{PerPage: perPage, Page: page})
		if err != nil {
			return nil, fmt.Errorf("list files: %w", err)
		}
		for _, f := range files {
			out = append(out, f.GetFilename())
		}
		return res, nil
	})
	return out, err
}

func (c *Client) CreateComment(ctx context.Context, r program.Repo, number int, body string) (int64, error) {
	body = fitBody(body)
	cm, _, err := c.gh.Issues.CreateComment(ctx, r.Owner, r.Name, number, &github.IssueComment{Body: &body})
	if err != nil {
		return 0, err
	}
	return cm.GetID(), nil
}

func (c *Client) EditComment(ctx context.Context, r program.Repo, id int64, body string) error {
	body = fitBody(body)
	_, _, err := c.gh.Issues.EditComment(ctx, r.Owner, r.Name, id, &github.IssueComment{Body: &body})
	return err
}

// issueComment is the part of a REST issue comment FindComment reads;
// go-github's IssueComment has no performed_via_github_app.
type issueComment struct {
	ID   int64  `json:"id"`
	Body string `json:"body"`
	User struct {
		Type string `json:"type"`
	} `json:"user"`
	App *struct {
		ID int64 `json:"id"`
	} `json:"performed_via_github_app"`
}

// ours reports whether this app's bot wrote the comment: GitHub names the
// app behind every comment an app's bot writes, so another app's comment
// that copies a marker is not taken for ours.
func (cm issueComment) ours(appID int64) bool {
	if cm.User.Type != "Bot" {
		return false
	}
	return appID == 0 || (cm.App != nil && cm.App.ID == appID)
}

// FindComment looks for this app's comment carrying marker, cheaply and
// boundedly: at most two requests. GitHub lists an issue's comments oldest
// first and offers no sort for them, so it reads the first page (the
// oldest 100, where a welcome sits) and, when there are more, the last
// page named by the Link header (the newest, where nudges and notices
// sit). A marked comment deep inside a thread of more than 200 comments is
// not found; the store's record is what prevents repeats there.
func (c *Client) FindComment(ctx context.Context, r program.Repo, number int, marker string) (int64, bool, error) {
	u := fmt.Sprintf("repos/%s/%s/issues/%d/comments?per_page=%d", url.PathEscape(r.Owner), url.PathEscape(r.Name), number, perPage)
	cms, last, err := c.commentPage(ctx, u, 1)
	if err != nil {
		return 0, false, err
	}
	if last > 1 {
		newest, _, err := c.commentPage(ctx, u, last)
		if err != nil {
			return 0, false, err
		}
		cms = append(cms, newest...)
	}
	for i := len(cms) - 1; i >= 0; i-- { // newest first
		if cms[i].ours(c.appID) && strings.Contains(cms[i].Body, marker) {
			return cms[i].ID, true, nil
		}
	}
	return 0, false, nil
}

// commentPage reads one page of an item's comments and the number of the
// last page (0 when this is the only one).
func (c *Client) commentPage(ctx context.Context, u string, page int) ([]issueComment, int, error) {
	req, err := c.gh.NewRequest(http.MethodGet, fmt.Sprintf("%s&page=%d", u, page), nil)
	if err != nil {
		return nil, 0, err
	}
	var cms []issueComment
	res, err := c.gh.Do(ctx, req, &cms)
	if err != nil {
		return nil, 0, fmt.Errorf("list comments: %w", err)
	}
	return cms, res.LastPage, nil
}

// AddLabels adds labels, leaving out any GitHub would refuse for its
// length (it would answer 422 for the whole request, on every try):
// `mentorbot check` reports those, and here they are logged and skipped.
func (c *Client) AddLabels(ctx context.Context, r program.Repo, number int, labels []string) error {
	labels = fitLabels(ctx, labels)
	if len(labels) == 0 {
		return nil
	}
	_, _, err := c.gh.Issues.AddLabelsToIssue(ctx, r.Owner, r.Name, number, labels)
	return err
}

// RemoveLabel removes a label; one that is not there is no error.
func (c *Client) RemoveLabel(ctx context.Context, r program.Repo, number int, label string) error {
	res, err := c.gh.Issues.RemoveLabelForIssue(ctx, r.Owner, r.Name, number, url.PathEscape(label))
	if res != nil && res.StatusCode == http.StatusNotFound {
		return nil
	}
	return err
}

func (c *Client) AddAssignees(ctx context.Context, r program.Repo, number int, logins []string) error {
	_, _, err := c.gh.Issues.AddAssignees(ctx, r.Owner, r.Name, number, logins)
	return err
}

func (c *Client) RemoveAssignees(ctx context.Context, r program.Repo, number int, logins []string) error {
	_, _, err := c.gh.Issues.RemoveAssignees(ctx, r.Owner, r.Name, number, logins)
	return err
}

func (c *Client) RequestReviewers(ctx context.Context, r program.Repo, number int, logins []string) error {
	_, res, err := c.gh.PullRequests.RequestReviewers(ctx, r.Owner, r.Name, number, github.ReviewersRequest{Reviewers: logins})
	if res != nil && res.StatusCode == http.StatusUnprocessableEntity {
		// GitHub refuses reviewers who cannot review (no access, or the
		// author); the assignment stands without the request.
		return nil
	}
	return err
}

func (c *Client) RemoveReviewers(ctx context.Context, r program.Repo, number int, logins []string) error {
	res, err := c.gh.PullRequests.RemoveReviewers(ctx, r.Owner, r.Name, number, github.ReviewersRequest{Reviewers: logins})
	if res != nil && (res.StatusCode == http.StatusUnprocessableEntity || res.StatusCode == http.StatusNotFound) {
		return nil
	}
	return err
}

// OpenIssues lists open, unassigned issues (not pull requests) carrying
// any of the labels, newest first, at most limit.
func (c *Client) OpenIssues(ctx context.Context, r program.Repo, labels []string, limit int) ([]program.IssueRef, error) {
	issues, err := c.openUnassigned(ctx, r, labels, limit)
	if err != nil {
		return nil, err
	}
	out := make([]program.IssueRef, 0, len(issues))
	for _, is := range issues {
		out = append(out, program.IssueRef{Number: is.GetNumber(), Title: is.GetTitle(), URL: is.GetHTMLURL()})
	}
	return out, nil
}

// openUnassigned lists open, unassigned issues (not pull requests) with
// any of the labels, one page per label, without repeats; limit 0 means
// no limit.
func (c *Client) openUnassigned(ctx context.Context, r program.Repo, labels []string, limit int) ([]*github.Issue, error) {
	var out []*github.Issue
	seen := map[int]bool{}
	for _, label := range labels {
		issues, _, err := c.gh.Issues.ListByRepo(ctx, r.Owner, r.Name, &github.IssueListByRepoOptions{
			State: "open", Labels: []string{label}, Assignee: "none", ListOptions: github.ListOptions{PerPage: 30},
		})
		if gherr.Is(err, gherr.Gone) {
			// Issues are off in the repository (410): it has none to offer.
			zerolog.Ctx(ctx).Debug().Str("repository", r.FullName()).Msg("Issues are off in the repository; no open issues to list")
			return nil, nil
		}
		if err != nil {
			return nil, fmt.Errorf("list issues: %w", err)
		}
		for _, is := range issues {
			if is.IsPullRequest() || seen[is.GetNumber()] {
				continue
			}
			seen[is.GetNumber()] = true
			out = append(out, is)
			if len(out) == limit {
				return out, nil
			}
		}
	}
	return out, nil
}

// IsOrgMember asks GitHub whether login is a member of org; a user-owned
// repository's owner is no organization, which GitHub answers with 404.
func (c *Client) IsOrgMember(ctx context.Context, org, login string) (bool, error) {
	member, res, err := c.gh.Organizations.IsMember(ctx, org, login)
	if res != nil && res.StatusCode == http.StatusNotFound {
		return false, nil
	}
	if err != nil {
		return false, fmt.Errorf("check membership: %w", err)
	}
	return member, nil
}

var _ mentoring.AssigneeReader = (*Client)(nil)

// Assignees lists who is assigned to an issue or pull request now.
func (c *Client) Assignees(ctx context.Context, r program.Repo, number int) ([]string, error) {
	is, _, err := c.gh.Issues.Get(ctx, r.Owner, r.Name, number)
	if err != nil {
		return nil, err
	}
	out := make([]string, 0, len(is.Assignees))
	for _, u := range is.Assignees {
		out = append(out, u.GetLogin())
	}
	return out, nil
}

// Assign assigns login and tells whether GitHub did: it answers 201
// and leaves out anyone without access to the repository, and the
// answer's assignees show which (no read more than the write).
func (c *Client) Assign(ctx context.Context, r program.Repo, number int, login string) (bool, error) {
	is, _, err := c.gh.Issues.AddAssignees(ctx, r.Owner, r.Name, number, []string{login})
	if err != nil {
		return false, err
	}
	for _, u := range is.Assignees {
		if strings.EqualFold(u.GetLogin(), login) {
			return true, nil
		}
	}
	return false, nil
}

// CanBeAssigned asks GitHub whether login may be assigned in the
// repository (204 or 404); it needs no more than the metadata permission.
func (c *Client) CanBeAssigned(ctx context.Context, r program.Repo, login string) (bool, error) {
	can, _, err := c.gh.Issues.IsAssignee(ctx, r.Owner, r.Name, login)
	if err != nil {
		return false, fmt.Errorf("check assignee: %w", err)
	}
	return can, nil
}
