// Command loadgen posts signed GitHub webhooks to a server on loopback and
// reports acknowledged deliveries per second, status codes, latency
// percentiles and, given the target's PID, its peak resident memory.
//
//	go run ./cmd/loadgen -secret S                       # as fast as 64 workers can
//	go run ./cmd/loadgen -secret S -rate 1000 -pid 1234  # open loop, 1,000/s
//	go run ./cmd/loadgen -baseline                       # against stock go-githubapp in this process
//	go run ./cmd/loadgen -serve-baseline 127.0.0.1:0     # run that baseline alone, to load from outside
//	go run ./cmd/loadgen -genkey                         # a throwaway RSA key for a test service
//
// Every run stops by itself: at most two minutes and a million requests.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"os"
	"os/signal"
	"path/filepath"
	"syscall"
	"time"

	"github.com/rs/zerolog"
)

// Defaults of the flags.
const (
	defaultURL         = "http://127.0.0.1:8080/api/github/hook"
	defaultEvent       = "pull_request"
	defaultSize        = 25000
	defaultConcurrency = 64
	defaultDuration    = 10 * time.Second
	baselineSecret     = "loadgen baseline secret"
	maxServe           = 10 * time.Minute // -serve-baseline stops by itself after this
)

// Exit codes.
const (
	exitOK      = 0
	exitFailure = 1
	exitUsage   = 2
)

type flags struct {
	load            loadConfig
	payload         string
	size            int
	baseline        bool
	serveBaseline   string
	baselineQueue   int
	baselineWorkers int
	baselineWork    time.Duration
	label           string
	metrics         string
	json            bool
	table           bool
	genkey          bool
	freeport        bool
	tableFiles      []string
}

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

func parseFlags(args []string, stderr io.Writer) (*flags, error) {
	f := &flags{}
	fs := flag.NewFlagSet("loadgen", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.StringVar(&f.load.url, "url", defaultURL, "webhook URL; must be on loopback")
	fs.StringVar(&f.load.secret, "secret", os.Getenv("GITHUB_APP_WEBHOOK_SECRET"), "webhook secret (default: $GITHUB_APP_WEBHOOK_SECRET)")
	fs.StringVar(&f.load.event, "event", defaultEvent, "X-GitHub-Event of every delivery")
	fs.StringVar(&f.payload, "payload", "", "JSON payload file (default: testdata/webhooks/pull_request/opened.payload.json for pull_request, else the event's first example)")
	fs.IntVar(&f.size, "size", defaultSize, "pad the compacted payload to this many bytes with a string field; 0 sends it as is")
	fs.Float64Var(&f.load.rate, "rate", 0, "open loop: requests per second, latency measured from each scheduled send; 0: closed loop, as fast as -concurrency workers go")
	fs.IntVar(&f.load.concurrency, "concurrency", defaultConcurrency, "workers (closed loop) or most requests in flight (open loop)")
	fs.DurationVar(&f.load.duration, "duration", defaultDuration, fmt.Sprintf("length of the run, at most %v", maxDuration))
	fs.IntVar(&f.load.requests, "requests", 0, fmt.Sprintf("stop after this many requests (0: %d at most)", maxRequests))
	fs.IntVar(&f.load.pid, "pid", 0, "the target's process ID: sample its VmRSS/VmHWM from /proc during the run")
	fs.BoolVar(&f.baseline, "baseline", false, "instead of -url, load a stock go-githubapp server (QueueAsyncScheduler) started in this process")
	fs.StringVar(&f.serveBaseline, "serve-baseline", "", "only run that stock server on this loopback address (e.g. 127.0.0.1:0) until SIGTERM, at most "+maxServe.String())
	fs.IntVar(&f.baselineQueue, "baseline-queue", defaultBaselineQueue, "baseline: QueueAsyncScheduler queue size")
	fs.IntVar(&f.baselineWorkers, "baseline-workers", defaultBaselineWorkers, "baseline: QueueAsyncScheduler workers")
	fs.DurationVar(&f.baselineWork, "baseline-work", 0, "baseline: time each handler call takes (0: a no-op handler; e.g. 50ms stands for GitHub calls)")
	fs.StringVar(&f.label, "label", "", "name of the run, for -table")
	fs.StringVar(&f.metrics, "metrics", "", "mentorbot's /metrics URL (loopback): count the deliveries stored during the run and check every 200 was")
	fs.BoolVar(&f.json, "json", false, "print the result as JSON")
	fs.BoolVar(&f.table, "table", false, "print the results saved with -json in the files named as arguments, side by side, and exit")
	fs.BoolVar(&f.genkey, "genkey", false, "print a fresh RSA private key (PEM) and exit")
	fs.BoolVar(&f.freeport, "freeport", false, "print a TCP port free on 127.0.0.1 and exit")
	if err := fs.Parse(args); err != nil {
		return nil, err
	}
	if f.table {
		f.tableFiles = fs.Args()
	} else if fs.NArg() > 0 {
		return nil, fmt.Errorf("unexpected argument %q", fs.Arg(0))
	}
	if f.baselineQueue < 0 || f.baselineWorkers < 1 || f.baselineWork < 0 {
		return nil, errors.New("-baseline-queue must be 0 or more, -baseline-workers 1 or more, -baseline-work not negative")
	}
	return f, nil
}

func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	f, err := parseFlags(args, stderr)
	if errors.Is(err, flag.ErrHelp) {
		return exitOK
	}
	if err != nil {
		fmt.Fprintln(stderr, "loadgen:", err)
		return exitUsage
	}
	switch {
	case f.table:
		if err := writeTable(stdout, f.tableFiles); err != nil {
			fmt.Fprintln(stderr, "loadgen:", err)
			return exitFailure
		}
		return exitOK
	case f.freeport:
		ln, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			fmt.Fprintln(stderr, "loadgen:", err)
			return exitFailure
		}
		fmt.Fprintln(stdout, ln.Addr().(*net.TCPAddr).Port)
		ln.Close()
		return exitOK
	}
	if f.genkey {
		if err := writeKey(stdout); err != nil {
			fmt.Fprintln(stderr, "loadgen:", err)
			return exitFailure
		}
		return exitOK
	}
	if f.serveBaseline != "" {
		return serveBaseline(ctx, f, stdout, stderr)
	}
	if err := f.loadPayload(); err != nil {
		fmt.Fprintln(stderr, "loadgen:", err)
		return exitUsage
	}
	if f.baseline {
		if f.load.secret == "" {
			f.load.secret = baselineSecret
		}
		b, err := startBaseline("127.0.0.1:0", f.baselineOptions(zerolog.New(io.Discard)))
		if err != nil {
			fmt.Fprintln(stderr, "loadgen:", err)
			return exitFailure
		}
		defer b.stop()
		f.load.url = b.url
	}
	before := 0
	if f.metrics != "" {
		if before, err = storedCount(ctx, f.metrics); err != nil {
			fmt.Fprintln(stderr, "loadgen:", err)
			return exitFailure
		}
	}
	res, err := runLoad(ctx, &f.load)
	if err != nil {
		fmt.Fprintln(stderr, "loadgen:", err)
		return exitUsage
	}
	res.Label = f.label
	if f.metrics != "" {
		after, err := storedCount(ctx, f.metrics)
		if err != nil {
			fmt.Fprintln(stderr, "loadgen:", err)
			return exitFailure
		}
		stored := after - before
		res.Stored = &stored
	}
	res.warn()
	if f.baseline {
		res.Target = "baseline " + res.Target + fmt.Sprintf(" (in-process go-githubapp QueueAsyncScheduler(%d, %d))", f.baselineQueue, f.baselineWorkers)
	}
	if f.json {
		res.writeJSON(stdout)
	} else {
		res.writeText(stdout)
	}
	if res.Sent > 0 && sumValues(res.Errors) == res.Sent {
		return exitFailure // not one answer
	}
	return exitOK
}

func (f *flags) baselineOptions(logger zerolog.Logger) baselineOptions {
	return baselineOptions{
		event:   f.load.event,
		secret:  f.load.secret,
		queue:   f.baselineQueue,
		workers: f.baselineWorkers,
		work:    f.baselineWork,
		logger:  logger.Level(zerolog.WarnLevel),
	}
}

func (f *flags) loadPayload() error {
	path := f.payload
	if path == "" {
		root, err := repositoryRoot()
		if err != nil {
			return err
		}
		if path, err = defaultPayloadPath(root, f.load.event); err != nil {
			return err
		}
	}
	body, err := readPayload(path, f.size)
	if err != nil {
		return err
	}
	f.load.body = body
	return nil
}

// repositoryRoot is the nearest folder, from here up, that holds
// testdata/webhooks.
func repositoryRoot() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", fmt.Errorf("working folder: %w", err)
	}
	for {
		if fi, err := os.Stat(filepath.Join(dir, "testdata", "webhooks")); err == nil && fi.IsDir() {
			return dir, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", errors.New("no testdata/webhooks here or above; run from the repository or pass -payload FILE")
		}
		dir = parent
	}
}

// serveBaseline runs the stock server alone, logging as a service would
// (JSON lines on stderr, warnings and up), until a signal or maxServe.
func serveBaseline(ctx context.Context, f *flags, stdout, stderr io.Writer) int {
	if f.load.secret == "" {
		fmt.Fprintln(stderr, "loadgen: -serve-baseline needs -secret (or $GITHUB_APP_WEBHOOK_SECRET)")
		return exitUsage
	}
	b, err := startBaseline(f.serveBaseline, f.baselineOptions(zerolog.New(stderr).With().Timestamp().Logger()))
	if err != nil {
		fmt.Fprintln(stderr, "loadgen:", err)
		return exitFailure
	}
	fmt.Fprintf(stdout, "baseline listening on %s (QueueAsyncScheduler(%d, %d), pid %d)\n", b.url, f.baselineQueue, f.baselineWorkers, os.Getpid())
	ctx, cancel := context.WithTimeout(ctx, maxServe)
	defer cancel()
	select {
	case <-ctx.Done():
	case err := <-b.done:
		fmt.Fprintln(stderr, "loadgen:", err)
		return exitFailure
	}
	if err := b.stop(); err != nil {
		fmt.Fprintln(stderr, "loadgen:", err)
		return exitFailure
	}
	return exitOK
}
