package repoconfig

import (
	"strings"
	"testing"
)

func TestFAQKey(t *testing.T) {
	for name, tc := range map[string]struct{ yaml, problem string }{
		"off":           {yaml: "version: 1\n"},
		"defaults":      {yaml: "version: 1\nfaq:\n  repository: community\n"},
		"no repository": {yaml: "version: 1\nfaq:\n  category: Q&A\n", problem: "faq: the FAQ has no repository"},
		"an owner":      {yaml: "version: 1\nfaq:\n  repository: acme/community\n", problem: "names an owner"},
		"empty title":   {yaml: "version: 1\nfaq:\n  repository: community\n  title: \"\"\n", problem: "the FAQ title is empty"},
		"unknown key":   {yaml: "version: 1\nfaq:\n  repository: community\n  categroy: Q&A\n", problem: "categroy"},
	} {
		cfg, err := Parse([]byte(tc.yaml))
		switch {
		case tc.problem == "" && err != nil:
			t.Errorf("%s: %v", name, err)
		case tc.problem != "" && (err == nil || !strings.Contains(err.Error(), tc.problem)):
			t.Errorf("%s: got %v, want a problem with %q", name, err, tc.problem)
		case name == "defaults" && (cfg.FAQ.Category != "Q&A" || cfg.FAQ.Title != "Newcomer FAQ" || cfg.FAQ.Target("Acme") != "acme/community"):
			t.Errorf("defaults %+v", cfg.FAQ)
		case name == "off" && (cfg.FAQ.Enabled() || cfg.FAQ.Target("acme") != ""):
			t.Errorf("off %+v", cfg.FAQ)
		}
	}
}
