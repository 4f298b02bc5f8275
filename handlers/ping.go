package handlers

import (
	"context"
	"encoding/json"

	"github.com/google/go-github/v60/github"
	"github.com/palantir/go-githubapp/githubapp"
	"github.com/rs/zerolog"
)

// Ping logs GitHub's hello when the app's webhook is set up or tested.
type Ping struct{}

var _ githubapp.EventHandler = (*Ping)(nil)

func (h *Ping) Handles() []string { return []string{"ping"} }

func (h *Ping) Handle(ctx context.Context, eventType, deliveryID string, payload []byte) error {
	var event github.PingEvent
	if err := json.Unmarshal(payload, &event); err != nil {
		return decodeError(eventType, err)
	}
	zerolog.Ctx(ctx).Info().
		Int64("hook_id", event.GetHookID()).
		Str("hook_type", event.GetHook().GetType()).
		Msg("GitHub says hello: the webhook is connected")
	return nil
}
