package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"

	"github.com/mentorbot/mentorbot/app/repoconfig"
)

const defaultRepoConfig = ".github/mentorship.yml"

// runCheck validates a mentorship.yml: exit 0 valid, 1 invalid, 2 unreadable.
func runCheck(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	if asks(args, "online") {
		return runCheckOnline(ctx, args, stdout, stderr)
	}
	if len(args) > 1 || (len(args) == 1 && (args[0] == "-h" || args[0] == "--help")) {
		fmt.Fprintln(stderr, "Usage: mentorbot check [FILE]   (default .github/mentorship.yml)")
		fmt.Fprintln(stderr, "       mentorbot check --online --repo OWNER/NAME [--config FILE] [FILE]   (also explains the roster, read on GitHub)")
		return exitUsage
	}
	path := defaultRepoConfig
	if len(args) == 1 {
		path = args[0]
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
	return exitOK
}
