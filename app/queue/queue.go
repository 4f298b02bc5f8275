// Package queue is mentorbot's durable webhook intake. Intake is a
// go-githubapp Scheduler that writes each delivery to the store before
// GitHub gets its answer, committing concurrent deliveries together (group
// commit: one fsync covers many). Runner leases stored deliveries to a pool
// of workers, retries failures with backoff and keeps dead letters.
package queue

import (
	"context"
	"time"

	"github.com/mentorbot/mentorbot/app/store"
)

// Store is the part of the store the queue uses.
type Store interface {
	EnqueueDeliveries(ctx context.Context, ds []store.Delivery) ([]bool, error)
	ClaimDeliveries(ctx context.Context, owner string, limit int, lease time.Duration) ([]store.Delivery, error)
	FinishDeliveries(ctx context.Context, outs []store.Outcome) error
	RenewLeases(ctx context.Context, owner string, ids []string, lease time.Duration) (int64, error)
	ReleaseDeliveries(ctx context.Context, owner string, ids []string) error
	ReleaseLeases(ctx context.Context) (int64, error)
	ExclusiveQueue() bool
}

// Observer receives the queue's events, for metrics. Every method must be
// cheap and safe for concurrent use.
type Observer interface {
	Received(event, outcome string)
	Handled(event string, d time.Duration, err error, retry, dead bool)
	Panicked(where string)
}

type nopObserver struct{}

func (nopObserver) Received(string, string)                          {}
func (nopObserver) Handled(string, time.Duration, error, bool, bool) {}
func (nopObserver) Panicked(string)                                  {}
