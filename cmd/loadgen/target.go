package main

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/url"
	"strings"
)

// checkLoopback accepts only http(s) URLs whose host is a loopback address
// (127.0.0.0/8, ::1) or the name localhost: the load generator never
// aims at another machine.
func checkLoopback(raw string) (*url.URL, error) {
	u, err := url.Parse(raw)
	if err != nil {
		return nil, fmt.Errorf("parse url: %w", err)
	}
	if u.Scheme != "http" && u.Scheme != "https" {
		return nil, fmt.Errorf("url %q: scheme must be http or https", raw)
	}
	host := u.Hostname()
	if host == "" {
		return nil, fmt.Errorf("url %q: no host", raw)
	}
	if strings.EqualFold(host, "localhost") {
		return u, nil
	}
	ip := net.ParseIP(host)
	if ip == nil || !ip.IsLoopback() {
		return nil, errors.New("refusing " + host + ": the target must be on loopback (127.0.0.0/8, ::1 or localhost)")
	}
	return u, nil
}

// dialLoopback connects only to loopback addresses, checked once
// connected, so that a name resolving elsewhere cannot slip through.
func dialLoopback(d *net.Dialer) func(ctx context.Context, network, addr string) (net.Conn, error) {
	return func(ctx context.Context, network, addr string) (net.Conn, error) {
		conn, err := d.DialContext(ctx, network, addr)
		if err != nil {
			return nil, err
		}
		if tcp, ok := conn.RemoteAddr().(*net.TCPAddr); !ok || !tcp.IP.IsLoopback() {
			conn.Close()
			return nil, fmt.Errorf("refusing %s: not a loopback address", conn.RemoteAddr())
		}
		return conn, nil
	}
}
