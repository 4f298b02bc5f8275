package ghemu

import (
	"bytes"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha1"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"hash"
	"io"
	"net/http"
	"strconv"
	"time"
)

// hookTimeout is how long GitHub waits for a webhook answer.
const hookTimeout = 10 * time.Second

// hookUserAgent is the User-Agent of webhook deliveries.
const hookUserAgent = "GitHub-Hookshot/ghemu"

var errNoTarget = errors.New("no webhook target set")

// SetWebhookTarget sets where webhooks go and the secret they are signed
// with; an empty url stops deliveries.
func (e *Emulator) SetWebhookTarget(url, secret string) {
	e.mu.Lock()
	e.st.hookURL, e.st.hookSecret = url, secret
	e.mu.Unlock()
}

// hookID is the ID of the app's webhook, sent as X-GitHub-Hook-ID.
func (e *Emulator) hookID() int64 { return e.opts.AppID*1000 + 1 }

// Deliver signs and sends one webhook now (after those already queued),
// records it in the delivery log and returns the record. The error is set
// when there is no target or the target could not be reached; a non-2xx
// answer is in Delivery.StatusCode.
func (e *Emulator) Deliver(event string, payload any) (Delivery, error) {
	body, err := marshalPayload(payload)
	if err != nil {
		return Delivery{}, err
	}
	return e.hooks.wait(hookJob{event: event, guid: newGUID(), payload: body})
}

// Redeliver sends a recorded delivery again with the same X-GitHub-Delivery
// and records the attempt as a redelivery.
func (e *Emulator) Redeliver(id int64) (Delivery, error) {
	job, err := e.redeliveryJob(id)
	if err != nil {
		return Delivery{}, err
	}
	return e.hooks.wait(job)
}

func (e *Emulator) redeliveryJob(id int64) (hookJob, error) {
	e.mu.Lock()
	defer e.mu.Unlock()
	d := e.st.delivery(id)
	if d == nil {
		return hookJob{}, fmt.Errorf("delivery %d not found", id)
	}
	return hookJob{event: d.Event, guid: d.GUID, payload: d.Payload, redelivery: true}, nil
}

// WaitIdle blocks until every queued webhook has been sent.
func (e *Emulator) WaitIdle() { e.hooks.waitIdle() }

func marshalPayload(payload any) ([]byte, error) {
	switch p := payload.(type) {
	case []byte:
		return p, nil
	case json.RawMessage:
		return p, nil
	}
	b, err := json.Marshal(payload)
	if err != nil {
		return nil, fmt.Errorf("marshal webhook payload: %w", err)
	}
	return b, nil
}

// newGUID returns a random version 4 UUID.
func newGUID() string {
	var b [16]byte
	_, _ = rand.Read(b[:])
	b[6] = b[6]&0x0f | 0x40
	b[8] = b[8]&0x3f | 0x80
	h := hex.EncodeToString(b[:])
	return h[0:8] + "-" + h[8:12] + "-" + h[12:16] + "-" + h[16:20] + "-" + h[20:]
}

// emit queues a webhook caused by a state change; e.mu is held. Nothing is
// queued unless EmitWebhooks is on and a target is set.
func (e *Emulator) emit(event string, payload any) {
	if !e.opts.EmitWebhooks || e.st.hookURL == "" {
		return
	}
	body, err := marshalPayload(payload)
	if err != nil {
		return
	}
	e.hooks.push(hookJob{event: event, guid: newGUID(), payload: body})
}

// send posts one webhook and records the delivery.
func (e *Emulator) send(client *http.Client, j hookJob) (Delivery, error) {
	e.mu.Lock()
	target, secret := e.st.hookURL, e.st.hookSecret
	e.mu.Unlock()
	if target == "" {
		return Delivery{}, errNoTarget
	}
	d := Delivery{
		GUID: j.guid, Event: j.event, Redelivery: j.redelivery, Payload: j.payload,
		RequestHeaders: e.hookHeaders(j, secret),
	}
	d.Action, d.InstallationID, d.RepositoryID = payloadFacts(j.payload)
	req, err := http.NewRequest(http.MethodPost, target, bytes.NewReader(j.payload))
	if err != nil {
		return Delivery{}, fmt.Errorf("webhook request: %w", err)
	}
	for k, v := range d.RequestHeaders {
		req.Header.Set(k, v)
	}
	start := time.Now()
	d.DeliveredAt = e.now()
	resp, sendErr := client.Do(req)
	d.Duration = time.Since(start)
	if sendErr != nil {
		d.Status, d.Err = "failed to connect to host", sendErr.Error()
	} else {
		body, _ := io.ReadAll(io.LimitReader(resp.Body, 1<<20))
		_ = resp.Body.Close()
		d.StatusCode, d.ResponseBody = resp.StatusCode, body
		d.ResponseHeaders = flatHeaders(resp.Header)
		d.Status = "OK"
		if resp.StatusCode/100 != 2 {
			d.Status = "Invalid HTTP Response: " + strconv.Itoa(resp.StatusCode)
		}
	}
	e.mu.Lock()
	d.ID = e.st.newID()
	e.st.deliveries = append(e.st.deliveries, &d)
	e.mu.Unlock()
	if sendErr != nil {
		return d, fmt.Errorf("deliver %s: %w", j.event, sendErr)
	}
	return d, nil
}

func (e *Emulator) hookHeaders(j hookJob, secret string) map[string]string {
	h := map[string]string{
		"Accept":                                 "*/*",
		"Content-Type":                           "application/json",
		"User-Agent":                             hookUserAgent,
		"X-GitHub-Event":                         j.event,
		"X-GitHub-Delivery":                      j.guid,
		"X-GitHub-Hook-ID":                       strconv.FormatInt(e.hookID(), 10),
		"X-GitHub-Hook-Installation-Target-Type": "integration",
		"X-GitHub-Hook-Installation-Target-ID":   strconv.FormatInt(e.opts.AppID, 10),
	}
	if secret != "" {
		h["X-Hub-Signature"] = "sha1=" + hmacHex(sha1.New, secret, j.payload)
		h["X-Hub-Signature-256"] = "sha256=" + hmacHex(sha256.New, secret, j.payload)
	}
	return h
}

func hmacHex(h func() hash.Hash, secret string, payload []byte) string {
	m := hmac.New(h, []byte(secret))
	m.Write(payload)
	return hex.EncodeToString(m.Sum(nil))
}

func flatHeaders(h http.Header) map[string]string {
	out := make(map[string]string, len(h))
	for k, v := range h {
		if len(v) > 0 {
			out[k] = v[0]
		}
	}
	return out
}

// payloadFacts reads action, installation.id and repository.id.
func payloadFacts(payload []byte) (action string, installationID, repoID int64) {
	var p struct {
		Action       string `json:"action"`
		Installation struct {
			ID int64 `json:"id"`
		} `json:"installation"`
		Repository struct {
			ID int64 `json:"id"`
		} `json:"repository"`
	}
	_ = json.Unmarshal(payload, &p)
	return p.Action, p.Installation.ID, p.Repository.ID
}
