// Command mentorbot is the mentorbot GitHub App: the webhook service and
// the tools around it. Run `mentorbot help` for the subcommands.
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"

	"github.com/mentorbot/mentorbot/app"
)

// Exit codes.
const (
	exitOK      = 0
	exitFailure = 1
	exitUsage   = 2
)

type command struct {
	name    string
	summary string
	run     func(ctx context.Context, args []string, stdout, stderr io.Writer) int
}

func commands() []command {
	return []command{
		{"serve", "run the webhook server, workers and scheduler until SIGINT/SIGTERM", runServe},
		{"demo", "the whole program on a built-in GitHub emulator with a scripted sample community", runDemo},
		{"check", "validate a mentorship.yml (default .github/mentorship.yml)", runCheck},
		{"schedule", "schedule run: run every scheduled job due now (or at --now) once", runSchedule},
		{"deliveries", "inspect the durable queue: list | retry ID | replay [--since 72h]", runDeliveries},
		{"report", "program metrics per owner and repository: --format table|csv|json, --since 30d", runReport},
		{"setup", "register the GitHub App from app.yml and write its credentials into the config", runSetup},
		{"healthcheck", "probe a running service's /healthz: exit 0 on 200, 1 otherwise (for container HEALTHCHECKs)", runHealthcheck},
		{"version", "print version, commit and Go version", runVersion},
	}
}

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 || args[0] == "help" || isFlag(args[0], "h", "help") {
		usage(stdout)
		if len(args) == 0 {
			return exitUsage
		}
		return exitOK
	}
	if asks(args, "version") {
		return runVersion(ctx, nil, stdout, stderr)
	}
	for _, c := range commands() {
		if c.name == args[0] {
			if asks(args[1:], "h", "help") {
				// The command prints its usage; asked for, it is an answer
				// (stdout, exit 0), not a complaint.
				c.run(ctx, args[1:], stdout, stdout)
				return exitOK
			}
			return c.run(ctx, args[1:], stdout, stderr)
		}
	}
	fmt.Fprintf(stderr, "mentorbot: unknown command %q\n\n", args[0])
	usage(stderr)
	return exitUsage
}

// asks tells whether a flag such as --version is among args, before any "--".
func asks(args []string, names ...string) bool {
	for _, a := range args {
		if a == "--" {
			return false
		}
		if isFlag(a, names...) {
			return true
		}
	}
	return false
}

// isFlag tells whether arg is -name or --name for one of names.
func isFlag(arg string, names ...string) bool {
	for _, n := range names {
		if arg == "-"+n || arg == "--"+n {
			return true
		}
	}
	return false
}

func usage(w io.Writer) {
	fmt.Fprintln(w, "Usage: mentorbot COMMAND [FLAGS]")
	fmt.Fprintln(w)
	fmt.Fprintln(w, "Commands:")
	for _, c := range commands() {
		fmt.Fprintf(w, "  %-12s %s\n", c.name, c.summary)
	}
	fmt.Fprintln(w)
	fmt.Fprintln(w, "Run 'mentorbot COMMAND -h' for a command's flags, 'mentorbot --version' for the version.")
}

// fail prints the error, one line per problem, and returns the exit code.
// Missing or malformed app credentials point to `mentorbot setup`.
func fail(stderr io.Writer, code int, err error) int {
	var ue usageError
	if errors.As(err, &ue) {
		code = exitUsage
	}
	errs := []error{err}
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		errs = j.Unwrap()
	}
	setup := false
	for _, e := range errs {
		fmt.Fprintf(stderr, "mentorbot: %v\n", e)
		var ce *app.ConfigError
		setup = setup || errors.As(e, &ce) && ce.IsAppSetting()
	}
	if setup {
		fmt.Fprintln(stderr, "mentorbot: run `mentorbot setup` to register the GitHub App; it writes the app's ID, webhook secret and private key into the config file.")
	}
	return code
}

type usageError struct{ error }
