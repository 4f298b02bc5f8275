package handlers

import (
	"os"
	"testing"

	"gopkg.in/yaml.v3"
)

// Events GitHub sends to every app whatever the manifest says.
var alwaysSent = map[string]bool{"installation": true, "installation_repositories": true, "ping": true}

func TestManifestSubscribesToEveryHandledEvent(t *testing.T) {
	data, err := os.ReadFile("../app.yml")
	if err != nil {
		t.Fatal(err)
	}
	var manifest struct {
		DefaultEvents      []string          `yaml:"default_events"`
		DefaultPermissions map[string]string `yaml:"default_permissions"`
	}
	if err := yaml.Unmarshal(data, &manifest); err != nil {
		t.Fatal(err)
	}
	events := map[string]bool{}
	for _, e := range manifest.DefaultEvents {
		events[e] = true
	}
	for _, h := range All(&Base{}) {
		for _, e := range h.Handles() {
			if !events[e] && !alwaysSent[e] {
				t.Errorf("handler for %q, but app.yml does not subscribe to it", e)
			}
		}
	}
	for perm, access := range map[string]string{"issues": "write", "pull_requests": "write", "discussions": "write", "contents": "read", "metadata": "read", "members": "read"} {
		if manifest.DefaultPermissions[perm] != access {
			t.Errorf("permission %s: %q, want %q", perm, manifest.DefaultPermissions[perm], access)
		}
	}
	if len(manifest.DefaultPermissions) != 6 {
		t.Errorf("permissions %v: every one must be justified in the README", manifest.DefaultPermissions)
	}
}
