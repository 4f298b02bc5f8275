package main

import (
	"context"
	"fmt"
	"io"
	"strings"

	"github.com/mentorbot/mentorbot/app"
	"github.com/mentorbot/mentorbot/app/repoconfig"
)

// checkOnline is what `mentorbot check --online` adds to the offline
// check: it asks GitHub, as the app, about the repository the file is
// for. Today: which mentors GitHub would not assign there.
type checkOnline struct {
	repo       string // owner/name
	configFile string // the service configuration (the app's credentials)
	named      bool   // --config was given
}

// run reports problems found on GitHub; exit 0 none, 1 some, 2 GitHub
// could not be asked.
func (o checkOnline) run(ctx context.Context, path string, cfg *repoconfig.Config, stdout, stderr io.Writer) int {
	owner, name, ok := strings.Cut(o.repo, "/")
	if !ok || owner == "" || name == "" {
		fmt.Fprintln(stderr, "mentorbot: check --online needs --repo OWNER/NAME, the repository the file is for")
		return exitUsage
	}
	svc, err := app.LoadServiceConfig(o.configFile, !o.named)
	if err != nil {
		return fail(stderr, exitUsage, err)
	}
	logins := make([]string, 0, len(cfg.Mentors))
	for _, m := range cfg.Mentors {
		logins = append(logins, m.Login)
	}
	bad, err := app.UnassignableMentors(ctx, svc, owner, name, logins)
	if err != nil {
		fmt.Fprintf(stderr, "mentorbot: cannot ask GitHub about %s: %v\n", o.repo, err)
		return exitUsage
	}
	for _, login := range bad {
		fmt.Fprintf(stdout, "%s: mentors: %s cannot be assigned in %s: they have no access to it, so GitHub would leave them out "+
			"of the assignees and refuse them as reviewers (hint: give them at least read access, e.g. through a team, or take them off the roster)\n",
			path, login, o.repo)
	}
	if len(bad) > 0 {
		return exitFailure
	}
	fmt.Fprintf(stdout, "Every mentor can be assigned in %s.\n", o.repo)
	return exitOK
}
