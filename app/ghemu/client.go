package ghemu

import (
	"encoding/json"
	"fmt"
	"net/http"
	"sync"
	"time"
)

// InstallationClient returns an HTTP client that authenticates as the
// app's installation id as the app does (an app JWT, then an installation
// token renewed before it expires) but on the emulator's own clock, so a
// test that moves Options.Now by days keeps valid credentials. The
// emulator checks them as strictly as ever. Set the base URL first.
func (e *Emulator) InstallationClient(id int64) *http.Client {
	return &http.Client{Transport: &installationTransport{emu: e, id: id, next: http.DefaultTransport}}
}

type installationTransport struct {
	emu  *Emulator
	id   int64
	next http.RoundTripper

	mu      sync.Mutex
	token   string
	expires time.Time
}

func (t *installationTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	token, err := t.current()
	if err != nil {
		return nil, err
	}
	r := req.Clone(req.Context())
	r.Header.Set("Authorization", "token "+token)
	return t.next.RoundTrip(r)
}

// current is a token valid for at least another minute of emulator time.
func (t *installationTransport) current() (string, error) {
	t.mu.Lock()
	defer t.mu.Unlock()
	now := t.emu.now()
	if t.token != "" && now.Add(time.Minute).Before(t.expires) {
		return t.token, nil
	}
	jwt, err := t.emu.SignJWT(now.Add(-30*time.Second), now.Add(9*time.Minute))
	if err != nil {
		return "", err
	}
	t.emu.mu.Lock()
	base := t.emu.base
	t.emu.mu.Unlock()
	req, err := http.NewRequest(http.MethodPost, fmt.Sprintf("%s/api/v3/app/installations/%d/access_tokens", base, t.id), nil)
	if err != nil {
		return "", err
	}
	req.Header.Set("Authorization", "Bearer "+jwt)
	req.Header.Set("Accept", "application/vnd.github+json")
	res, err := t.next.RoundTrip(req)
	if err != nil {
		return "", err
	}
	defer res.Body.Close()
	var out struct {
		Token     string    `json:"token"`
		ExpiresAt time.Time `json:"expires_at"`
	}
	if res.StatusCode != http.StatusCreated {
		return "", fmt.Errorf("installation token: %s", res.Status)
	}
	if err := json.NewDecoder(res.Body).Decode(&out); err != nil {
		return "", fmt.Errorf("installation token: %w", err)
	}
	t.token, t.expires = out.Token, out.ExpiresAt
	return t.token, nil
}
