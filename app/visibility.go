package app

import (
	"context"
	"encoding/json"

	"github.com/palantir/go-githubapp/githubapp"
	"github.com/rs/zerolog"

	"github.com/mentorbot/mentorbot/app/store"
)

// visibilityPayload is the part of any webhook payload that says whether
// repositories are private: the event's repository, and the lists of the
// installation events.
type visibilityPayload struct {
	Repository *payloadRepo  `json:"repository"`
	Added      []payloadRepo `json:"repositories_added"`
	Listed     []payloadRepo `json:"repositories"`
}

type payloadRepo struct {
	FullName string `json:"full_name"`
	Private  *bool  `json:"private"`
}

// visibilities reads what a payload says about repositories' visibility;
// a repository without a private field is left out (unknown is private).
func visibilities(payload []byte) []store.Visibility {
	var p visibilityPayload
	if json.Unmarshal(payload, &p) != nil {
		return nil
	}
	var out []store.Visibility
	add := func(r payloadRepo) {
		if r.FullName != "" && r.Private != nil {
			out = append(out, store.Visibility{FullName: r.FullName, Private: *r.Private})
		}
	}
	if p.Repository != nil {
		add(*p.Repository)
	}
	for _, r := range p.Added {
		add(r)
	}
	for _, r := range p.Listed {
		add(r)
	}
	return out
}

// recordingVisibility wraps the handlers so that every handled delivery
// first records whether its repositories are private, for the dashboard.
func recordingVisibility(hs []githubapp.EventHandler, db *store.DB) []githubapp.EventHandler {
	out := make([]githubapp.EventHandler, len(hs))
	for i, h := range hs {
		out[i] = visibilityHandler{h, db}
	}
	return out
}

type visibilityHandler struct {
	githubapp.EventHandler
	db *store.DB
}

func (h visibilityHandler) Handle(ctx context.Context, event, id string, payload []byte) error {
	if err := h.db.RecordVisibility(ctx, visibilities(payload)); err != nil {
		// Not recorded means private: the dashboard shows less, never more.
		zerolog.Ctx(ctx).Warn().Err(err).Msg("Could not record repositories' visibility")
	}
	return h.EventHandler.Handle(ctx, event, id, payload)
}
