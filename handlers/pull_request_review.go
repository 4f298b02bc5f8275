package handlers

import (
	"context"
	"encoding/json"

	"github.com/google/go-github/v60/github"
	"github.com/palantir/go-githubapp/githubapp"
)

// PullRequestReview counts a review as a response to a newcomer's pull
// request (time to first response, and the mentor's first reply).
type PullRequestReview struct{ *Base }

var _ githubapp.EventHandler = (*PullRequestReview)(nil)

func (h *PullRequestReview) Handles() []string { return []string{"pull_request_review"} }

func (h *PullRequestReview) Handle(ctx context.Context, eventType, deliveryID string, payload []byte) error {
	var event github.PullRequestReviewEvent
	if err := json.Unmarshal(payload, &event); err != nil {
		return decodeError(eventType, err)
	}
	if event.GetAction() != "submitted" {
		return nil
	}
	pr, review := event.GetPullRequest(), event.GetReview()
	ctx, _ = githubapp.PreparePRContext(ctx, event.GetInstallation().GetID(), event.GetRepo(), pr.GetNumber())
	it := pullRequestItem(event.GetInstallation().GetID(), event.GetRepo(), pr)
	return h.Program.Responded(ctx, it, review.GetUser().GetLogin(), review.GetUser().GetType(), review.GetSubmittedAt().Time)
}
