package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/mentorbot/mentorbot/app"
	"github.com/mentorbot/mentorbot/app/mentoring/roster"
	"github.com/mentorbot/mentorbot/app/repoconfig"
)

const checkOnlineUsage = "Usage: mentorbot check --online --repo OWNER/NAME [--config FILE] [MENTORSHIP_FILE]\n" +
	"  validates the file, then resolves its roster on GitHub with the app's credentials and explains it:\n" +
	"  each mentor, where they come from (listed, team, CODEOWNERS), their areas, hours, away and Busy status,\n" +
	"  and names any mentor GitHub would not assign in the repository (no access)."

// runCheckOnline is `mentorbot check --online`: exit 0 when the file is
// valid, its roster resolved and every mentor assignable in the
// repository; 1 when invalid, a mentor cannot be assigned or GitHub could
// not be read; 2 on a usage mistake or an unreadable file.
func runCheckOnline(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("check --online", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Bool("online", true, "resolve the roster on GitHub with the app's credentials")
	repo := fs.String("repo", "", "the repository OWNER/NAME whose teams, CODEOWNERS and mentors' statuses are read")
	configFile := fs.String("config", app.DefaultConfigFile, "service configuration file (the app's credentials)")
	fs.Usage = func() {
		fmt.Fprintln(stderr, checkOnlineUsage)
		fs.PrintDefaults()
	}
	var files []string
	for rest := args; ; { // flags may come before or after the file
		if err := fs.Parse(rest); err != nil {
			return exitUsage
		}
		if fs.NArg() == 0 {
			break
		}
		files, rest = append(files, fs.Arg(0)), fs.Args()[1:]
	}
	owner, name, ok := strings.Cut(*repo, "/")
	if len(files) > 1 || !ok || owner == "" || name == "" || strings.Contains(name, "/") {
		fs.Usage()
		return exitUsage
	}
	path := defaultRepoConfig
	if len(files) == 1 {
		path = files[0]
	}
	data, err := os.ReadFile(path)
	if err != nil {
		fmt.Fprintf(stderr, "mentorbot: cannot read %s: %v\n", path, errors.Unwrap(err))
		return exitUsage
	}
	mentorship, err := repoconfig.Parse(data)
	if err != nil {
		fmt.Fprint(stdout, repoconfig.FormatProblems(path, err))
		return exitFailure
	}
	cfg, err := loadServiceConfig(fs, *configFile)
	if err != nil {
		return fail(stderr, exitFailure, err)
	}
	resolved, origins, err := app.DescribeRoster(ctx, cfg, owner, name, mentorship)
	if err != nil {
		return fail(stderr, exitFailure, fmt.Errorf("resolve the roster of %s: %w", *repo, err))
	}
	printRoster(stdout, path, *repo, resolved, origins, time.Now())
	logins := make([]string, 0, len(resolved.Mentors))
	for _, m := range resolved.Mentors {
		logins = append(logins, m.Login)
	}
	bad, err := app.UnassignableMentors(ctx, cfg, owner, name, logins)
	if err != nil {
		return fail(stderr, exitFailure, fmt.Errorf("ask GitHub who can be assigned in %s: %w", *repo, err))
	}
	for _, login := range bad {
		fmt.Fprintf(stdout, "%s: mentors: %s cannot be assigned in %s: they have no access to it, so GitHub would leave them out "+
			"of the assignees and refuse them as reviewers (hint: give them at least read access, e.g. through a team, or take them off the roster)\n",
			path, login, *repo)
	}
	if len(bad) > 0 {
		return exitFailure
	}
	fmt.Fprintf(stdout, "Every mentor can be assigned in %s.\n", *repo)
	return exitOK
}

// printRoster explains a resolved roster, one block per mentor.
func printRoster(w io.Writer, path, repo string, cfg *repoconfig.Config, origins []roster.Origin, now time.Time) {
	fmt.Fprintf(w, "%s is valid. Roster for %s as GitHub has it now: %d mentor(s).\n", path, repo, len(cfg.Mentors))
	for i, m := range cfg.Mentors {
		from := "listed in mentorship.yml"
		if i < len(origins) && len(origins[i].From) > 0 {
			from = strings.Join(origins[i].From, "; ")
		}
		areas := strings.Join(m.Areas, ", ")
		if areas == "" {
			areas = "none (any newcomer)"
		}
		start, end := m.WorkingHours()
		local := now.In(m.Zone())
		fmt.Fprintf(w, "\n%s\n", m.Login)
		fmt.Fprintf(w, "  from:     %s\n", from)
		fmt.Fprintf(w, "  areas:    %s\n", areas)
		fmt.Fprintf(w, "  hours:    %s–%s %s (now %s there)\n", start, end, m.Zone(), local.Format("Mon 15:04"))
		fmt.Fprintf(w, "  capacity: %d\n", m.Capacity)
		fmt.Fprintf(w, "  status:   %s\n", mentorStatus(m, now))
	}
	fmt.Fprintln(w, "\n`/mentor away` and `/mentor back` are kept in the service's store; `mentorbot check` does not read it.")
}

// mentorStatus says whether a mentor can be chosen now, and if not why.
func mentorStatus(m repoconfig.Mentor, now time.Time) string {
	switch {
	case m.Busy && m.AwayOn(now):
		return fmt.Sprintf("away until %s (away_until) and Busy on GitHub", m.AwayUntil)
	case m.Busy:
		return "Busy on GitHub: counts as away while the status lasts"
	case m.AwayOn(now):
		return fmt.Sprintf("away until %s (away_until, from 00:00 %s)", m.AwayUntil, m.Zone())
	}
	return "available"
}
