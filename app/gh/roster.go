package gh

import (
	"context"
	"fmt"
	"net/http"

	"github.com/google/go-github/v60/github"

	"github.com/mentorbot/mentorbot/app/mentoring/roster"
)

var _ roster.Source = (*Client)(nil)

// TeamMembers lists the logins of a team's members: one paginated call,
// revalidated through the client's HTTP cache (a 304 costs no rate limit).
func (c *Client) TeamMembers(ctx context.Context, org, slug string) ([]string, error) {
	var out []string
	err := EachPage(ctx, "team members", func(page int) (*github.Response, error) {
		opt := &github.TeamListTeamMembersOptions{ListOptions: github.ListOptions{PerPage: perPage, Page: page}}
		users, res, err := c.gh.Teams.ListTeamMembersBySlug(ctx, org, slug, opt)
		if err != nil {
			return nil, fmt.Errorf("list members of %s/%s: %w", org, slug, err)
		}
		for _, u := range users {
			out = append(out, u.GetLogin())
		}
		return res, nil
	})
	return out, err
}

// File reads a file of the repository's default branch with one call;
// found is false when there is none.
func (c *Client) File(ctx context.Context, owner, repo, path string) ([]byte, bool, error) {
	f, _, res, err := c.gh.Repositories.GetContents(ctx, owner, repo, path, nil)
	if res != nil && res.StatusCode == http.StatusNotFound {
		return nil, false, nil
	}
	if err != nil {
		return nil, false, fmt.Errorf("read %s: %w", path, err)
	}
	if f == nil {
		return nil, false, nil // a directory
	}
	content, err := f.GetContent()
	if err != nil {
		return nil, false, fmt.Errorf("decode %s: %w", path, err)
	}
	return []byte(content), true, nil
}
