package app

import (
	"context"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/mentorbot/mentorbot/app/store"
)

// scrapeTimeout bounds the store reads behind one scrape.
const scrapeTimeout = 2 * time.Second

// registerProgramMetrics adds the program gauges, read from the store at
// each scrape: active mentorships, newcomers waiting for a mentor, and
// claims held on starter tasks. They are totals over every owner: a
// label would name owners, some of whom work only in private
// repositories (the per-owner figures are on the dashboard, under its
// access rules).
func registerProgramMetrics(reg prometheus.Registerer, db *store.DB) {
	active := prometheus.NewDesc("mentorbot_active_mentorships", "Mentorships with a mentor now, over every owner.", nil, nil)
	waiting := prometheus.NewDesc("mentorbot_waiting_newcomers", "First-time contributors waiting for a mentor now, over every owner.", nil, nil)
	claims := prometheus.NewDesc("mentorbot_open_claims", "Claims held on starter tasks now, over every owner.", nil, nil)
	reg.MustRegister(&programCollector{descs: []*prometheus.Desc{active, waiting, claims}, collect: func(ch chan<- prometheus.Metric) {
		ctx, cancel := context.WithTimeout(context.Background(), scrapeTimeout)
		defer cancel()
		counts, err := db.ProgramCounts(ctx)
		if err != nil {
			for _, d := range []*prometheus.Desc{active, waiting, claims} {
				ch <- prometheus.NewInvalidMetric(d, err)
			}
			return
		}
		var sum store.ProgramCounts
		for _, c := range counts {
			sum.ActiveMentorships += c.ActiveMentorships
			sum.WaitingNewcomers += c.WaitingNewcomers
			sum.OpenClaims += c.OpenClaims
		}
		ch <- prometheus.MustNewConstMetric(active, prometheus.GaugeValue, float64(sum.ActiveMentorships))
		ch <- prometheus.MustNewConstMetric(waiting, prometheus.GaugeValue, float64(sum.WaitingNewcomers))
		ch <- prometheus.MustNewConstMetric(claims, prometheus.GaugeValue, float64(sum.OpenClaims))
	}})
}

// programCollector is funcCollector with several metric families.
type programCollector struct {
	descs   []*prometheus.Desc
	collect func(chan<- prometheus.Metric)
}

func (c *programCollector) Describe(ch chan<- *prometheus.Desc) {
	for _, d := range c.descs {
		ch <- d
	}
}

func (c *programCollector) Collect(ch chan<- prometheus.Metric) { c.collect(ch) }
