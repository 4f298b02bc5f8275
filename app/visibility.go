package app

import (
	"context"
	"encoding/json"
	"strings"
	"sync"

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
// What this process already recorded is not written again.
func recordingVisibility(hs []githubapp.EventHandler, db *store.DB) []githubapp.EventHandler {
	rec := &visibilityRecorder{db: db, known: map[string]bool{}}
	out := make([]githubapp.EventHandler, len(hs))
	for i, h := range hs {
		out[i] = visibilityHandler{h, rec}
	}
	return out
}

type visibilityHandler struct {
	githubapp.EventHandler
	rec *visibilityRecorder
}

func (h visibilityHandler) Handle(ctx context.Context, event, id string, payload []byte) error {
	if err := h.rec.record(ctx, visibilities(payload)); err != nil {
		// Not recorded means private: the dashboard shows less, never more.
		zerolog.Ctx(ctx).Warn().Err(err).Msg("Could not record repositories' visibility")
	}
	return h.EventHandler.Handle(ctx, event, id, payload)
}

// knownVisibilities bounds the recorder's memory: past it, it starts over.
const knownVisibilities = 10000

// visibilityRecorder writes a repository's visibility only when it is new
// to this process or changed, so a busy repository costs no store write
// per delivery.
type visibilityRecorder struct {
	db    *store.DB
	mu    sync.Mutex
	known map[string]bool // lower-case full name → private
}

func (r *visibilityRecorder) record(ctx context.Context, vs []store.Visibility) error {
	r.mu.Lock()
	var changed []store.Visibility
	for _, v := range vs {
		if private, ok := r.known[strings.ToLower(v.FullName)]; !ok || private != v.Private {
			changed = append(changed, v)
		}
	}
	r.mu.Unlock()
	if len(changed) == 0 {
		return nil
	}
	if err := r.db.RecordVisibility(ctx, changed); err != nil {
		return err
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	if len(r.known) > knownVisibilities {
		clear(r.known)
	}
	for _, v := range changed {
		r.known[strings.ToLower(v.FullName)] = v.Private
	}
	return nil
}
