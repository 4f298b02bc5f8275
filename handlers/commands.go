package handlers

import (
	"context"
	"strconv"

	"github.com/google/go-github/v60/github"

	"github.com/mentorbot/mentorbot/app/claims"
	"github.com/mentorbot/mentorbot/app/gatherings"
	"github.com/mentorbot/mentorbot/app/gh"
	"github.com/mentorbot/mentorbot/app/mentoring"
	"github.com/mentorbot/mentorbot/app/program"
	"github.com/mentorbot/mentorbot/app/repoconfig"
)

// CommandRunners are the features' comment commands in issues and pull
// requests, in the order they run.
func CommandRunners(p *mentoring.Service, c *claims.Service, g *gatherings.Service) []CommandRunner {
	return []CommandRunner{MentorCommands{p}, ClaimCommands{c}, GatheringCommands{g}}
}

// MentorCommands runs /mentor and friends.
type MentorCommands struct{ Svc *mentoring.Service }

func (m MentorCommands) Wants(body string) bool { return mentoring.HasCommands(body) }

func (m MentorCommands) Run(ctx context.Context, client *github.Client, cfg *repoconfig.Config, it program.Item, c program.Comment) error {
	return m.Svc.Commands(ctx, gh.New(client), cfg, it, c)
}

// ClaimCommands runs /claim, /unclaim and plain-language requests.
type ClaimCommands struct{ Svc *claims.Service }

func (c ClaimCommands) Wants(body string) bool { return claims.Wants(body) }

func (c ClaimCommands) Run(ctx context.Context, client *github.Client, cfg *repoconfig.Config, it program.Item, cm program.Comment) error {
	return c.Svc.Commands(ctx, gh.New(client), cfg, it, cm)
}

// GatheringCommands runs /kudos, /faq and /action in issue and pull
// request comments (/action is refused there: it belongs to gathering
// discussions).
type GatheringCommands struct{ Svc *gatherings.Service }

func (h GatheringCommands) Wants(body string) bool { return gatherings.HasCommands(body) }

func (h GatheringCommands) Run(ctx context.Context, client *github.Client, cfg *repoconfig.Config, it program.Item, c program.Comment) error {
	id := strconv.FormatInt(c.ID, 10)
	return h.Svc.IssueCommands(ctx, gh.New(client), cfg, gatherings.Place{Repo: it.Repo, Number: it.Number}, gatherings.Comment{
		ID: id, Author: c.Author, Association: c.Association, Body: c.Body, Own: true,
		URL: it.URL + "#issuecomment-" + id, At: c.CreatedAt,
	})
}
