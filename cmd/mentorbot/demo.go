package main

import (
	"context"
	"flag"
	"fmt"
	"io"

	"github.com/mentorbot/mentorbot/app/demo"
)

func runDemo(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("demo", flag.ContinueOnError)
	fs.SetOutput(stderr)
	port := fs.Int("port", 8080, "where the service and its dashboard listen")
	noWait := fs.Bool("no-wait", false, "exit after the story instead of serving until Ctrl-C")
	dir := fs.String("dir", "", "folder for the store and the log (default: a new temporary folder)")
	fs.Usage = func() {
		fmt.Fprintln(fs.Output(), "Usage: mentorbot demo [--port N] [--dir DIR [--reset]] [--no-wait]")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return exitUsage
	}
	if err := demo.Run(ctx, demo.Options{Port: *port, NoWait: *noWait, Out: stdout, Dir: *dir}); err != nil {
		return fail(stderr, exitFailure, err)
	}
	return exitOK
}
