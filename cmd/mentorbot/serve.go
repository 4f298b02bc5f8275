package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"

	"github.com/mentorbot/mentorbot/app"
)

func runServe(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	fs.SetOutput(stderr)
	configFile := fs.String("config", app.DefaultConfigFile, "service configuration file (YAML); the environment overrides it")
	fs.Usage = func() {
		fmt.Fprintln(fs.Output(), "Usage: mentorbot serve [--config FILE]   (creates the store named by database.url)")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return exitUsage
	}
	cfg, err := loadServiceConfig(fs, *configFile)
	if err != nil {
		return fail(stderr, exitFailure, err)
	}
	logger := app.NewLogger(cfg.Logging, os.Stderr)
	a, err := app.New(ctx, cfg, logger)
	if err != nil {
		return fail(stderr, exitFailure, err)
	}
	if err := a.Run(ctx, nil); err != nil {
		return fail(stderr, exitFailure, err)
	}
	return exitOK
}

// loadConfig reads the configuration; the default file may be absent (the
// environment can carry everything), a file named with --config may not.
func loadConfig(fs *flag.FlagSet, path string) (*app.Config, error) {
	return app.LoadConfig(path, !named(fs, "config"))
}

// loadServiceConfig is loadConfig for the commands that talk to GitHub:
// the app's credentials are required too.
func loadServiceConfig(fs *flag.FlagSet, path string) (*app.Config, error) {
	return app.LoadServiceConfig(path, !named(fs, "config"))
}

func named(fs *flag.FlagSet, name string) bool {
	found := false
	fs.Visit(func(f *flag.Flag) {
		if f.Name == name {
			found = true
		}
	})
	return found
}
