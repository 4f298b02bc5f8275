package dashboard

import (
	"fmt"

	"github.com/mentorbot/mentorbot/app/figures"
)

// sparkSteps is how many points a trend line has: a day each over a
// week, five days over a month, ten days over a quarter, a month over a year.
func sparkSteps(p figures.Period) int {
	switch days := int(p.Length() / figures.Day); {
	case days <= 0:
		return 1
	case days <= 7:
		return days
	case days <= 31:
		return 6
	case days <= 92:
		return 9
	default:
		return 12
	}
}

// cards are the headline figures with their trends.
func cards(v view, cur, prev figures.Figures) []card {
	series := figures.Series(v.data.Items, v.req.scope, v.period, sparkSteps(v.period))
	counts, medians := make([]float64, len(series)), make([]float64, len(series))
	all, answered := make([]bool, len(series)), make([]bool, len(series))
	for i, pt := range series {
		counts[i], all[i] = float64(pt.Newcomers), true
		medians[i], answered[i] = pt.Response.Median.Hours(), pt.Response.N > 0
	}
	out := []card{{
		ID: "newcomers", Label: "New contributors", Value: fmt.Sprint(cur.Newcomers),
		Sub:   "first-time contributors who opened a pull request or issue",
		Trend: countTrend(cur.Newcomers, prev.Newcomers, higherIsBetter),
		Spark: sparkline(counts, all, "New contributors over the period"),
	}}

	r := cur.Response
	resp := card{ID: "response", Label: "Median first response", Value: "—",
		Trend: relativeTrend(r.Times.Median, prev.Response.Times.Median, r.Answered() > 0, prev.Response.Answered() > 0, lowerIsBetter),
		Spark: sparkline(medians, answered, "Median time to first response over the period")}
	switch {
	case r.Answered() > 0:
		resp.Value = duration(r.Times.Median)
		resp.Sub = fmt.Sprintf("90%% within %s · %d of %d answered", duration(r.Times.P90), r.Answered(), r.Answered()+r.Unanswered)
	case r.Unanswered > 0:
		resp.Sub, resp.Class = fmt.Sprintf("none of %d answered yet", r.Unanswered), "warn"
	default:
		resp.Sub = "no first-timer pull request or issue in the period"
	}
	out = append(out, resp)

	ret := card{ID: "retention", Label: "90-day retention", Value: "—"}
	if v, ok := cur.Retention.Value(); ok {
		pv, pok := prev.Retention.Value()
		ret.Value, ret.Trend = percent(v), pointsTrend(v, pv, true, pok, higherIsBetter)
		ret.Sub = fmt.Sprintf("%d of %d first-timers came back within 90 days", cur.Retention.Part, cur.Retention.Whole)
	} else {
		ret.Sub = "nobody's 90 days ended in the period yet"
	}
	out = append(out, ret)

	o := cur.FirstPRs
	prs := card{ID: "merged", Label: "First PRs merged", Value: fmt.Sprint(o.Merged),
		Trend: countTrend(o.Merged, prev.FirstPRs.Merged, higherIsBetter)}
	prs.Sub = fmt.Sprintf("of %d opened · %d closed · %d open", o.Opened, o.Closed, o.Open)
	if o.ToMerge.N > 0 {
		prs.Sub += " · median " + duration(o.ToMerge.Median) + " to merge"
	}
	out = append(out, prs)

	l := cur.Load
	now := card{ID: "mentoring", Label: "Mentoring now", Value: fmt.Sprint(l.Active), Sub: "newcomers paired with a mentor · none waiting"}
	if l.Waiting > 0 {
		now.Sub, now.Class = fmt.Sprintf("paired with a mentor · %d waiting for one", l.Waiting), "warn"
	}
	out = append(out, now)

	fair := card{ID: "fairness", Label: "Mentor fairness", Value: "—"}
	switch f := l.Fairness; {
	case f.Defined:
		fair.Value = figures.FormatRatio(f.Value)
		fair.Sub = fmt.Sprintf("most ÷ fewest assignments (%d ÷ %d)", f.Max, f.Min)
	case f.Idle > 0:
		fair.Sub, fair.Class = fmt.Sprintf("%d mentor(s) in rotation had no assignment", f.Idle), "warn"
	default:
		fair.Sub = "no assignments in the period"
	}
	out = append(out, fair)

	return out
}
