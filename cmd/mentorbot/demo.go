package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/mentorbot/mentorbot/app/demo"
)

func runDemo(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("demo", flag.ContinueOnError)
	fs.SetOutput(stderr)
	port := fs.Int("port", 8080, "where the service and its dashboard listen")
	noWait := fs.Bool("no-wait", false, "exit after the story instead of serving until Ctrl-C")
	dir := fs.String("dir", "", "folder for the store and the log, created if missing (default: a new temporary folder)")
	reset := fs.Bool("reset", false, "with --dir: remove the store and log of an earlier demo there first")
	fs.Usage = func() {
		fmt.Fprintln(fs.Output(), "Usage: mentorbot demo [--port N] [--dir DIR [--reset]] [--no-wait]")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return exitUsage
	}
	if fs.NArg() > 0 {
		fs.Usage()
		return exitUsage
	}
	if *reset && *dir == "" {
		return fail(stderr, exitUsage, usageError{errors.New("--reset needs --dir: a temporary folder is always new")})
	}
	if *dir != "" {
		if err := demoDir(*dir, *reset); err != nil {
			return fail(stderr, exitFailure, err)
		}
	}
	if err := demo.Run(ctx, demo.Options{Port: *port, NoWait: *noWait, Out: stdout, Dir: *dir}); err != nil {
		return fail(stderr, exitFailure, err)
	}
	return exitOK
}

// demoFiles are what a demo leaves in its folder.
var demoFiles = []string{"mentorbot.db", "mentorbot.db-wal", "mentorbot.db-shm", "mentorbot.log"}

// demoDir makes dir ready for a new story: it creates the folder, and
// refuses one that holds an earlier demo's store (the story would find
// everything already done) unless reset, which removes the old files.
func demoDir(dir string, reset bool) error {
	if err := os.MkdirAll(dir, 0o750); err != nil {
		return fmt.Errorf("demo folder: %w", err)
	}
	db := filepath.Join(dir, demoFiles[0])
	_, err := os.Stat(db)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return nil
	case err != nil:
		return fmt.Errorf("demo folder: %w", err)
	case !reset:
		return fmt.Errorf("%s already holds a store (%s) from an earlier demo, and the story needs a fresh one: add --reset to remove it first, or choose another --dir", dir, db)
	}
	for _, f := range demoFiles {
		if err := os.Remove(filepath.Join(dir, f)); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return fmt.Errorf("--reset: %w", err)
		}
	}
	return nil
}
