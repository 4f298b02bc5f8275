package handlers

import (
	"context"
	"encoding/json"

	"github.com/google/go-github/v60/github"
	"github.com/palantir/go-githubapp/githubapp"
	"github.com/rs/zerolog"

	"github.com/mentorbot/mentorbot/app/store"
)

// Installation records the accounts the app is installed on.
type Installation struct{ *Base }

var _ githubapp.EventHandler = (*Installation)(nil)

func (h *Installation) Handles() []string { return []string{"installation"} }

func (h *Installation) Handle(ctx context.Context, eventType, deliveryID string, payload []byte) error {
	var event github.InstallationEvent
	if err := json.Unmarshal(payload, &event); err != nil {
		return decodeError(eventType, err)
	}
	inst := event.GetInstallation()
	logger := zerolog.Ctx(ctx).With().Int64(githubapp.LogKeyInstallationID, inst.GetID()).Str("action", event.GetAction()).Logger()

	switch event.GetAction() {
	case "created", "unsuspend", "new_permissions_accepted", "suspend":
		err := h.Store.SaveInstallation(ctx, store.Installation{
			ID:          inst.GetID(),
			Account:     inst.GetAccount().GetLogin(),
			AccountType: inst.GetAccount().GetType(),
			Suspended:   event.GetAction() == "suspend",
		})
		if err != nil {
			return err
		}
		if err := h.Store.AddRepositories(ctx, inst.GetID(), repositories(event.Repositories)); err != nil {
			return err
		}
		// Its repositories may run office hours: the next scheduler run looks.
		if err := h.Store.SetDue(ctx, store.Due{Job: store.DueHoursScan, Item: store.DueItemAllRepos}); err != nil {
			return err
		}
		logger.Info().Str("account", inst.GetAccount().GetLogin()).Int("repositories", len(event.Repositories)).Msg("Recorded installation")
		if event.GetAction() == "unsuspend" { // what waited while suspended is due now
			return h.Store.DueNow(ctx, inst.GetAccount().GetLogin(), "")
		}
	case "deleted":
		if err := h.endWork(ctx, store.WorkScope{InstallationID: inst.GetID()}, "app uninstalled"); err != nil {
			return err
		}
		if err := h.Store.DeleteInstallation(ctx, inst.GetID()); err != nil {
			return err
		}
		logger.Info().Msg("Forgot uninstalled installation")
	default:
		logger.Debug().Msg("Ignoring installation action")
	}
	return nil
}

func repositories(rs []*github.Repository) []store.Repository {
	out := make([]store.Repository, 0, len(rs))
	for _, r := range rs {
		out = append(out, store.Repository{ID: r.GetID(), FullName: r.GetFullName()})
	}
	return out
}
