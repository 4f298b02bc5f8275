package main

import (
	"bytes"
	"context"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"io"
	"net"
	"net/http"
	"sync/atomic"
	"time"
)

// deliveryIDs makes fresh UUID-shaped (version 4) delivery IDs: a random
// prefix per run and a counter, so no two requests ever share one.
type deliveryIDs struct {
	prefix [8]byte
	n      atomic.Uint64
}

func newDeliveryIDs() *deliveryIDs {
	g := &deliveryIDs{}
	rand.Read(g.prefix[:])
	return g
}

func (g *deliveryIDs) next() string {
	var b [16]byte
	copy(b[:8], g.prefix[:])
	binary.BigEndian.PutUint64(b[8:], g.n.Add(1))
	b[6] = b[6]&0x0f | 0x40
	b[8] = b[8]&0x3f | 0x80
	var s [36]byte
	hex.Encode(s[0:8], b[0:4])
	s[8] = '-'
	hex.Encode(s[9:13], b[4:6])
	s[13] = '-'
	hex.Encode(s[14:18], b[6:8])
	s[18] = '-'
	hex.Encode(s[19:23], b[8:10])
	s[23] = '-'
	hex.Encode(s[24:], b[10:])
	return string(s[:])
}

// signature is GitHub's X-Hub-Signature-256 value for body.
func signature(body []byte, secret string) string {
	mac := hmac.New(sha256.New, []byte(secret))
	mac.Write(body)
	return "sha256=" + hex.EncodeToString(mac.Sum(nil))
}

// sender posts one signed delivery the way GitHub does.
type sender struct {
	client *http.Client
	url    string
	event  string
	body   []byte
	sig    string
	ids    *deliveryIDs
}

func newSender(c *loadConfig) *sender {
	dialer := &net.Dialer{Timeout: 5 * time.Second, KeepAlive: 30 * time.Second}
	tr := &http.Transport{
		DialContext:         dialLoopback(dialer),
		MaxIdleConns:        c.concurrency,
		MaxIdleConnsPerHost: c.concurrency,
		IdleConnTimeout:     90 * time.Second,
		DisableCompression:  true,
	}
	return &sender{
		client: &http.Client{
			Transport:     tr,
			Timeout:       requestTimeout,
			CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
		},
		url:   c.url,
		event: c.event,
		body:  c.body,
		sig:   signature(c.body, c.secret),
		ids:   newDeliveryIDs(),
	}
}

func (s *sender) send(ctx context.Context) (int, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, s.url, bytes.NewReader(s.body))
	if err != nil {
		return 0, err
	}
	req.Header = http.Header{
		"Content-Type":        {"application/json"},
		"User-Agent":          {"GitHub-Hookshot/loadgen"},
		"X-Github-Event":      {s.event},
		"X-Github-Delivery":   {s.ids.next()},
		"X-Hub-Signature-256": {s.sig},
	}
	res, err := s.client.Do(req)
	if err != nil {
		return 0, err
	}
	io.Copy(io.Discard, res.Body)
	res.Body.Close()
	return res.StatusCode, nil
}

func (s *sender) close() { s.client.CloseIdleConnections() }

// errorKind names a failed request briefly, for the error counts.
func errorKind(err error) string {
	var ne net.Error
	switch {
	case errors.Is(err, context.DeadlineExceeded), errors.As(err, &ne) && ne.Timeout():
		return "timeout"
	case errors.Is(err, context.Canceled):
		return "cancelled at the end of the run"
	}
	var op *net.OpError
	if errors.As(err, &op) {
		return op.Op + ": " + op.Err.Error()
	}
	msg := err.Error()
	if len(msg) > 80 {
		msg = msg[:80]
	}
	return msg
}
