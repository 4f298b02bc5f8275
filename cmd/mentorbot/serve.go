package main

import (
	"context"
	"flag"
	"io"
	"os"

	"github.com/mentorbot/mentorbot/app"
)

func runServe(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	fs.SetOutput(stderr)
	configFile := fs.String("config", app.DefaultConfigFile, "service configuration file (YAML); the environment overrides it")
	if err := fs.Parse(args); err != nil {
		return exitUsage
	}
	cfg, err := loadConfig(fs, *configFile)
	if err == nil {
		err = cfg.RequireApp()
	}
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
	named := false
	fs.Visit(func(f *flag.Flag) {
		if f.Name == "config" {
			named = true
		}
	})
	return app.LoadConfig(path, !named)
}
