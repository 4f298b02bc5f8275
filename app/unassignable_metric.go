package app

import "github.com/prometheus/client_golang/prometheus"

// unassignableCounter counts mentors found unassignable when paired (no
// access to the repository: GitHub leaves them out of the assignees).
// The log line names the mentor; the metric has no labels, since logins
// and repositories may be private.
func unassignableCounter(reg prometheus.Registerer) func() {
	c := prometheus.NewCounter(prometheus.CounterOpts{
		Name: "mentorbot_mentors_unassignable_total",
		Help: "Pairings whose mentor GitHub would not assign (no access to the repository); each is logged with the mentor.",
	})
	reg.MustRegister(c)
	return c.Inc
}
