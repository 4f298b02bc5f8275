package queue

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"sync"

	"github.com/palantir/go-githubapp/githubapp"

	"github.com/mentorbot/mentorbot/app/store"
)

// maxBatch bounds one group commit.
const maxBatch = 512

// ErrStopped is returned for deliveries offered after Close.
var ErrStopped = errors.New("intake stopped")

type pending struct {
	d    store.Delivery
	done chan error
}

// Intake implements githubapp.Scheduler by appending each dispatch to the
// store and returning once it is durable. It handles nothing itself.
type Intake struct {
	store  Store
	obs    Observer
	wake   func()
	in     chan *pending
	stop   chan struct{}
	mu     sync.RWMutex // held for reading while handing over, for writing by Close
	closed bool
	wg     sync.WaitGroup
	pool   sync.Pool
}

// NewIntake starts the group-commit writer. wake is called after each
// commit that stored something new, so workers need not poll.
func NewIntake(s Store, obs Observer, wake func()) *Intake {
	if obs == nil {
		obs = nopObserver{}
	}
	if wake == nil {
		wake = func() {}
	}
	in := &Intake{store: s, obs: obs, wake: wake, in: make(chan *pending, maxBatch), stop: make(chan struct{})}
	in.pool.New = func() any { return &pending{done: make(chan error, 1)} }
	in.wg.Add(1)
	go in.run()
	return in
}

var _ githubapp.Scheduler = (*Intake)(nil)

// Schedule stores the delivery durably. A delivery ID seen before is
// accepted again without a second copy.
func (in *Intake) Schedule(ctx context.Context, d githubapp.Dispatch) error {
	if d.DeliveryID == "" {
		return githubapp.ValidationError{EventType: d.EventType, Cause: errors.New("missing X-GitHub-Delivery header")}
	}
	if !looksLikeObject(d.Payload) {
		return githubapp.ValidationError{EventType: d.EventType, DeliveryID: d.DeliveryID, Cause: errors.New("payload is not a JSON object")}
	}
	p := in.pool.Get().(*pending)
	p.d = store.Delivery{ID: d.DeliveryID, Event: d.EventType, Payload: d.Payload}
	in.mu.RLock()
	if in.closed {
		in.mu.RUnlock()
		return ErrStopped
	}
	select {
	case in.in <- p:
		in.mu.RUnlock()
	case <-ctx.Done():
		in.mu.RUnlock()
		return ctx.Err()
	}
	// Once handed over, wait for the commit whatever the request does: the
	// writer owns p until it answers.
	err := <-p.done
	p.d = store.Delivery{}
	in.pool.Put(p)
	return err
}

func (in *Intake) run() {
	defer in.wg.Done()
	batch := make([]*pending, 0, maxBatch)
	ds := make([]store.Delivery, 0, maxBatch)
	for {
		select {
		case p := <-in.in:
			batch = append(batch[:0], p)
		case <-in.stop:
			if len(in.in) == 0 {
				return
			}
			batch = append(batch[:0], <-in.in)
		}
	collect:
		for len(batch) < maxBatch {
			select {
			case p := <-in.in:
				batch = append(batch, p)
			default:
				break collect
			}
		}
		ds = ds[:0]
		for _, p := range batch {
			ds = append(ds, p.d)
		}
		inserted, err := in.store.EnqueueDeliveries(context.Background(), ds)
		fresh := false
		for i, p := range batch {
			switch {
			case err != nil:
				in.obs.Received(p.d.Event, "unavailable")
				p.done <- fmt.Errorf("store delivery: %w", err)
			case inserted[i]:
				fresh = true
				in.obs.Received(p.d.Event, "stored")
				p.done <- nil
			default:
				in.obs.Received(p.d.Event, "duplicate")
				p.done <- nil
			}
		}
		if fresh {
			in.wake()
		}
	}
}

// Close stops taking deliveries; those already handed over are committed or
// stored before it returns.
func (in *Intake) Close() {
	in.mu.Lock()
	already := in.closed
	in.closed = true
	in.mu.Unlock()
	if !already {
		close(in.stop)
	}
	in.wg.Wait()
}

// looksLikeObject is a cheap guard against bodies that are not JSON objects
// (or were cut short); workers decode the payload in full.
func looksLikeObject(b []byte) bool {
	b = bytes.TrimSpace(b)
	return len(b) >= 2 && b[0] == '{' && b[len(b)-1] == '}'
}
