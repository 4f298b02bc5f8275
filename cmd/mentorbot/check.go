package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"

	"github.com/mentorbot/mentorbot/app"
	"github.com/mentorbot/mentorbot/app/repoconfig"
)

const defaultRepoConfig = ".github/mentorship.yml"

const checkUsage = "Usage: mentorbot check [--online --repo OWNER/NAME [--config FILE]] [FILE]   (default .github/mentorship.yml)"

// runCheck validates a mentorship.yml: exit 0 valid, 1 invalid, 2 unreadable.
// With --online it then asks GitHub about the repository (check_online.go).
func runCheck(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("check", flag.ContinueOnError)
	fs.SetOutput(stderr)
	online := fs.Bool("online", false, "also ask GitHub, as the app, about the repository")
	var o checkOnline
	fs.StringVar(&o.repo, "repo", "", "with --online: the repository the file is for, OWNER/NAME")
	fs.StringVar(&o.configFile, "config", app.DefaultConfigFile, "with --online: the service configuration (the app's credentials)")
	fs.Usage = func() { fmt.Fprintln(stderr, checkUsage); fs.PrintDefaults() }
	if err := fs.Parse(args); err != nil || fs.NArg() > 1 {
		if err == nil {
			fmt.Fprintln(stderr, checkUsage)
		}
		return exitUsage
	}
	o.named = named(fs, "config")
	path := defaultRepoConfig
	if fs.NArg() == 1 {
		path = fs.Arg(0)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		fmt.Fprintf(stderr, "mentorbot: cannot read %s: %v\n", path, errors.Unwrap(err))
		return exitUsage
	}
	cfg, err := repoconfig.Parse(data)
	if err != nil {
		fmt.Fprint(stdout, repoconfig.FormatProblems(path, err))
		return exitFailure
	}
	fmt.Fprintf(stdout, "%s is valid: %d mentor(s), %d area(s)", path, len(cfg.Mentors), len(cfg.Areas))
	if cfg.OfficeHours.Enabled() {
		fmt.Fprintf(stdout, ", office hours in %s (%s on %ss)", cfg.OfficeHours.Repository, cfg.OfficeHours.Cadence, cfg.OfficeHours.Weekday)
	}
	fmt.Fprintln(stdout, ".")
	if *online {
		return o.run(ctx, path, cfg, stdout, stderr)
	}
	return exitOK
}
