package ghemu

import (
	"errors"
	"net/http"
	"sync"
)

// hookJob is one webhook to send; done, when set, receives the result.
type hookJob struct {
	event      string
	guid       string
	payload    []byte
	redelivery bool
	done       chan hookResult
}

type hookResult struct {
	d   Delivery
	err error
}

// hookQueue sends webhooks in order from one goroutine.
type hookQueue struct {
	e       *Emulator
	client  *http.Client
	mu      sync.Mutex
	cond    *sync.Cond
	jobs    []hookJob
	busy    bool
	started bool
	closed  bool
}

func newHookQueue(e *Emulator) *hookQueue {
	q := &hookQueue{e: e, client: &http.Client{Timeout: hookTimeout}}
	q.cond = sync.NewCond(&q.mu)
	return q
}

func (q *hookQueue) push(j hookJob) bool {
	q.mu.Lock()
	defer q.mu.Unlock()
	if q.closed {
		return false
	}
	q.jobs = append(q.jobs, j)
	if !q.started {
		q.started = true
		go q.run()
	}
	q.cond.Broadcast()
	return true
}

func (q *hookQueue) wait(j hookJob) (Delivery, error) {
	j.done = make(chan hookResult, 1)
	if !q.push(j) {
		return Delivery{}, errors.New("emulator closed")
	}
	res := <-j.done
	return res.d, res.err
}

func (q *hookQueue) run() {
	for {
		q.mu.Lock()
		for len(q.jobs) == 0 && !q.closed {
			q.cond.Wait()
		}
		if q.closed {
			q.mu.Unlock()
			return
		}
		j := q.jobs[0]
		q.jobs = q.jobs[1:]
		q.busy = true
		q.mu.Unlock()

		d, err := q.e.send(q.client, j)
		if j.done != nil {
			j.done <- hookResult{d: d, err: err}
		}
		q.mu.Lock()
		q.busy = false
		q.cond.Broadcast()
		q.mu.Unlock()
	}
}

func (q *hookQueue) waitIdle() {
	q.mu.Lock()
	for (len(q.jobs) > 0 || q.busy) && !q.closed {
		q.cond.Wait()
	}
	q.mu.Unlock()
}

func (q *hookQueue) close() {
	q.mu.Lock()
	q.closed = true
	for _, j := range q.jobs {
		if j.done != nil {
			j.done <- hookResult{err: errors.New("emulator closed")}
		}
	}
	q.jobs = nil
	q.cond.Broadcast()
	q.mu.Unlock()
}
