package handlers

import (
	"context"
	"encoding/json"

	"github.com/google/go-github/v60/github"
	"github.com/palantir/go-githubapp/githubapp"
	"github.com/rs/zerolog"

	"github.com/mentorbot/mentorbot/app/commands"
	"github.com/mentorbot/mentorbot/app/program"
)

// IssueComment counts replies to newcomers and runs comment commands.
type IssueComment struct{ *Base }

var _ githubapp.EventHandler = (*IssueComment)(nil)

func (h *IssueComment) Handles() []string { return []string{"issue_comment"} }

func (h *IssueComment) Handle(ctx context.Context, eventType, deliveryID string, payload []byte) error {
	var event github.IssueCommentEvent
	if err := json.Unmarshal(payload, &event); err != nil {
		return decodeError(eventType, err)
	}
	if event.GetAction() != "created" {
		return nil
	}
	issue, repo, comment := event.GetIssue(), event.GetRepo(), event.GetComment()
	ctx, _ = githubapp.PreparePRContext(ctx, event.GetInstallation().GetID(), repo, issue.GetNumber())
	it := issueItem(event.GetInstallation().GetID(), repo, issue)
	if issue.IsPullRequest() {
		it.Kind = "pull_request"
	}
	author := comment.GetUser()
	if err := h.Program.Responded(ctx, it, author.GetLogin(), author.GetType(), comment.GetCreatedAt().Time); err != nil {
		return err
	}
	if !issue.IsPullRequest() && author.GetType() != "Bot" {
		// Any comment by a claimer on their task keeps the claim alive.
		if _, err := h.Store.RecordClaimActivity(ctx, it.Repo.FullName(), it.Number, author.GetLogin(), comment.GetCreatedAt().Time, 0); err != nil {
			return err
		}
	}
	if author.GetType() == "Bot" {
		return nil
	}
	// The one parse of the comment; plain language may still ask to claim.
	all := commands.Parse(comment.GetBody())
	if len(all) == 0 && !commands.ClaimIntent(comment.GetBody()) {
		return nil
	}

	client, installationID, err := h.client(ctx, event.GetInstallation().GetID(), repo)
	if err != nil {
		return err
	}
	it.InstallationID = installationID
	cfg, err := h.GitHub.LoadConfig(ctx, client, it.Repo.Owner, it.Repo.Name)
	if skip, err := skip(ctx, err); skip {
		return err
	}
	zerolog.Ctx(ctx).Debug().Int64("comment_id", comment.GetID()).Msg("Running comment commands")
	c := program.Comment{
		ID:          comment.GetID(),
		Author:      author.GetLogin(),
		Association: comment.GetAuthorAssociation(),
		Body:        comment.GetBody(),
		CreatedAt:   comment.GetCreatedAt().Time,
	}
	return h.runCommands(ctx, client, cfg, it, c, all)
}
