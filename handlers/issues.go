package handlers

import (
	"context"
	"encoding/json"
	"errors"

	"github.com/google/go-github/v60/github"
	"github.com/palantir/go-githubapp/githubapp"

	"github.com/mentorbot/mentorbot/app/program"
	"github.com/mentorbot/mentorbot/app/store"
)

// Issues welcomes first-time contributors' issues and ends their
// mentorships when the issue closes; its labels make and unmake starter
// tasks (good first issues), and assignments record next steps.
type Issues struct{ *Base }

var _ githubapp.EventHandler = (*Issues)(nil)

func (h *Issues) Handles() []string { return []string{"issues"} }

func (h *Issues) Handle(ctx context.Context, eventType, deliveryID string, payload []byte) error {
	var event github.IssuesEvent
	if err := json.Unmarshal(payload, &event); err != nil {
		return decodeError(eventType, err)
	}
	issue, repo := event.GetIssue(), event.GetRepo()
	switch event.GetAction() {
	case "opened", "reopened", "closed", "labeled", "unlabeled", "assigned":
		if err := requireRepo(eventType, repo); err != nil {
			return err
		}
		if err := requireItem(eventType, "issue", issue != nil, issue.GetNumber(), issue.GetUser()); err != nil {
			return err
		}
	case "deleted", "transferred":
		if err := requireRepo(eventType, repo); err != nil {
			return err
		}
		if issue == nil || issue.GetNumber() <= 0 {
			return malformed(eventType, "issue is null or has no number")
		}
		ctx, _ = githubapp.PreparePRContext(ctx, event.GetInstallation().GetID(), repo, issue.GetNumber())
		return h.endWork(ctx, store.WorkScope{Repos: []string{repo.GetFullName()}, Number: issue.GetNumber()}, "issue "+event.GetAction())
	default:
		return nil
	}
	if issue.IsPullRequest() {
		return nil
	}
	ctx, _ = githubapp.PreparePRContext(ctx, event.GetInstallation().GetID(), repo, issue.GetNumber())
	client, installationID, err := h.client(ctx, event.GetInstallation().GetID(), repo)
	if err != nil {
		return err
	}
	it := issueItem(installationID, repo, issue)
	cfg, err := h.GitHub.LoadConfig(ctx, client, it.Repo.Owner, it.Repo.Name)
	if skip, err := skip(ctx, err); skip {
		return err
	}
	api := h.GitHub.API(client)
	switch event.GetAction() {
	case "labeled":
		if issue.GetState() != "open" {
			return nil
		}
		return h.Claims.Labeled(ctx, api, cfg, it, event.GetLabel().GetName())
	case "unlabeled":
		return h.Claims.Unlabeled(ctx, api, cfg, it, event.GetLabel().GetName())
	case "assigned":
		return h.Claims.Assigned(ctx, cfg, it, event.GetAssignee().GetLogin(), issue.GetUpdatedAt().Time)
	case "closed":
		return errors.Join(
			h.Program.Closed(ctx, api, cfg, it, false, issue.GetClosedAt().Time),
			h.Claims.IssueClosed(ctx, api, cfg, it))
	case "reopened":
		if err := h.Claims.Reopened(ctx, api, cfg, it); err != nil {
			return err
		}
	}
	return h.Program.Opened(ctx, api, cfg, it)
}

func issueItem(installationID int64, repo *github.Repository, issue *github.Issue) program.Item {
	return program.Item{
		Repo:           repoOf(repo),
		InstallationID: installationID,
		Number:         issue.GetNumber(),
		Kind:           program.KindIssue,
		Author:         issue.GetUser().GetLogin(),
		AuthorType:     issue.GetUser().GetType(),
		Association:    issue.GetAuthorAssociation(),
		Title:          issue.GetTitle(),
		URL:            issue.GetHTMLURL(),
		CreatedAt:      issue.GetCreatedAt().Time,
		Labels:         labelNames(issue.Labels),
		NoComments:     issue.Comments != nil && *issue.Comments == 0,
	}
}
