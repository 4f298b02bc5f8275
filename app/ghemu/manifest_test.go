package ghemu

import (
	"bytes"
	"net/http"
	"net/url"
	"strings"
	"testing"
)

func TestManifestFlow(t *testing.T) {
	f := newFixture(t, Options{})
	sink := newHookSink(t)
	manifest := `{"name":"Mentorbot Dev","url":"https://mentorbot.example.org","redirect_url":"http://127.0.0.1:9/setup/done",
		"hook_attributes":{"url":"` + sink.srv.URL + `"},"default_events":["issues"]}`
	noFollow := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	for _, page := range []string{"/settings/apps/new?state=abc", "/organizations/acme/settings/apps/new?state=abc"} {
		resp, err := noFollow.PostForm(f.srv.URL+page, url.Values{"manifest": {manifest}})
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		loc, err := url.Parse(resp.Header.Get("Location"))
		if resp.StatusCode != 302 || err != nil || loc.Path != "/setup/done" || loc.Query().Get("state") != "abc" {
			t.Fatalf("%s: %d %q", page, resp.StatusCode, resp.Header.Get("Location"))
		}
		code := loc.Query().Get("code")
		cfg, _, err := f.gh.Apps.CompleteAppManifest(ctx, code)
		if err != nil {
			t.Fatal(err)
		}
		if cfg.GetID() != testAppID || cfg.GetSlug() != "mentorbot" || cfg.GetName() != "Mentorbot Dev" ||
			!bytes.Equal([]byte(cfg.GetPEM()), testKey(t)) || cfg.GetWebhookSecret() == "" ||
			cfg.GetClientID() == "" || cfg.GetClientSecret() == "" || !strings.HasSuffix(cfg.GetHTMLURL(), "/apps/mentorbot") {
			t.Errorf("conversion %+v", cfg)
		}
		if strings.HasPrefix(page, "/organizations") && cfg.GetOwner().GetLogin() != "acme" {
			t.Errorf("owner %v", cfg.GetOwner())
		}
		if _, _, err := f.gh.Apps.CompleteAppManifest(ctx, code); statusOf(err) != 404 {
			t.Errorf("a code converts once: %v", err)
		}
		d, err := f.emu.Deliver("ping", map[string]any{})
		if err != nil || d.RequestHeaders["X-Hub-Signature-256"] == "" {
			t.Errorf("webhooks go to the manifest's hook URL: %v", err)
		}
	}
	resp, err := noFollow.PostForm(f.srv.URL+"/settings/apps/new", url.Values{"manifest": {`{"name":"x"}`}})
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 422 {
		t.Errorf("manifest without url: %d", resp.StatusCode)
	}
	if calls := f.emu.Calls(); calls[len(calls)-1].Kind != "web" {
		t.Errorf("web pages are recorded: %+v", calls[len(calls)-1])
	}
}
