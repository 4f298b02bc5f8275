package app

import (
	"bytes"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"hash"
	"io"
	"mime"
	"net/http"
	"os"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/google/go-github/v60/github"
	"github.com/rs/zerolog"
)

// Limits of the webhook gate, which checks a delivery's signature before
// anything else reads its body.
const (
	// MaxWebhookBytes is the largest body accepted, GitHub's own cap on payloads.
	MaxWebhookBytes = 25 << 20
	// smallBodyBytes of a body are kept in memory while its signature is
	// unknown; the rest of a larger body goes to a temporary file.
	smallBodyBytes = 256 << 10
	// largeBodySlots bounds the bodies over smallBodyBytes read at once.
	largeBodySlots = 2
	// largeBodyWait is how long a large body waits for a slot before 503.
	largeBodyWait = 2 * time.Second
	// retryAfterSeconds is the Retry-After of a 503 from the gate.
	retryAfterSeconds = "5"
)

// webhookGate sits in front of go-githubapp's dispatcher. It refuses what
// it can from the headers alone, then computes the HMAC-SHA256 while the
// body streams in, keeping at most smallBodyBytes in memory (a larger body
// waits for one of few slots and spills into a temporary file), and hands
// the dispatcher only a body whose signature matched. The dispatcher checks
// the signature again; this gate is what makes a forged request cheap.
type webhookGate struct {
	secret   []byte
	next     http.Handler
	slots    chan struct{}
	wait     time.Duration
	draining *atomic.Bool
	onRefuse func()
	tempDir  string // "" is os.TempDir
	warnOnce sync.Once
}

func newWebhookGate(secret string, next http.Handler, draining *atomic.Bool, onRefuse func()) *webhookGate {
	if onRefuse == nil {
		onRefuse = func() {}
	}
	return &webhookGate{secret: []byte(secret), next: next, slots: make(chan struct{}, largeBodySlots),
		wait: largeBodyWait, draining: draining, onRefuse: onRefuse}
}

// The log line of a delivery whose signature does not match, and the fix.
const (
	signatureMismatch = "Rejected webhook: its signature does not match the webhook secret"
	secretHint        = "set the same secret in the GitHub App's settings (Webhook secret) and in github.app.webhook_secret (GITHUB_APP_WEBHOOK_SECRET), then redeliver from the app's Advanced tab"
)

// errNoSlot is a large body that found every slot taken.
var errNoSlot = errors.New("too many large webhook bodies at once")

func (g *webhookGate) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	logger := zerolog.Ctx(r.Context())
	if g.draining != nil && g.draining.Load() {
		unavailable(w, "shutting down; GitHub will record this delivery as failed")
		return
	}
	if r.ContentLength > MaxWebhookBytes {
		g.refuse(w, r, http.StatusRequestEntityTooLarge, "payload too large")
		return
	}
	if !isJSON(r.Header.Get("Content-Type")) {
		g.refuse(w, r, http.StatusUnsupportedMediaType, "webhook bodies must be application/json")
		return
	}
	want, err := parseSHA256Signature(r.Header.Get(github.SHA256SignatureHeader))
	if err != nil {
		g.refuse(w, r, http.StatusUnauthorized, "invalid webhook: "+err.Error())
		return
	}
	body := &spool{gate: g}
	defer body.release()
	if r.ContentLength > smallBodyBytes {
		if err := body.takeSlot(r); err != nil {
			logger.Warn().Err(err).Int64("bytes", r.ContentLength).Msg("Refused webhook: every large-body slot is taken")
			unavailable(w, "too many large webhooks at once; try again")
			return
		}
	}
	mac := hmac.New(sha256.New, g.secret)
	if err := body.fill(r, http.MaxBytesReader(w, r.Body, MaxWebhookBytes), mac); err != nil {
		var tooLarge *http.MaxBytesError
		switch {
		case errors.As(err, &tooLarge):
			g.refuse(w, r, http.StatusRequestEntityTooLarge, "payload too large")
		case errors.Is(err, errNoSlot):
			logger.Warn().Err(err).Msg("Refused webhook: every large-body slot is taken")
			unavailable(w, "too many large webhooks at once; try again")
		default:
			g.refuse(w, r, http.StatusBadRequest, "could not read the body")
		}
		return
	}
	if !hmac.Equal(mac.Sum(nil), want) {
		// The usual cause is a secret set differently in the two places;
		// say so, without logging either.
		g.onRefuse()
		logger.Warn().Int("status", http.StatusUnauthorized).Str("hint", secretHint).Msg(signatureMismatch)
		http.Error(w, "invalid webhook: payload signature check failed", http.StatusUnauthorized)
		return
	}
	payload, err := body.bytes()
	if err != nil {
		logger.Error().Err(err).Msg("Could not read back a spooled webhook body")
		unavailable(w, "could not read the body back")
		return
	}
	body.drop() // the temporary file is no longer needed; a slot stays held
	r.Body = io.NopCloser(bytes.NewReader(payload))
	r.ContentLength = int64(len(payload))
	g.next.ServeHTTP(w, r)
}

func (g *webhookGate) refuse(w http.ResponseWriter, r *http.Request, status int, msg string) {
	g.onRefuse()
	zerolog.Ctx(r.Context()).Warn().Int("status", status).Msg("Rejected webhook: " + msg)
	http.Error(w, msg, status)
}

func unavailable(w http.ResponseWriter, msg string) {
	w.Header().Set("Retry-After", retryAfterSeconds)
	http.Error(w, msg, http.StatusServiceUnavailable)
}

// isJSON accepts application/json with any parameters (charset).
func isJSON(contentType string) bool {
	mt, _, err := mime.ParseMediaType(contentType)
	return err == nil && mt == "application/json"
}

// parseSHA256Signature reads "sha256=<64 hex digits>"; the older SHA-1
// signature, whatever header carries it, does not count.
func parseSHA256Signature(h string) ([]byte, error) {
	if h == "" {
		return nil, fmt.Errorf("missing %s header", github.SHA256SignatureHeader)
	}
	hexSum, ok := strings.CutPrefix(h, "sha256=")
	if !ok {
		return nil, fmt.Errorf("%s must be a sha256= signature", github.SHA256SignatureHeader)
	}
	sum, err := hex.DecodeString(hexSum)
	if err != nil || len(sum) != sha256.Size {
		return nil, fmt.Errorf("%s is not a SHA-256 signature", github.SHA256SignatureHeader)
	}
	return sum, nil
}

// spool holds one body while its signature is checked: the first
// smallBodyBytes in memory, the rest in an unlinked temporary file (or,
// when no file can be made, in memory under the slot).
type spool struct {
	gate *webhookGate
	mem  bytes.Buffer
	file *os.File
	rest bytes.Buffer // the fallback when no file can be made
	size int64
	slot bool
}

func (s *spool) takeSlot(r *http.Request) error {
	if s.slot {
		return nil
	}
	t := time.NewTimer(s.gate.wait)
	defer t.Stop()
	select {
	case s.gate.slots <- struct{}{}:
		s.slot = true
		return nil
	case <-t.C:
		return errNoSlot
	case <-r.Context().Done():
		return r.Context().Err()
	}
}

// fill reads the body through mac.
func (s *spool) fill(r *http.Request, body io.Reader, mac hash.Hash) error {
	src := io.TeeReader(body, mac)
	first := int64(smallBodyBytes)
	if r.ContentLength >= 0 && r.ContentLength < first {
		first = r.ContentLength
	}
	s.mem.Grow(int(first) + bytes.MinRead)
	n, err := s.mem.ReadFrom(io.LimitReader(src, smallBodyBytes))
	s.size = n
	if err != nil {
		return err
	}
	if n < smallBodyBytes {
		return nil
	}
	var probe [1]byte
	if k, err := io.ReadFull(src, probe[:]); k == 0 {
		if errors.Is(err, io.EOF) {
			return nil
		}
		return err
	}
	if err := s.takeSlot(r); err != nil {
		return err
	}
	var dst io.Writer = &s.rest
	if f, err := os.CreateTemp(s.gate.tempDir, "mentorbot-webhook-*"); err != nil {
		s.gate.warnOnce.Do(func() {
			zerolog.Ctx(r.Context()).Warn().Err(err).Msg("No temporary file for large webhook bodies; keeping them in memory")
		})
	} else {
		os.Remove(f.Name()) // gone with the process, whatever happens
		s.file = f
		dst = f
	}
	if _, err := dst.Write(probe[:]); err != nil {
		return err
	}
	buf := make([]byte, 32<<10)
	m, err := io.CopyBuffer(dst, src, buf)
	s.size += 1 + m
	return err
}

// bytes returns the whole body; call it only once the signature matched.
func (s *spool) bytes() ([]byte, error) {
	if s.file == nil && s.rest.Len() == 0 {
		return s.mem.Bytes(), nil
	}
	out := make([]byte, s.size)
	n := copy(out, s.mem.Bytes())
	if s.file == nil {
		copy(out[n:], s.rest.Bytes())
		return out, nil
	}
	if _, err := s.file.ReadAt(out[n:], 0); err != nil && !errors.Is(err, io.EOF) {
		return nil, err
	}
	return out, nil
}

// drop lets the temporary file go.
func (s *spool) drop() {
	if s.file != nil {
		s.file.Close()
		s.file = nil
	}
	s.rest = bytes.Buffer{}
}

// release frees the file and the slot.
func (s *spool) release() {
	s.drop()
	if s.slot {
		<-s.gate.slots
		s.slot = false
	}
}
