// Package replay finds the webhook deliveries GitHub recorded but the
// store never got (the service was down, or answered 503) and queues
// them, so that downtime loses nothing. GitHub's log is read with the app's
// JWT client: GET /app/hook/deliveries, newest first, a page of 100 at a
// time back to a given time, and GET /app/hook/deliveries/{id} for each
// payload that is missing.
package replay

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"time"

	"github.com/google/go-github/v60/github"

	"github.com/mentorbot/mentorbot/app/store"
)

// Paging and batching.
const (
	perPage      = 100 // GitHub's maximum
	enqueueBatch = 50  // deliveries per store transaction
)

// Log is GitHub's record of the app's webhook deliveries; go-github's
// AppsService on an app (JWT) client implements it.
type Log interface {
	ListHookDeliveries(ctx context.Context, opts *github.ListCursorOptions) ([]*github.HookDelivery, *github.Response, error)
	GetHookDelivery(ctx context.Context, id int64) (*github.HookDelivery, *github.Response, error)
}

// Store is the part of the store a sweep uses.
type Store interface {
	KnownDeliveries(ctx context.Context, ids []string) (map[string]bool, error)
	EnqueueDeliveries(ctx context.Context, ds []store.Delivery) ([]bool, error)
}

// Result counts what a sweep saw and did. Deliveries are counted once
// however often GitHub tried them: Found = Known + Enqueued + Failed.
type Result struct {
	Attempts  int // delivery attempts GitHub logged in the window
	Found     int // deliveries of events the app handles
	Unhandled int // deliveries of other events, skipped as the webhook intake skips them
	Known     int // found deliveries the store has (or had) already
	Enqueued  int // found deliveries stored now, for the workers to handle
	Failed    int // found deliveries whose payload could not be fetched
}

// Sweep reads GitHub's delivery log back to since and stores, oldest
// first, every delivery of a handled event that the store has never seen,
// whether GitHub saw it fail or not. It goes on past a payload it cannot
// fetch and reports those in Result.Failed and the error.
func Sweep(ctx context.Context, log Log, st Store, since time.Time, handled map[string]bool) (Result, error) {
	w := newWindow(since, handled)
	opts := &github.ListCursorOptions{PerPage: perPage}
	for {
		page, resp, err := log.ListHookDeliveries(ctx, opts)
		if err != nil {
			return Result{}, fmt.Errorf("list webhook deliveries: %w", err)
		}
		if !w.add(page) || resp == nil || resp.Cursor == "" {
			break
		}
		opts.Cursor = resp.Cursor
	}
	res := Result{Attempts: w.attempts, Found: len(w.found), Unhandled: len(w.unhandled)}
	known, err := st.KnownDeliveries(ctx, w.guids())
	if err != nil {
		return res, err
	}
	var missing []candidate
	for _, c := range slices.Backward(w.found) {
		if known[c.guid] {
			res.Known++
		} else {
			missing = append(missing, c)
		}
	}

	var failed []error
	batch := make([]store.Delivery, 0, enqueueBatch)
	flush := func() error {
		if len(batch) == 0 {
			return nil
		}
		inserted, err := st.EnqueueDeliveries(ctx, batch)
		if err != nil {
			return err
		}
		for _, ok := range inserted {
			if ok {
				res.Enqueued++
			} else {
				res.Known++ // arrived through the webhook meanwhile
			}
		}
		batch = batch[:0]
		return nil
	}
	for _, c := range missing {
		if err := ctx.Err(); err != nil {
			return res, err
		}
		d, err := fetch(ctx, log, c)
		if err != nil {
			res.Failed++
			failed = append(failed, err)
			continue
		}
		batch = append(batch, d)
		if len(batch) == enqueueBatch {
			if err := flush(); err != nil {
				return res, err
			}
		}
	}
	if err := flush(); err != nil {
		return res, err
	}
	if len(failed) > 0 {
		return res, fmt.Errorf("%d of %d missing deliveries could not be fetched: %w", len(failed), len(missing), errors.Join(failed...))
	}
	return res, nil
}

// fetch reads one delivery's payload from GitHub's log.
func fetch(ctx context.Context, log Log, c candidate) (store.Delivery, error) {
	full, _, err := log.GetHookDelivery(ctx, c.attempt)
	if err != nil {
		return store.Delivery{}, fmt.Errorf("fetch delivery %s: %w", c.guid, err)
	}
	payload := bytes.TrimSpace(full.GetRequest().GetRawPayload())
	if len(payload) == 0 || payload[0] != '{' || !json.Valid(payload) {
		return store.Delivery{}, fmt.Errorf("fetch delivery %s: GitHub's log holds no JSON payload for it", c.guid)
	}
	return store.Delivery{ID: c.guid, Event: c.event, Payload: payload}, nil
}
