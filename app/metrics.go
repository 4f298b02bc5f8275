package app

import (
	"context"
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
		}})
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
