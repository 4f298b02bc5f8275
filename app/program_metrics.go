package app

import (
	"context"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/mentorbot/mentorbot/app/store"
)

// scrapeTimeout bounds the store reads behind one scrape.
const scrapeTimeout = 2 * time.Second

// registerProgramMetrics adds the program gauges, per owner, read from the
// store at each scrape: active mentorships, newcomers waiting for a
// mentor, and claims held on starter tasks.
func registerProgramMetrics(reg prometheus.Registerer, db *store.DB) {
	active := prometheus.NewDesc("mentorbot_active_mentorships", "Mentorships with a mentor now, by owner.", []string{"owner"}, nil)
	waiting := prometheus.NewDesc("mentorbot_waiting_newcomers", "First-time contributors waiting for a mentor now, by owner.", []string{"owner"}, nil)
	claims := prometheus.NewDesc("mentorbot_open_claims", "Claims held on starter tasks now, by owner.", []string{"owner"}, nil)
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
		for owner, c := range counts {
			ch <- prometheus.MustNewConstMetric(active, prometheus.GaugeValue, float64(c.ActiveMentorships), owner)
			ch <- prometheus.MustNewConstMetric(waiting, prometheus.GaugeValue, float64(c.WaitingNewcomers), owner)
			ch <- prometheus.MustNewConstMetric(claims, prometheus.GaugeValue, float64(c.OpenClaims), owner)
		}
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
