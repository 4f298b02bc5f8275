package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"strconv"
	"time"

	"github.com/mentorbot/mentorbot/app"
)

// defaultProbeTimeout bounds one health probe; container engines also kill
// a healthcheck that outlives their own timeout.
const defaultProbeTimeout = 3 * time.Second

// runHealthcheck asks a running service for /healthz and exits 0 on a 200,
// 1 otherwise. Images without a shell or curl (distroless) use it as their
// HEALTHCHECK; it reads the same configuration as serve to find the port.
func runHealthcheck(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("healthcheck", flag.ContinueOnError)
	fs.SetOutput(stderr)
	configFile := fs.String("config", app.DefaultConfigFile, "service configuration file (YAML); the environment overrides it")
	target := fs.String("url", "", "URL to probe (default: /healthz on the configured address and port)")
	timeout := fs.Duration("timeout", defaultProbeTimeout, "give up after this long")
	fs.Usage = func() {
		fmt.Fprintln(fs.Output(), "Usage: mentorbot healthcheck [--config FILE] [--url URL] [--timeout DURATION]")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return exitUsage
	}
	if fs.NArg() > 0 {
		return fail(stderr, exitUsage, usageError{fmt.Errorf("healthcheck: unexpected argument %q", fs.Arg(0))})
	}
	if *target == "" {
		cfg, err := loadConfig(fs, *configFile)
		if err != nil {
			return fail(stderr, exitFailure, err)
		}
		*target = healthURL(cfg.Server)
	}
	if u, err := url.Parse(*target); err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return fail(stderr, exitUsage, usageError{fmt.Errorf("healthcheck: --url %q is not an http(s) URL", *target)})
	}
	ctx, cancel := context.WithTimeout(ctx, *timeout)
	defer cancel()
	if err := probe(ctx, *target); err != nil {
		return fail(stderr, exitFailure, err)
	}
	fmt.Fprintln(stdout, "ok")
	return exitOK
}

// healthURL is /healthz on the address the service listens on; a wildcard
// address is probed on the loopback interface.
func healthURL(s app.ServerConfig) string {
	host := s.Address
	switch host {
	case "", "0.0.0.0":
		host = "127.0.0.1"
	case "::", "[::]":
		host = "::1"
	}
	return (&url.URL{Scheme: "http", Host: net.JoinHostPort(host, strconv.Itoa(s.Port)), Path: "/healthz"}).String()
}

// probe GETs target directly (never through a proxy from the environment:
// the service is local) and wants a 200.
func probe(ctx context.Context, target string) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, target, nil)
	if err != nil {
		return fmt.Errorf("healthcheck: %w", err)
	}
	client := &http.Client{
		Transport: &http.Transport{Proxy: nil, DisableKeepAlives: true},
		CheckRedirect: func(*http.Request, []*http.Request) error {
			return http.ErrUseLastResponse
		},
	}
	resp, err := client.Do(req)
	if err != nil {
		var uerr *url.Error
		if errors.As(err, &uerr) {
			err = uerr.Err
		}
		return fmt.Errorf("healthcheck: %s: %w", target, err)
	}
	defer resp.Body.Close()
	_, _ = io.Copy(io.Discard, io.LimitReader(resp.Body, 4<<10))
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("healthcheck: %s answered %s", target, resp.Status)
	}
	return nil
}
