package textsafe

import (
	"strings"
	"testing"
)

func TestValidLogin(t *testing.T) {
	tests := []struct {
		login string
		want  bool
	}{
		{"octocat", true},
		{"a", true},
		{"Mona-Lisa-42", true},
		{strings.Repeat("a", 39), true},
		{strings.Repeat("a", 40), false},
		{"", false},
		{"-octocat", false},
		{"octocat-", false},
		{"octo--cat", false},
		{"octo_cat", true},
		{"octo_ab", false},
		{"octo_abcdefghi", false},
		{"octo.cat", false},
		{"octo cat", false},
		{"@octocat", false},
		{"org/team", false},
		{"octöcat", false},
		{"dependabot[bot]", true},
		{"github-actions[bot]", true},
		{"[bot]", false},
		{"-x[bot]", false},
		{"octocat_acme", true},
		{"mona-lisa_ACME2", true},
		{"octocat_", false},
		{"_acme", false},
		{"octocat_ac-me", false},
		{"a_b_c", false},
		{strings.Repeat("a", 35) + "_acme", false},
	}
	for _, tt := range tests {
		if got := ValidLogin(tt.login); got != tt.want {
			t.Errorf("ValidLogin(%q) = %v, want %v", tt.login, got, tt.want)
		}
	}
}

func TestIsBot(t *testing.T) {
	tests := []struct {
		login string
		want  bool
	}{
		{"dependabot[bot]", true},
		{"dependabot", false},
		{"x y[bot]", false},
		{"[bot]", false},
	}
	for _, tt := range tests {
		if got := IsBot(tt.login); got != tt.want {
			t.Errorf("IsBot(%q) = %v, want %v", tt.login, got, tt.want)
		}
	}
}

func TestMention(t *testing.T) {
	tests := []struct {
		name, login, want string
	}{
		{"person", "octocat", "@octocat"},
		{"managed user", "octocat_acme", "@octocat_acme"},
		{"bot never mentioned", "dependabot[bot]", "`dependabot[bot]`"},
		{"team is not a login", "org/team", "`org/team`"},
		{"leading at", "@octocat", "`@octocat`"},
		{"too long", strings.Repeat("a", 40), "`" + strings.Repeat("a", 40) + "`"},
		{"markup", "a`b <!--", "``a`b <!--``"},
		{"empty", "", "` `"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Mention(tt.login); got != tt.want {
				t.Errorf("Mention(%q) = %q, want %q", tt.login, got, tt.want)
			}
		})
	}
}
