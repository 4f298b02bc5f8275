// Package setup registers mentorbot as a GitHub App through GitHub's
// app-manifest flow: a local page posts the manifest (app.yml) to GitHub,
// GitHub redirects back with a code, the code is exchanged for the new
// app's ID, webhook secret, private key and OAuth client, and those are
// written into the service configuration file with a fresh session key.
package setup

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
	"strings"

	"github.com/palantir/go-githubapp/githubapp"
	"gopkg.in/yaml.v3"
)

// CallbackPath is where GitHub sends the browser back to, with the code.
const CallbackPath = "/setup/callback"

// SignInCallbackPath is the service's "Sign in with GitHub" callback.
const SignInCallbackPath = "/login/callback"

// HookURL is the webhook address of a service reached at publicURL (which
// may carry a path prefix, behind a reverse proxy).
func HookURL(publicURL string) (string, error) {
	u, err := url.Parse(publicURL)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return "", fmt.Errorf("public URL %q is not an http(s) URL such as https://mentorbot.example.org", publicURL)
	}
	u.Path = strings.TrimRight(u.Path, "/") + githubapp.DefaultWebhookRoute
	u.RawPath, u.RawQuery, u.Fragment = "", "", ""
	return u.String(), nil
}

// PrepareManifest turns app.yml into the JSON manifest GitHub takes, with
// the webhook and redirect addresses of this installation filled in.
func PrepareManifest(appYAML []byte, hookURL, redirectURL string) ([]byte, error) {
	var m map[string]any
	if err := yaml.Unmarshal(appYAML, &m); err != nil {
		return nil, fmt.Errorf("read app manifest: %w", err)
	}
	if m == nil {
		return nil, errors.New("read app manifest: it is empty")
	}
	for _, key := range []string{"name", "url"} {
		if s, _ := m[key].(string); s == "" {
			return nil, fmt.Errorf("app manifest: %s is missing", key)
		}
	}
	hook, _ := m["hook_attributes"].(map[string]any)
	if hook == nil {
		hook = map[string]any{"active": true}
	}
	hook["url"] = hookURL
	m["hook_attributes"] = hook
	m["redirect_url"] = redirectURL
	// "Sign in with GitHub" for the dashboard comes back here.
	m["callback_urls"] = []string{strings.TrimSuffix(hookURL, githubapp.DefaultWebhookRoute) + SignInCallbackPath}
	out, err := json.Marshal(m)
	if err != nil {
		return nil, fmt.Errorf("encode app manifest: %w", err)
	}
	return out, nil
}

// NewAppURL is GitHub's "register a GitHub App from a manifest" page, for
// the signed-in user or, with org, for that organization.
func NewAppURL(webURL, org, state string) string {
	base := strings.TrimRight(webURL, "/")
	page := base + "/settings/apps/new"
	if org != "" {
		page = base + "/organizations/" + url.PathEscape(org) + "/settings/apps/new"
	}
	return page + "?state=" + url.QueryEscape(state)
}
