package handlers

import (
	"context"
	"encoding/json"

	"github.com/google/go-github/v60/github"
	"github.com/palantir/go-githubapp/githubapp"

	"github.com/mentorbot/mentorbot/app/store"
)

// Repository follows a repository's life: archived work is parked until it
// is unarchived, a renamed repository's work goes on under its new name,
// and the work of a deleted or transferred repository ends.
type Repository struct{ *Base }

var _ githubapp.EventHandler = (*Repository)(nil)

func (h *Repository) Handles() []string { return []string{"repository"} }

func (h *Repository) Handle(ctx context.Context, eventType, deliveryID string, payload []byte) error {
	var event github.RepositoryEvent
	if err := json.Unmarshal(payload, &event); err != nil {
		return decodeError(eventType, err)
	}
	repo, installationID := event.GetRepo(), event.GetInstallation().GetID()
	ctx, logger := githubapp.PrepareRepoContext(ctx, installationID, repo)
	record := store.Repository{ID: repo.GetID(), FullName: repo.GetFullName()}
	switch event.GetAction() {
	case "archived":
		logger.Info().Msg("Parking an archived repository's work")
		return h.Store.SetRepositoryArchived(ctx, installationID, record, true)
	case "unarchived":
		logger.Info().Msg("Resuming an unarchived repository's work")
		if err := h.Store.SetRepositoryArchived(ctx, installationID, record, false); err != nil {
			return err
		}
		return h.Store.DueNow(ctx, repo.GetOwner().GetLogin(), "") // what waited is due now
	case "renamed":
		from := repo.GetOwner().GetLogin() + "/" + event.GetChanges().GetRepo().GetName().GetFrom()
		logger.Info().Str("from", from).Msg("Moving a renamed repository's work to its new name")
		return h.Store.RenameRepository(ctx, repo.GetID(), from, repo.GetFullName())
	case "transferred":
		from := event.GetChanges().GetOwner().GetOwnerInfo()
		owner := from.GetOrg().GetLogin()
		if owner == "" {
			owner = from.GetUser().GetLogin()
		}
		return h.endWork(ctx, store.WorkScope{Repos: []string{owner + "/" + repo.GetName()}}, "repository transferred")
	case "deleted":
		return h.endWork(ctx, store.WorkScope{Repos: []string{repo.GetFullName()}}, "repository deleted")
	default:
		return nil
	}
}
