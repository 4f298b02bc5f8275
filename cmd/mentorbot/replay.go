package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"time"

	"github.com/mentorbot/mentorbot/app"
	"github.com/mentorbot/mentorbot/app/figures"
	"github.com/mentorbot/mentorbot/app/replay"
)

const replayUsage = "Usage: mentorbot deliveries replay [--since DURATION] [--config FILE]"

// runReplay is `deliveries replay`: it queues the deliveries GitHub
// recorded since --since that the store never got.
func runReplay(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("deliveries replay", flag.ContinueOnError)
	fs.SetOutput(stderr)
	configFile := fs.String("config", app.DefaultConfigFile, "service configuration file")
	since := new(time.Duration)
	*since = app.ReplayStartWindow
	fs.Func("since", "how far back to read GitHub's delivery log, such as 72h or 3d (default "+figures.FormatSpan(app.ReplayStartWindow)+"; GitHub keeps 3 days)", func(s string) error {
		d, err := figures.ParseDuration(s)
		*since = d
		return err
	})
	fs.Usage = func() {
		fmt.Fprintln(stderr, replayUsage)
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return exitUsage
	}
	if fs.NArg() > 0 || *since <= 0 {
		fs.Usage()
		return exitUsage
	}
	cfg, err := loadServiceConfig(fs, *configFile)
	if err == nil {
		err = requireStore(cfg)
	}
	if err != nil {
		return fail(stderr, exitFailure, err)
	}
	a, err := app.New(ctx, cfg, app.NewLogger(cfg.Logging, os.Stderr))
	if err != nil {
		return fail(stderr, exitFailure, err)
	}
	defer a.Close()
	from := time.Now().Add(-*since)
	res, err := a.ReplayDeliveries(ctx, from)
	printReplay(stdout, from, res)
	if err != nil {
		return fail(stderr, exitFailure, err)
	}
	return exitOK
}

func printReplay(w io.Writer, from time.Time, r replay.Result) {
	fmt.Fprintf(w, "GitHub recorded %d delivery attempts since %s.\n", r.Attempts, from.UTC().Format(time.RFC3339))
	fmt.Fprintf(w, "Found %d deliveries of events mentorbot handles (%d of other events skipped).\n", r.Found, r.Unhandled)
	fmt.Fprintf(w, "Already known: %d. Enqueued: %d.", r.Known, r.Enqueued)
	if r.Failed > 0 {
		fmt.Fprintf(w, " Could not fetch: %d (run replay again later).", r.Failed)
	}
	fmt.Fprintln(w)
	if r.Enqueued > 0 {
		fmt.Fprintln(w, "A running service handles the enqueued deliveries within a second; otherwise the next `mentorbot serve` does.")
	}
}
