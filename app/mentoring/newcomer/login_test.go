package newcomer

import "testing"

// A person with an empty or blank login (user: null in a payload, a
// deleted account) is never welcomed, whatever else the input says.
func TestNoLoginIsNeverAFirstTimer(t *testing.T) {
	fresh := History{Known: true}
	tests := []struct {
		name string
		in   Input
	}{
		{"empty, first-timer association", Input{Login: "", UserType: "User", Association: "FIRST_TIMER"}},
		{"empty, first-time contributor", Input{Login: "", UserType: "User", Association: "FIRST_TIME_CONTRIBUTOR", History: fresh}},
		{"empty, nothing known", Input{}},
		{"empty, no history", Input{Association: "NONE", History: fresh}},
		{"blank", Input{Login: "   ", UserType: "User", Association: "FIRST_TIMER"}},
		{"tab and newline", Input{Login: "\t\n", UserType: "User", Association: "NONE", History: fresh}},
		{"empty, mentor flag", Input{Login: "", IsMentor: true, Association: "FIRST_TIMER"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Classify(tt.in); got.Kind != Ignored || got.Reason != "The author has no login." {
				t.Errorf("Classify(%+v) = %v (%q), want ignored: no login", tt.in, got.Kind, got.Reason)
			}
			if HasLogin(tt.in.Login) {
				t.Errorf("HasLogin(%q) = true", tt.in.Login)
			}
		})
	}
	for _, login := range []string{"a", "newbie-x7", "dependabot[bot]"} {
		if !HasLogin(login) {
			t.Errorf("HasLogin(%q) = false", login)
		}
	}
}
