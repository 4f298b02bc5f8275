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
	if len(args) == 0 || args[0] == "help" || args[0] == "-h" || args[0] == "--help" {
		usage(stdout)
		if len(args) == 0 {
			return exitUsage
		}
		return exitOK
	}
	for _, c := range commands() {
		if c.name == args[0] {
			return c.run(ctx, args[1:], stdout, stderr)
		}
	}
	fmt.Fprintf(stderr, "mentorbot: unknown command %q\n\n", args[0])
	usage(stderr)
	return exitUsage
}

func usage(w io.Writer) {
	fmt.Fprintln(w, "Usage: mentorbot COMMAND [FLAGS]")
	fmt.Fprintln(w)
	fmt.Fprintln(w, "Commands:")
	for _, c := range commands() {
		fmt.Fprintf(w, "  %-12s %s\n", c.name, c.summary)
	}
	fmt.Fprintln(w)
	fmt.Fprintln(w, "Run 'mentorbot COMMAND -h' for a command's flags.")
}

// fail prints one line and returns the exit code.
func fail(stderr io.Writer, code int, err error) int {
	var ue usageError
	if errors.As(err, &ue) {
		code = exitUsage
	}
	fmt.Fprintf(stderr, "mentorbot: %v\n", err)
	return code
}

type usageError struct{ error }
