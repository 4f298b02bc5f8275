package handlers

import (
	"context"
	"encoding/json"
	"strings"

	"github.com/google/go-github/v60/github"
	"github.com/palantir/go-githubapp/githubapp"
	"github.com/rs/zerolog"

	"github.com/mentorbot/mentorbot/app/store"
)

// InstallationRepositories keeps the list of covered repositories current.
type InstallationRepositories struct{ *Base }

var _ githubapp.EventHandler = (*InstallationRepositories)(nil)

func (h *InstallationRepositories) Handles() []string { return []string{"installation_repositories"} }

func (h *InstallationRepositories) Handle(ctx context.Context, eventType, deliveryID string, payload []byte) error {
	var event github.InstallationRepositoriesEvent
	if err := json.Unmarshal(payload, &event); err != nil {
		return decodeError(eventType, err)
	}
	inst := event.GetInstallation()
	logger := zerolog.Ctx(ctx).With().Int64(githubapp.LogKeyInstallationID, inst.GetID()).Logger()

	switch event.GetAction() {
	case "added", "removed":
	default:
		logger.Debug().Str("action", event.GetAction()).Msg("Ignoring installation_repositories action")
		return nil
	}
	// The installation may predate the app's store (or its event was lost):
	// record it so the repositories have an owner.
	err := h.Store.SaveInstallation(ctx, store.Installation{
		ID:          inst.GetID(),
		Account:     inst.GetAccount().GetLogin(),
		AccountType: inst.GetAccount().GetType(),
	})
	if err != nil {
		return err
	}
	if err := h.Store.AddRepositories(ctx, inst.GetID(), repositories(event.RepositoriesAdded)); err != nil {
		return err
	}
	for _, r := range event.RepositoriesAdded { // they may run office hours: the next scheduler run looks
		check := store.Due{Job: store.DueHoursCheck, Item: strings.ToLower(r.GetFullName()), InstallationID: inst.GetID(), Repo: r.GetFullName()}
		if err := h.Store.SetDue(ctx, check); err != nil {
			return err
		}
	}
	removed := make([]int64, 0, len(event.RepositoriesRemoved))
	names := make([]string, 0, len(event.RepositoriesRemoved))
	for _, r := range event.RepositoriesRemoved {
		removed = append(removed, r.GetID())
		names = append(names, r.GetFullName())
	}
	if err := h.endWork(ctx, store.WorkScope{Repos: names}, "repository removed from the app"); err != nil {
		return err
	}
	if err := h.Store.RemoveRepositories(ctx, removed); err != nil {
		return err
	}
	logger.Info().Int("added", len(event.RepositoriesAdded)).Int("removed", len(removed)).Msg("Updated installation repositories")
	return nil
}
