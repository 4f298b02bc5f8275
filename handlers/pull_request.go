package handlers

import (
	"context"
	"encoding/json"
	"errors"

	"github.com/google/go-github/v60/github"
	"github.com/palantir/go-githubapp/githubapp"

	"github.com/mentorbot/mentorbot/app/gh"
	"github.com/mentorbot/mentorbot/app/program"
)

// PullRequest welcomes first-time contributors' pull requests, checks
// changes to mentorship.yml, and closes mentorships on merge or close. A
// pull request that closes a starter task ("Fixes #12") keeps its
// author's claim alive, and completes the task when merged.
type PullRequest struct{ *Base }

var _ githubapp.EventHandler = (*PullRequest)(nil)

func (h *PullRequest) Handles() []string { return []string{"pull_request"} }

func (h *PullRequest) Handle(ctx context.Context, eventType, deliveryID string, payload []byte) error {
	var event github.PullRequestEvent
	if err := json.Unmarshal(payload, &event); err != nil {
		return decodeError(eventType, err)
	}
	switch event.GetAction() {
	case "opened", "reopened", "synchronize", "closed":
	default:
		return nil
	}
	pr, repo := event.GetPullRequest(), event.GetRepo()
	if err := requireRepo(eventType, repo); err != nil {
		return err
	}
	if err := requireItem(eventType, "pull_request", pr != nil, pr.GetNumber(), pr.GetUser()); err != nil {
		return err
	}
	ctx, _ = githubapp.PreparePRContext(ctx, event.GetInstallation().GetID(), repo, pr.GetNumber())

	client, installationID, err := h.client(ctx, event.GetInstallation().GetID(), repo)
	if err != nil {
		return err
	}
	api := h.GitHub.API(client)
	it := pullRequestItem(installationID, repo, pr)
	// The configuration first: a repository without one is left alone, at
	// the cost of one (cached) read, not a list of the changed files.
	cfg, cfgErr := h.GitHub.LoadConfig(ctx, client, it.Repo.Owner, it.Repo.Name)
	var invalid *gh.InvalidConfigError
	if cfgErr != nil && !errors.As(cfgErr, &invalid) {
		_, err := skip(ctx, cfgErr) // off (nil) or unreadable (retried)
		return err
	}
	if event.GetAction() != "closed" {
		// The files serve both the areas and the check of a changed
		// mentorship.yml, which runs even while the current one is invalid
		// (the pull request may be fixing it).
		files, err := api.PullRequestFiles(ctx, it.Repo, it.Number)
		if err != nil {
			return err
		}
		it.Files = files
		if err := h.checkConfigChange(ctx, client, it, pr.GetHead().GetSHA()); err != nil {
			return err
		}
	}
	if skip, err := skip(ctx, cfgErr); skip {
		return err
	}

	switch event.GetAction() {
	case "closed":
		return errors.Join(
			h.Program.Closed(ctx, api, cfg, it, pr.GetMerged(), pr.GetClosedAt().Time),
			h.Claims.PullRequestClosed(ctx, api, cfg, it, pr.GetBody(), pr.GetMerged(), pr.GetClosedAt().Time))
	case "synchronize": // a push to the pull request: its author is not idle
		return h.Program.MenteeActive(ctx, it, event.GetSender().GetLogin(), event.GetSender().GetType(), pr.GetUpdatedAt().Time)
	case "opened", "reopened":
		return errors.Join(
			h.Program.Opened(ctx, api, cfg, it),
			h.Claims.PullRequestOpened(ctx, api, cfg, it, pr.GetBody()))
	}
	return nil
}

func pullRequestItem(installationID int64, repo *github.Repository, pr *github.PullRequest) program.Item {
	return program.Item{
		Repo:           repoOf(repo),
		InstallationID: installationID,
		Number:         pr.GetNumber(),
		Kind:           program.KindPullRequest,
		Author:         pr.GetUser().GetLogin(),
		AuthorType:     pr.GetUser().GetType(),
		Association:    pr.GetAuthorAssociation(),
		Title:          pr.GetTitle(),
		URL:            pr.GetHTMLURL(),
		CreatedAt:      pr.GetCreatedAt().Time,
		Labels:         labelNames(pr.Labels),
		NoComments:     pr.Comments != nil && *pr.Comments == 0,
	}
}
