package repoconfig

import "testing"

func TestClosest(t *testing.T) {
	keys := []string{"version", "mentors", "areas", "first_timers", "assignment", "good_first_issues", "office_hours"}
	tests := map[string]string{
		"mentor":          "mentors",
		"Mentors":         "mentors",
		"first-timers":    "first_timers",
		"firsttimers":     "first_timers",
		"officehours":     "office_hours",
		"good_first_issu": "good_first_issues",
		"area":            "areas",
		"verison":         "version",
		"assign":          "assignment",
		"x":               "",
		"schedule":        "",
		"zzzzzzzzzzzz":    "",
	}
	for in, want := range tests {
		if got := closest(in, keys); got != want {
			t.Errorf("closest(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestDistance(t *testing.T) {
	tests := []struct {
		a, b string
		want int
	}{
		{"", "", 0}, {"a", "", 1}, {"kitten", "sitting", 3}, {"mentor", "mentors", 1}, {"äb", "ab", 1},
	}
	for _, tt := range tests {
		if got := distance(tt.a, tt.b); got != tt.want {
			t.Errorf("distance(%q, %q) = %d, want %d", tt.a, tt.b, got, tt.want)
		}
	}
}
