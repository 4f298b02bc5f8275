package main

import (
	"encoding/json"
	"fmt"
	"io"
	"os"
	"text/tabwriter"
)

// writeTable prints runs saved with -json side by side.
func writeTable(w io.Writer, files []string) error {
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "run\tload\tsent\t2xx/s\t202\t503\terrors\tstored\tp50 ms\tp90 ms\tp99 ms\tmax ms\tpeak RSS MB\tother CPU\t")
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			return fmt.Errorf("read result: %w", err)
		}
		var r Result
		if err := json.Unmarshal(b, &r); err != nil {
			return fmt.Errorf("result %s: %w", f, err)
		}
		load := fmt.Sprintf("closed x%d", r.Concurrency)
		if r.Mode == "open" {
			load = fmt.Sprintf("open %.0f/s", r.Rate)
		}
		stored, rss := "-", "-"
		if r.Stored != nil {
			stored = fmt.Sprint(*r.Stored)
		}
		if r.RSS != nil && r.RSS.Samples > 0 {
			rss = fmt.Sprintf("%.1f", mb(r.RSS.PeakKB))
		}
		others := "-"
		if r.OtherCores != nil {
			others = fmt.Sprintf("%.2f", *r.OtherCores)
		}
		label := r.Label
		if label == "" {
			label = f
		}
		fmt.Fprintf(tw, "%s\t%s\t%d\t%.0f\t%d\t%d\t%d\t%s\t%.2f\t%.2f\t%.2f\t%.1f\t%s\t%s\t\n", label, load, r.Sent, r.AckPerSecond,
			r.Status["202"], r.Status["503"], sumValues(r.Errors), stored, r.Latency.P50, r.Latency.P90, r.Latency.P99, r.Latency.Max, rss, others)
	}
	return tw.Flush()
}
