package handlers

import (
	"context"
	"errors"
	"strconv"
	"strings"

	"github.com/google/go-github/v60/github"

	"github.com/mentorbot/mentorbot/app/claims"
	"github.com/mentorbot/mentorbot/app/commands"
	"github.com/mentorbot/mentorbot/app/gatherings"
	"github.com/mentorbot/mentorbot/app/gh"
	"github.com/mentorbot/mentorbot/app/mentoring"
	"github.com/mentorbot/mentorbot/app/program"
	"github.com/mentorbot/mentorbot/app/repoconfig"
)

// CommandRunner is one feature's share of comment commands.
type CommandRunner interface {
	// Run carries out the feature's commands among cmds, read once from
	// comment c, and returns its answers; it posts no reply itself.
	Run(ctx context.Context, api *gh.Client, cfg *repoconfig.Config, it program.Item, c program.Comment, cmds []commands.Command) (Answer, error)
}

// Answer is a feature's share of the one reply to a comment.
type Answer struct {
	Lines []string
	// Replied, when set, is called once the reply is posted or withheld
	// (past the author's budget), never when it failed.
	Replied func(ctx context.Context) error
}

// CommandRunners are the features' comment commands in issues and pull
// requests, in the order they run.
func CommandRunners(p *mentoring.Service, c *claims.Service, g *gatherings.Service) []CommandRunner {
	return []CommandRunner{MentorCommands{p}, ClaimCommands{c}, GatheringCommands{g}}
}

// runCommands reads the commands of comment c (all, parsed once), has
// every feature run its share and posts their answers as one reply. Near
// misses from anyone but maintainers and mentors get no answer.
func (b *Base) runCommands(ctx context.Context, client *github.Client, cfg *repoconfig.Config, it program.Item, c program.Comment, all []commands.Command) error {
	api := b.GitHub.API(client)
	role, err := api.Role(ctx, it.Repo, c.Author, c.Association)
	if err != nil {
		return err
	}
	c.Permission = role
	_, listed := cfg.FindMentor(c.Author)
	r := commands.Select(all, commands.Actor{Association: c.Association, Permission: role, IsListedMentor: listed}.Trusted())
	var lines []string
	var replied []func(context.Context) error
	var errs []error
	for _, run := range b.Commands {
		a, err := run.Run(ctx, api, cfg, it, c, r.Commands)
		lines, errs = append(lines, a.Lines...), append(errs, err)
		if a.Replied != nil {
			replied = append(replied, a.Replied)
		}
	}
	if err := errors.Join(errs...); err != nil {
		return err // a retry answers
	}
	if len(lines) > 0 {
		if note := r.Note(); note != "" {
			lines = append(lines, note)
		}
		if err := b.Program.Reply(ctx, api, it, c, strings.Join(lines, "\n\n")); err != nil {
			return err
		}
	}
	for _, done := range replied {
		errs = append(errs, done(ctx))
	}
	return errors.Join(errs...)
}

// MentorCommands runs /mentor and friends.
type MentorCommands struct{ Svc *mentoring.Service }

func (m MentorCommands) Run(ctx context.Context, api *gh.Client, cfg *repoconfig.Config, it program.Item, c program.Comment, cmds []commands.Command) (Answer, error) {
	lines, err := m.Svc.Commands(ctx, api, cfg, it, c, cmds)
	return Answer{Lines: lines}, err
}

// ClaimCommands runs /claim, /unclaim and plain-language requests.
type ClaimCommands struct{ Svc *claims.Service }

func (c ClaimCommands) Run(ctx context.Context, api *gh.Client, cfg *repoconfig.Config, it program.Item, cm program.Comment, cmds []commands.Command) (Answer, error) {
	lines, keys, err := c.Svc.Commands(ctx, api, cfg, it, cm, cmds)
	a := Answer{Lines: lines}
	if len(keys) > 0 {
		a.Replied = func(ctx context.Context) error { return c.Svc.Finished(ctx, keys) }
	}
	return a, err
}

// GatheringCommands runs /kudos, /faq and /action in issue and pull
// request comments (/action is refused there: it belongs to gathering
// discussions).
type GatheringCommands struct{ Svc *gatherings.Service }

func (h GatheringCommands) Run(ctx context.Context, _ *gh.Client, cfg *repoconfig.Config, it program.Item, c program.Comment, cmds []commands.Command) (Answer, error) {
	id := strconv.FormatInt(c.ID, 10)
	lines, err := h.Svc.IssueCommands(ctx, cfg, gatherings.Place{Repo: it.Repo, Number: it.Number, Title: it.Title, Labels: it.Labels}, gatherings.Comment{
		ID: id, Author: c.Author, Association: c.Association, Permission: c.Permission, Body: c.Body, Own: true,
		URL: it.URL + "#issuecomment-" + id, At: c.CreatedAt,
	}, cmds)
	return Answer{Lines: lines}, err
}
