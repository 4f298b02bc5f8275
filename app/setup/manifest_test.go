package setup

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/mentorbot/mentorbot"
)

func TestHookURL(t *testing.T) {
	cases := []struct {
		public, want, err string
	}{
		{"https://mentorbot.example.org", "https://mentorbot.example.org/api/github/hook", ""},
		{"https://mentorbot.example.org/", "https://mentorbot.example.org/api/github/hook", ""},
		{"https://example.org/bots/mentorbot/", "https://example.org/bots/mentorbot/api/github/hook", ""},
		{"http://127.0.0.1:8080?x=1#top", "http://127.0.0.1:8080/api/github/hook", ""},
		{"", "", "not an http(s) URL"},
		{"mentorbot.example.org", "", "not an http(s) URL"},
		{"ftp://example.org", "", "not an http(s) URL"},
	}
	for _, c := range cases {
		got, err := HookURL(c.public)
		if c.err != "" {
			if err == nil || !strings.Contains(err.Error(), c.err) {
				t.Errorf("HookURL(%q): error %v, want %q", c.public, err, c.err)
			}
			continue
		}
		if err != nil || got != c.want {
			t.Errorf("HookURL(%q) = %q, %v; want %q", c.public, got, err, c.want)
		}
	}
}

func TestPrepareManifest(t *testing.T) {
	cases := []struct {
		name, yaml string
		err        string
		check      func(t *testing.T, m map[string]any)
	}{
		{"the repository's app.yml", string(mentorbot.Manifest), "", func(t *testing.T, m map[string]any) {
			hook := m["hook_attributes"].(map[string]any)
			if hook["url"] != "https://hooks.example.net/api/github/hook" || hook["active"] != true {
				t.Errorf("hook_attributes %v", hook)
			}
			if m["redirect_url"] != "http://127.0.0.1:8090/setup/callback" || m["name"] != "mentorbot" || m["public"] != false {
				t.Errorf("manifest %v", m)
			}
			perms := m["default_permissions"].(map[string]any)
			if perms["issues"] != "write" || len(m["default_events"].([]any)) == 0 {
				t.Errorf("permissions and events are kept: %v %v", perms, m["default_events"])
			}
		}},
		{"no hook attributes", "name: x\nurl: https://x.example\n", "", func(t *testing.T, m map[string]any) {
			hook := m["hook_attributes"].(map[string]any)
			if hook["url"] != "https://hooks.example.net/api/github/hook" || hook["active"] != true {
				t.Errorf("hook_attributes %v", hook)
			}
		}},
		{"inactive hook stays inactive", "name: x\nurl: https://x.example\nhook_attributes: {active: false}\n", "", func(t *testing.T, m map[string]any) {
			if hook := m["hook_attributes"].(map[string]any); hook["active"] != false {
				t.Errorf("hook_attributes %v", hook)
			}
		}},
		{"empty", "", "empty", nil},
		{"no name", "url: https://x.example\n", "name is missing", nil},
		{"no url", "name: x\n", "url is missing", nil},
		{"not YAML", "name: [x\n", "read app manifest", nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			out, err := PrepareManifest([]byte(c.yaml), "https://hooks.example.net/api/github/hook", "http://127.0.0.1:8090/setup/callback")
			if c.err != "" {
				if err == nil || !strings.Contains(err.Error(), c.err) {
					t.Fatalf("error %v, want %q", err, c.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			var m map[string]any
			if err := json.Unmarshal(out, &m); err != nil {
				t.Fatalf("not JSON: %v", err)
			}
			c.check(t, m)
		})
	}
}

func TestNewAppURL(t *testing.T) {
	cases := []struct{ web, org, want string }{
		{"https://github.com", "", "https://github.com/settings/apps/new?state=s1"},
		{"https://github.com/", "octo-org", "https://github.com/organizations/octo-org/settings/apps/new?state=s1"},
		{"https://ghe.example.com", "my org", "https://ghe.example.com/organizations/my%20org/settings/apps/new?state=s1"},
	}
	for _, c := range cases {
		if got := NewAppURL(c.web, c.org, "s1"); got != c.want {
			t.Errorf("NewAppURL(%q, %q) = %q, want %q", c.web, c.org, got, c.want)
		}
	}
}
