package gh

import (
	"context"
	"fmt"
	"time"

	"github.com/google/go-github/v60/github"
	"github.com/rs/zerolog"

	"github.com/mentorbot/mentorbot/app/claims"
	"github.com/mentorbot/mentorbot/app/program"
)

var _ claims.GitHub = (*Client)(nil)

// maxTimelinePages bounds the timeline read for linked pull requests; a
// starter task with more than a thousand events is not a starter task.
const maxTimelinePages = 10

// LinkedPullRequests reads the issue's timeline for cross-references from
// pull requests, as GitHub records them when a pull request mentions or
// closes the issue.
func (c *Client) LinkedPullRequests(ctx context.Context, r program.Repo, number int) ([]claims.LinkedPR, error) {
	var out []claims.LinkedPR
	opt := &github.ListOptions{PerPage: perPage}
	for page := 0; page < maxTimelinePages; page++ {
		events, res, err := c.gh.Issues.ListIssueTimeline(ctx, r.Owner, r.Name, number, opt)
		if err != nil {
			return nil, fmt.Errorf("list timeline: %w", err)
		}
		for _, ev := range events {
			src := ev.GetSource().GetIssue()
			if ev.GetEvent() != "cross-referenced" || src == nil || !src.IsPullRequest() {
				continue
			}
			repo := src.GetRepository().GetFullName()
			if repo == "" {
				repo = r.FullName()
			}
			out = append(out, claims.LinkedPR{
				Repo: repo, Number: src.GetNumber(), Author: src.GetUser().GetLogin(), State: src.GetState(),
				Merged: !src.GetPullRequestLinks().GetMergedAt().IsZero(),
			})
		}
		if res.NextPage == 0 {
			return out, nil
		}
		opt.Page = res.NextPage
	}
	zerolog.Ctx(ctx).Warn().Str("listing", "issue timeline").Int("pages", maxTimelinePages).Msg("Stopped a listing at its page limit; the rest is left out")
	return out, nil
}

// CommentsSince lists an issue's comments created or edited since a time.
func (c *Client) CommentsSince(ctx context.Context, r program.Repo, number int, since time.Time) ([]claims.CommentRef, error) {
	var out []claims.CommentRef
	err := EachPage(ctx, "issue comments", func(page int) (*github.Response, error) {
		opt := &github.IssueListCommentsOptions{Since: &since, ListOptions: github.ListOptions{PerPage: perPage, Page: page}}
		cms, res, err := c.gh.Issues.ListComments(ctx, r.Owner, r.Name, number, opt)
		if err != nil {
			return nil, fmt.Errorf("list comments: %w", err)
		}
		for _, cm := range cms {
			out = append(out, claims.CommentRef{Author: cm.GetUser().GetLogin(), CreatedAt: cm.GetCreatedAt().Time})
		}
		return res, nil
	})
	return out, err
}

// OpenLabeledIssues lists open, unassigned issues (not pull requests)
// carrying any of the labels, newest first, with their labels: one page
// per label.
func (c *Client) OpenLabeledIssues(ctx context.Context, r program.Repo, labels []string) ([]claims.Issue, error) {
	issues, err := c.openUnassigned(ctx, r, labels, 0)
	if err != nil {
		return nil, err
	}
	out := make([]claims.Issue, 0, len(issues))
	for _, is := range issues {
		out = append(out, claims.Issue{Number: is.GetNumber(), Title: is.GetTitle(), URL: is.GetHTMLURL(), Labels: labelNames(is.Labels)})
	}
	return out, nil
}

func labelNames(ls []*github.Label) []string {
	out := make([]string, 0, len(ls))
	for _, l := range ls {
		out = append(out, l.GetName())
	}
	return out
}
