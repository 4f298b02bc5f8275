package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"time"

	"github.com/mentorbot/mentorbot/app"
)

const scheduleUsage = "Usage: mentorbot schedule run [--config FILE] [--now RFC3339]"

func runSchedule(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 || args[0] != "run" {
		fmt.Fprintln(stderr, scheduleUsage)
		return exitUsage
	}
	fs := flag.NewFlagSet("schedule run", flag.ContinueOnError)
	fs.SetOutput(stderr)
	configFile := fs.String("config", app.DefaultConfigFile, "service configuration file")
	nowFlag := fs.String("now", "", "the time to run at, RFC 3339 (default: now)")
	fs.Usage = func() {
		fmt.Fprintln(stderr, scheduleUsage)
		fs.PrintDefaults()
	}
	if err := fs.Parse(args[1:]); err != nil {
		return exitUsage
	}
	now := time.Now()
	if *nowFlag != "" {
		t, err := time.Parse(time.RFC3339, *nowFlag)
		if err != nil {
			return fail(stderr, exitUsage, usageError{fmt.Errorf("--now: %q is not an RFC 3339 time such as 2026-12-03T17:00:00Z", *nowFlag)})
		}
		now = t
	}
	cfg, err := loadServiceConfig(fs, *configFile)
	if err == nil {
		err = requireStore(cfg)
	}
	if err != nil {
		return fail(stderr, exitFailure, err)
	}
	logger := app.NewLogger(cfg.Logging, os.Stderr)
	a, err := app.New(ctx, cfg, logger, app.WithClock(func() time.Time { return now }))
	if err != nil {
		return fail(stderr, exitFailure, err)
	}
	defer a.Close()
	if err := a.RunSchedule(ctx); err != nil {
		// Each job logged its failure; a later run tries again.
		fmt.Fprintf(stderr, "mentorbot: some scheduled jobs failed: %v\n", err)
		return exitFailure
	}
	fmt.Fprintf(stdout, "Ran %d scheduled jobs at %s.\n", len(a.Jobs()), now.UTC().Format(time.RFC3339))
	return exitOK
}
