package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/mentorbot/mentorbot/app"
	"github.com/mentorbot/mentorbot/app/store"
)

func runDeliveries(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("deliveries", flag.ContinueOnError)
	fs.SetOutput(stderr)
	configFile := fs.String("config", app.DefaultConfigFile, "service configuration file")
	states := fs.String("state", "", "with list: comma-separated states (pending,running,dead,done); default all but done")
	limit := fs.Int("limit", 100, "with list: at most this many rows")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "Usage: mentorbot deliveries list [--state S] [--limit N] | retry ID  [--config FILE]")
		fmt.Fprintln(stderr, "       "+strings.TrimPrefix(replayUsage, "Usage: "))
		fs.PrintDefaults()
	}
	if len(args) == 0 {
		fs.Usage()
		return exitUsage
	}
	sub, rest := args[0], args[1:]
	if sub == "replay" {
		return runReplay(ctx, rest, stdout, stderr)
	}
	if sub != "list" && sub != "retry" {
		fs.Usage()
		return exitUsage
	}
	if err := fs.Parse(rest); err != nil {
		return exitUsage
	}
	cfg, err := loadConfig(fs, *configFile)
	if err == nil {
		err = requireStore(cfg)
	}
	if err != nil {
		return fail(stderr, exitFailure, err)
	}
	db, err := store.Open(ctx, cfg.Database.URL)
	if err != nil {
		return fail(stderr, exitFailure, err)
	}
	defer db.Close()

	switch sub {
	case "list":
		var f store.ListFilter
		if *states != "" {
			f.States = strings.Split(*states, ",")
		}
		f.Limit = *limit
		ds, err := db.ListDeliveries(ctx, f)
		if err != nil {
			return fail(stderr, exitFailure, err)
		}
		printDeliveries(ctx, stdout, db, ds)
		return exitOK
	case "retry":
		if fs.NArg() != 1 {
			fmt.Fprintln(stderr, "mentorbot: deliveries retry needs one delivery ID")
			return exitUsage
		}
		if err := db.RetryDelivery(ctx, fs.Arg(0)); err != nil {
			return fail(stderr, exitFailure, err)
		}
		fmt.Fprintf(stdout, "Delivery %s is queued again; a running service picks it up within a second.\n", fs.Arg(0))
		return exitOK
	default:
		fs.Usage()
		return exitUsage
	}
}

func printDeliveries(ctx context.Context, w io.Writer, db *store.DB, ds []store.Delivery) {
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "ID\tEVENT\tREPOSITORY\tSTATE\tTRIES\tAGE\tLAST ERROR")
	for _, d := range ds {
		repo := "-"
		if full, err := db.GetDelivery(ctx, d.ID); err == nil {
			repo = repositoryOf(full.Payload)
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%d\t%s\t%s\n", d.ID, d.Event, repo, d.State, d.Attempts,
			time.Since(d.ReceivedAt).Round(time.Second), oneLine(d.LastError, 80))
	}
	tw.Flush()
	if len(ds) == 0 {
		fmt.Fprintln(w, "No deliveries waiting, running or dead.")
	}
}

func repositoryOf(payload []byte) string {
	var p struct {
		Repository struct {
			FullName string `json:"full_name"`
		} `json:"repository"`
	}
	if json.Unmarshal(payload, &p) != nil || p.Repository.FullName == "" {
		return "-"
	}
	return p.Repository.FullName
}

func oneLine(s string, n int) string {
	s = strings.Join(strings.Fields(s), " ")
	if len([]rune(s)) > n {
		return string([]rune(s)[:n-1]) + "…"
	}
	if s == "" {
		return "-"
	}
	return s
}
