package app

import (
	"context"
	"encoding/json"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/google/go-github/v60/github"
	"github.com/palantir/go-githubapp/githubapp"
	"github.com/rs/zerolog"

	"github.com/mentorbot/mentorbot/app/gh"
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

// Bounds of the start-up visibility backfill.
const (
	// backfillSample is how many repositories of unknown visibility the
	// backfill looks for at most; the rest wait for the daily scan.
	backfillSample = 1000
	// backfillRequests bounds the pages of repositories (100 each) one
	// backfill reads, besides the few pages of the installations' list.
	backfillRequests = 100
)

// visibilityBackfill learns, once per process, the visibility of the
// repositories the store has records of but no payload or scan has
// described yet (a store from before visibility was recorded): until then
// anonymous visitors see nothing of them. It lists the installations'
// repositories, as the daily scan does, without reading any
// configuration. It runs as a deferrable scheduled job, so it waits while
// an installation's rate limit is low, and reads at most
// backfillRequests pages of repositories; what it misses, the daily scan
// records.
type visibilityBackfill struct {
	gh   *gh.Installations
	db   *store.DB
	done atomic.Bool
}

// Run does the backfill unless this process already did.
func (b *visibilityBackfill) Run(ctx context.Context) error {
	if b.done.Load() {
		return nil
	}
	unknown, err := b.db.UnknownVisibility(ctx, backfillSample)
	if err != nil {
		return err
	}
	if len(unknown) == 0 {
		b.done.Store(true)
		return nil
	}
	want := make(map[string]bool, len(unknown))
	for _, r := range unknown {
		want[strings.ToLower(r)] = true
	}
	pages, err := b.scan(ctx, want)
	if err != nil && onlyDeferred(err) {
		return err // the rate limit is low: the next run after the reset tries again
	}
	// Done, even when some installation could not be read: the daily scan
	// tries it again, and a listing that fails every minute would cost
	// requests every minute.
	b.done.Store(true)
	if err != nil {
		zerolog.Ctx(ctx).Warn().Err(err).Msg("The visibility backfill could not read every installation; the daily scan tries again")
	}
	zerolog.Ctx(ctx).Info().Int("unknown", len(unknown)).Int("still_unknown", len(want)).Int("repository_pages", pages).
		Msg("Recorded the visibility of repositories known from before; those still unknown stay private until a webhook or the daily scan")
	return nil
}

// scan lists the installations' repositories and records their
// visibility, until every wanted repository is known, every installation
// listed, or backfillRequests pages of repositories read. It deletes from
// want what it learned and returns the pages it read.
func (b *visibilityBackfill) scan(ctx context.Context, want map[string]bool) (int, error) {
	pages := 0
	err := b.gh.EachRepository(ctx, func(_ int64, _ *github.Client, repos []*github.Repository) error {
		pages++
		seen := visibilityOf(repos)
		if err := b.db.RecordVisibility(ctx, seen); err != nil {
			return err
		}
		for _, v := range seen {
			delete(want, strings.ToLower(v.FullName))
		}
		if len(want) == 0 || pages >= backfillRequests {
			return gh.ErrStopWalk
		}
		return nil
	})
	return pages, err
}

// visibilityOf is what a page of an installation's repositories says of
// their visibility (internal repositories are private too).
func visibilityOf(repos []*github.Repository) []store.Visibility {
	out := make([]store.Visibility, 0, len(repos))
	for _, r := range repos {
		out = append(out, store.Visibility{FullName: r.GetFullName(), Private: r.GetPrivate()})
	}
	return out
}
