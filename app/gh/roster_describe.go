package gh

import (
	"context"

	"github.com/google/go-github/v60/github"

	"github.com/mentorbot/mentorbot/app/mentoring/roster"
	"github.com/mentorbot/mentorbot/app/repoconfig"
)

// DescribeRoster resolves cfg's roster for owner/repo as LoadConfig does
// (teams and CODEOWNERS through the cached team listing, then each
// mentor's "Busy" status) and says where each mentor comes from.
func (in *Installations) DescribeRoster(ctx context.Context, client *github.Client, owner, repo string, cfg *repoconfig.Config) (*repoconfig.Config, []roster.Origin, error) {
	out, origins, err := roster.Describe(ctx, cachedSource{in.API(client), &in.teams}, owner, repo, cfg)
	if err != nil {
		return nil, nil, err
	}
	if out == cfg { // nothing to merge: mark a copy, not the caller's
		c := *cfg
		c.Mentors = append([]repoconfig.Mentor(nil), cfg.Mentors...)
		out = &c
	}
	in.statuses.Mark(ctx, in.API(client), out)
	return out, origins, nil
}
