package app

import (
	"context"
	"strconv"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"

	"github.com/mentorbot/mentorbot/app/store"
)

// serviceMetrics are the service's own health figures, and the
// queue.Observer that feeds them.
type serviceMetrics struct {
	received *prometheus.CounterVec
	handled  *prometheus.HistogramVec
	retries  *prometheus.CounterVec
	dead     *prometheus.CounterVec
	panics   *prometheus.CounterVec
}

func newServiceMetrics(reg prometheus.Registerer, db *store.DB) *serviceMetrics {
	m := &serviceMetrics{
		received: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "mentorbot_deliveries_received_total",
			Help: "Webhook deliveries received, by event and outcome (stored, duplicate, unavailable, ignored, rejected).",
		}, []string{"event", "outcome"}),
		handled: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name:    "mentorbot_handler_duration_seconds",
			Help:    "Time spent handling one delivery, by event and result.",
			Buckets: []float64{.005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5, 10, 30, 60},
		}, []string{"event", "result"}),
		retries: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "mentorbot_delivery_retries_total",
			Help: "Deliveries whose handler failed and that were scheduled again.",
		}, []string{"event"}),
		dead: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "mentorbot_dead_letters_total",
			Help: "Deliveries that failed for the last time and were kept as dead letters.",
		}, []string{"event"}),
		panics: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "mentorbot_panics_total",
			Help: "Panics recovered, by where they happened (handler, job); each is logged with its stack.",
		}, []string{"where"}),
	}
	for _, where := range []string{"handler", "job"} {
		m.panics.WithLabelValues(where)
	}
	depth := prometheus.NewDesc("mentorbot_queue_depth", "Stored deliveries by state.", []string{"state"}, nil)
	reg.MustRegister(m.received, m.handled, m.retries, m.dead, m.panics,
		collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}),
		&funcCollector{desc: depth, collect: func(ch chan<- prometheus.Metric) {
			ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
			defer cancel()
			counts, err := db.QueueDepth(ctx)
			if err != nil {
				ch <- prometheus.NewInvalidMetric(depth, err)
				return
			}
			for _, state := range []string{store.StatePending, store.StateRunning, store.StateDead, store.StateDone} {
				if _, ok := counts[state]; !ok {
					counts[state] = 0 // every state from start-up, at zero
				}
			}
			for state, n := range counts {
				ch <- prometheus.MustNewConstMetric(depth, prometheus.GaugeValue, float64(n), state)
			}
		}},
		newBacklogCollector(db), newEffectsCollector(db))
	return m
}

// preset creates every counter's series for the events the service
// handles, at zero: a dashboard or an alert on dead letters sees 0 from
// start-up, not "no data" until the first failure.
func (m *serviceMetrics) preset(events []string) {
	for _, e := range events {
		e = eventLabel(e)
		for _, o := range []string{"stored", "duplicate", "unavailable"} {
			m.received.WithLabelValues(e, o)
		}
		for _, r := range []string{"ok", "error"} {
			m.handled.WithLabelValues(e, r)
		}
		m.retries.WithLabelValues(e)
		m.dead.WithLabelValues(e)
	}
	m.received.WithLabelValues("unverified", "rejected") // a bad signature has no trusted event
}

// Panicked counts a recovered panic.
func (m *serviceMetrics) Panicked(where string) { m.panics.WithLabelValues(where).Inc() }

func (m *serviceMetrics) Received(event, outcome string) {
	m.received.WithLabelValues(eventLabel(event), outcome).Inc()
}

// eventLabel keeps the label set small and valid: GitHub's event names are
// lower-case words; anything else (the header is the sender's to write)
// counts as "other".
func eventLabel(event string) string {
	if len(event) == 0 || len(event) > 40 {
		return "other"
	}
	for _, c := range event {
		if (c < 'a' || c > 'z') && c != '_' {
			return "other"
		}
	}
	return event
}

func (m *serviceMetrics) Handled(event string, d time.Duration, err error, retry, dead bool) {
	result := "ok"
	if err != nil {
		result = "error"
	}
	event = eventLabel(event)
	m.handled.WithLabelValues(event, result).Observe(d.Seconds())
	if retry {
		m.retries.WithLabelValues(event).Inc()
	}
	if dead {
		m.dead.WithLabelValues(event).Inc()
	}
}

// funcCollector reads a figure from the store when Prometheus scrapes.
type funcCollector struct {
	desc    *prometheus.Desc
	collect func(chan<- prometheus.Metric)
}

func (c *funcCollector) Describe(ch chan<- *prometheus.Desc) { ch <- c.desc }
func (c *funcCollector) Collect(ch chan<- prometheus.Metric) { c.collect(ch) }

// backlogCollector reports each installation's waiting deliveries and how
// long they should take to drain, so a maintainer facing a burst knows
// when the last newcomer will be welcomed.
type backlogCollector struct {
	db             *store.DB
	waiting, drain *prometheus.Desc
}

func newBacklogCollector(db *store.DB) *backlogCollector {
	return &backlogCollector{db: db,
		waiting: prometheus.NewDesc("mentorbot_queue_installation_waiting",
			"Unfinished deliveries (pending or running) by installation.", []string{"installation"}, nil),
		drain: prometheus.NewDesc("mentorbot_queue_installation_drain_seconds",
			"Estimated time to finish an installation's waiting deliveries at the rate of the last 10 minutes (absent when nothing finished lately).",
			[]string{"installation"}, nil),
	}
}

func (c *backlogCollector) Describe(ch chan<- *prometheus.Desc) { ch <- c.waiting; ch <- c.drain }

func (c *backlogCollector) Collect(ch chan<- prometheus.Metric) {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	bs, err := c.db.Backlogs(ctx)
	if err != nil {
		ch <- prometheus.NewInvalidMetric(c.waiting, err)
		return
	}
	for _, b := range bs {
		id := strconv.FormatInt(b.InstallationID, 10)
		ch <- prometheus.MustNewConstMetric(c.waiting, prometheus.GaugeValue, float64(b.Waiting), id)
		if d, ok := b.Drain(); ok {
			ch <- prometheus.MustNewConstMetric(c.drain, prometheus.GaugeValue, d.Seconds(), id)
		}
	}
}

// effectsCollector reports the GitHub effects of stored decisions not
// applied yet (see the effects log in ARCHITECTURE.md): a number that
// stays up tells that GitHub keeps refusing something.
type effectsCollector struct {
	db               *store.DB
	pending, failing *prometheus.Desc
}

func newEffectsCollector(db *store.DB) *effectsCollector {
	return &effectsCollector{db: db,
		pending: prometheus.NewDesc("mentorbot_effects_pending",
			"GitHub effects of stored decisions (comments, assignees, labels, review requests) not applied yet.", nil, nil),
		failing: prometheus.NewDesc("mentorbot_effects_failing",
			"Pending effects that failed at least once and wait for their next try.", nil, nil),
	}
}

func (c *effectsCollector) Describe(ch chan<- *prometheus.Desc) { ch <- c.pending; ch <- c.failing }

func (c *effectsCollector) Collect(ch chan<- prometheus.Metric) {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	pending, failing, err := c.db.EffectsPending(ctx)
	if err != nil {
		ch <- prometheus.NewInvalidMetric(c.pending, err)
		return
	}
	ch <- prometheus.MustNewConstMetric(c.pending, prometheus.GaugeValue, float64(pending))
	ch <- prometheus.MustNewConstMetric(c.failing, prometheus.GaugeValue, float64(failing))
}
