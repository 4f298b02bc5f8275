package queue

import (
	"sync"

	"github.com/mentorbot/mentorbot/app/store"
)

// sched holds the deliveries this process leased until a worker takes
// them. Workers take turns among installations, so one installation's
// backlog or slow item cannot hold another's events back, and never run two
// deliveries about the same item at once, so an item's deliveries keep
// their order. Nothing here blocks the claim loop.
type sched struct {
	mu      sync.Mutex
	ready   *sync.Cond
	queues  map[int64][]store.Delivery // by installation, in lease order
	turns   []int64                    // installations with queued work, next turn first
	busy    map[string]bool            // items a worker is handling
	held    map[string]bool            // leased and not yet recorded
	stopped bool
}

func newSched() *sched {
	s := &sched{queues: map[int64][]store.Delivery{}, busy: map[string]bool{}, held: map[string]bool{}}
	s.ready = sync.NewCond(&s.mu)
	return s
}

// add queues freshly leased deliveries. A delivery already held (its lease
// ran out and this process leased it again) is not queued twice.
func (s *sched) add(ds []store.Delivery) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, d := range ds {
		if s.held[d.ID] || s.stopped {
			continue
		}
		s.held[d.ID] = true
		if len(s.queues[d.Installation]) == 0 {
			s.turns = append(s.turns, d.Installation)
		}
		s.queues[d.Installation] = append(s.queues[d.Installation], d)
	}
	s.ready.Broadcast()
}

// next waits for a delivery a worker may run: the first one, in turn among
// installations, whose item no worker is handling. It marks the item busy
// until done. It reports false once the scheduler stopped.
func (s *sched) next() (store.Delivery, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for !s.stopped {
		if d, ok := s.take(); ok {
			return d, true
		}
		s.ready.Wait()
	}
	return store.Delivery{}, false
}

func (s *sched) take() (store.Delivery, bool) {
	for t, inst := range s.turns {
		q := s.queues[inst]
		for i, d := range q {
			if d.Item != "" && s.busy[d.Item] {
				continue
			}
			if d.Item != "" {
				s.busy[d.Item] = true
			}
			q = append(q[:i:i], q[i+1:]...)
			s.queues[inst] = q
			// This installation's turn is over: to the back of the line,
			// or out of it when it has nothing left.
			s.turns = append(s.turns[:t:t], s.turns[t+1:]...)
			if len(q) > 0 {
				s.turns = append(s.turns, inst)
			} else {
				delete(s.queues, inst)
			}
			return d, true
		}
	}
	return store.Delivery{}, false
}

// done frees the delivery's item for the next worker.
func (s *sched) done(d store.Delivery) {
	s.mu.Lock()
	defer s.mu.Unlock()
	delete(s.busy, d.Item)
	s.ready.Broadcast()
}

// recorded forgets deliveries whose outcomes are in the store.
func (s *sched) recorded(outs []store.Outcome) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, o := range outs {
		delete(s.held, o.ID)
	}
}

// room tells how many more deliveries may be leased.
func (s *sched) room(capacity int) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return capacity - len(s.held)
}

// leased lists the deliveries whose leases this process must keep.
func (s *sched) leased() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	ids := make([]string, 0, len(s.held))
	for id := range s.held {
		ids = append(ids, id)
	}
	return ids
}

// stop ends next for every worker and returns the deliveries no worker
// started, which the caller hands back.
func (s *sched) stop() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.stopped = true
	var ids []string
	for _, q := range s.queues {
		for _, d := range q {
			ids = append(ids, d.ID)
			delete(s.held, d.ID)
		}
	}
	s.queues, s.turns = map[int64][]store.Delivery{}, nil
	s.ready.Broadcast()
	return ids
}
