package newcomer

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestClassify(t *testing.T) {
	unknown := History{}
	fresh := History{Known: true}
	seen := History{Known: true, Contributions: 3}
	tests := []struct {
		name string
		in   Input
		want Kind
	}{
		{"bot by type", Input{Login: "renovate", UserType: "Bot", Association: "NONE", History: fresh}, Ignored},
		{"bot by type lower case", Input{Login: "ci-runner", UserType: "bot", History: fresh}, Ignored},
		{"bot by login suffix", Input{Login: "dependabot[bot]", UserType: "User", Association: "CONTRIBUTOR"}, Ignored},
		{"bot by login suffix upper case", Input{Login: "Some-App[BOT]", UserType: "User"}, Ignored},
		{"bot even if first-timer", Input{Login: "x[bot]", UserType: "Bot", Association: "FIRST_TIME_CONTRIBUTOR"}, Ignored},
		{"bot even if mentor", Input{Login: "helper[bot]", IsMentor: true}, Ignored},
		{"login containing bot is a person", Input{Login: "robotics-fan", UserType: "User", Association: "NONE", History: fresh}, FirstTimer},
		{"bracket bot not at end is a person", Input{Login: "a[bot]b", UserType: "User", History: fresh}, FirstTimer},
		{"mentor with first-timer association", Input{Login: "mentor-q9", UserType: "User", Association: "FIRST_TIMER", IsMentor: true}, Ignored},
		{"mentor with no history", Input{Login: "mentor-q9", UserType: "User", Association: "NONE", IsMentor: true}, Ignored},
		{"mentor who is owner", Input{Login: "mentor-q9", UserType: "User", Association: "OWNER", IsMentor: true}, Ignored},
		{"first timer", Input{Login: "newbie-x7", UserType: "User", Association: "FIRST_TIMER", History: unknown}, FirstTimer},
		{"first time contributor", Input{Login: "newbie-x7", UserType: "User", Association: "FIRST_TIME_CONTRIBUTOR", History: unknown}, FirstTimer},
		{"recorded history beats FIRST_TIMER (a second open PR)", Input{Login: "newbie-x7", UserType: "User", Association: "FIRST_TIMER", History: seen}, Returning},
		{"FIRST_TIMER with nothing recorded", Input{Login: "newbie-x7", UserType: "User", Association: "FIRST_TIMER", History: fresh}, FirstTimer},
		{"first timer lower case", Input{Login: "newbie-x7", UserType: "User", Association: "first_time_contributor"}, FirstTimer},
		{"first timer with spaces", Input{Login: "newbie-x7", UserType: "User", Association: " FIRST_TIMER "}, FirstTimer},
		{"owner", Input{Login: "maint-k3", UserType: "User", Association: "OWNER", History: fresh}, Returning},
		{"member", Input{Login: "maint-k3", UserType: "User", Association: "MEMBER", History: unknown}, Returning},
		{"collaborator", Input{Login: "maint-k3", UserType: "User", Association: "COLLABORATOR", History: fresh}, Returning},
		{"member lower case", Input{Login: "maint-k3", UserType: "User", Association: "member"}, Returning},
		{"none unknown", Input{Login: "newbie-x7", UserType: "User", Association: "NONE", History: unknown}, NeedsLookup},
		{"none no contributions", Input{Login: "newbie-x7", UserType: "User", Association: "NONE", History: fresh}, FirstTimer},
		{"none with contributions", Input{Login: "newbie-x7", UserType: "User", Association: "NONE", History: seen}, Returning},
		{"none with one contribution", Input{Login: "newbie-x7", UserType: "User", Association: "NONE", History: History{Known: true, Contributions: 1}}, Returning},
		{"contributor unknown", Input{Login: "newbie-x7", UserType: "User", Association: "CONTRIBUTOR"}, NeedsLookup},
		{"contributor without contributions here", Input{Login: "newbie-x7", UserType: "User", Association: "CONTRIBUTOR", History: fresh}, FirstTimer},
		{"contributor with contributions", Input{Login: "newbie-x7", UserType: "User", Association: "CONTRIBUTOR", History: seen}, Returning},
		{"mannequin unknown", Input{Login: "newbie-x7", UserType: "User", Association: "MANNEQUIN"}, NeedsLookup},
		{"mannequin known", Input{Login: "newbie-x7", UserType: "User", Association: "MANNEQUIN", History: fresh}, FirstTimer},
		{"empty association unknown", Input{Login: "newbie-x7", UserType: "User"}, NeedsLookup},
		{"empty association known", Input{Login: "newbie-x7", UserType: "User", History: fresh}, FirstTimer},
		{"empty association with contributions", Input{Login: "newbie-x7", UserType: "User", History: seen}, Returning},
		{"unrecognised association unknown", Input{Login: "newbie-x7", UserType: "User", Association: "SPONSOR"}, NeedsLookup},
		{"unrecognised association known", Input{Login: "newbie-x7", UserType: "User", Association: "SPONSOR", History: fresh}, FirstTimer},
		{"negative count counts as none", Input{Login: "newbie-x7", UserType: "User", Association: "NONE", History: History{Known: true, Contributions: -1}}, FirstTimer},
		{"contributions without known are ignored", Input{Login: "newbie-x7", UserType: "User", Association: "NONE", History: History{Contributions: 5}}, NeedsLookup},
		{"empty user type", Input{Login: "newbie-x7", Association: "NONE", History: fresh}, FirstTimer},
		{"organization type treated as person", Input{Login: "newbie-x7", UserType: "Organization", Association: "NONE", History: fresh}, FirstTimer},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Classify(tt.in)
			if got.Kind != tt.want {
				t.Fatalf("Classify(%+v).Kind = %v (%q), want %v", tt.in, got.Kind, got.Reason, tt.want)
			}
			checkReason(t, got.Reason, tt.in)
		})
	}
}

// checkReason: a reason is one English sentence that never repeats the login
// or an unexpected association value.
func checkReason(t *testing.T, reason string, in Input) {
	t.Helper()
	if reason == "" || !strings.HasSuffix(reason, ".") || strings.Contains(reason, "\n") {
		t.Errorf("reason %q is not one sentence", reason)
	}
	if strings.Contains(reason, in.Login) {
		t.Errorf("reason %q repeats the login %q", reason, in.Login)
	}
	if strings.Contains(reason, "SPONSOR") {
		t.Errorf("reason %q echoes an unrecognised association", reason)
	}
}

func TestClassifyReasons(t *testing.T) {
	tests := []struct {
		in   Input
		want string
	}{
		{Input{Login: "x", UserType: "Bot"}, "The author is a bot."},
		{Input{Login: "x", IsMentor: true}, "The author is a listed mentor."},
		{Input{Login: "x", Association: "FIRST_TIMER"}, "GitHub marks the author as FIRST_TIMER."},
		{Input{Login: "x", Association: "owner"}, "The author is a maintainer (OWNER)."},
		{Input{Login: "x", Association: "NONE"}, "GitHub says NONE and the author's earlier contributions are not known yet."},
		{Input{Login: "x", Association: "", History: History{Known: true}}, "GitHub says no association and the author has no earlier pull requests or issues here."},
		{Input{Login: "x", Association: "@org/team", History: History{Known: true}}, "GitHub says an unrecognised association and the author has no earlier pull requests or issues here."},
		{Input{Login: "x", Association: "NONE", History: History{Known: true, Contributions: 1}}, "The author has 1 earlier pull request or issue here."},
		{Input{Login: "x", Association: "CONTRIBUTOR", History: History{Known: true, Contributions: 12}}, "The author has 12 earlier pull requests or issues here."},
		{Input{Association: "FIRST_TIMER"}, "The author has no login."},
	}
	for _, tt := range tests {
		if got := Classify(tt.in).Reason; got != tt.want {
			t.Errorf("Classify(%+v).Reason = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// TestClassifyLookupRoundTrip follows the caller's protocol: a NeedsLookup
// verdict becomes a final one once History is known.
func TestClassifyLookupRoundTrip(t *testing.T) {
	for _, assoc := range []string{"NONE", "CONTRIBUTOR", "MANNEQUIN", ""} {
		in := Input{Login: "newbie", UserType: "User", Association: assoc}
		if got := Classify(in).Kind; got != NeedsLookup {
			t.Fatalf("%q unknown history: got %v, want needs-lookup", assoc, got)
		}
		for n, want := range map[int]Kind{0: FirstTimer, 1: Returning, 40: Returning} {
			in.History = History{Known: true, Contributions: n}
			if got := Classify(in).Kind; got != want {
				t.Errorf("%q with %d contributions: got %v, want %v", assoc, n, got, want)
			}
		}
	}
}

// TestClassifyRealPayloads classifies authors taken from copied webhook
// deliveries (octokit/webhooks examples, MIT, see ../testdata/README.md).
func TestClassifyRealPayloads(t *testing.T) {
	type user struct {
		Login string `json:"login"`
		Type  string `json:"type"`
	}
	type authored struct {
		User        user   `json:"user"`
		Association string `json:"author_association"`
	}
	var answered struct {
		Discussion authored `json:"discussion"`
		Answer     authored `json:"answer"`
	}
	readPayload(t, "discussion/answered.payload.json", &answered)
	var rerequested struct {
		Sender user `json:"sender"`
	}
	readPayload(t, "check_suite/rerequested.payload.json", &rerequested)

	tests := []struct {
		name string
		in   Input
		want Kind
	}{
		{"owner opening a discussion", Input{Login: answered.Discussion.User.Login, UserType: answered.Discussion.User.Type, Association: answered.Discussion.Association}, Returning},
		{"outsider answering says NONE", Input{Login: answered.Answer.User.Login, UserType: answered.Answer.User.Type, Association: answered.Answer.Association}, NeedsLookup},
		{"outsider after an empty search", Input{Login: answered.Answer.User.Login, UserType: answered.Answer.User.Type, Association: answered.Answer.Association, History: History{Known: true}}, FirstTimer},
		{"app sender", Input{Login: rerequested.Sender.Login, UserType: rerequested.Sender.Type, History: History{Known: true}}, Ignored},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.in.Login == "" || tt.in.UserType == "" {
				t.Fatalf("payload lacks the author: %+v", tt.in)
			}
			if got := Classify(tt.in).Kind; got != tt.want {
				t.Errorf("Classify(%+v) = %v, want %v", tt.in, got, tt.want)
			}
		})
	}
}

func readPayload(t *testing.T, name string, v any) {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "..", "..", "testdata", "webhooks", name))
	if err != nil {
		t.Fatalf("read payload: %v", err)
	}
	if err := json.Unmarshal(b, v); err != nil {
		t.Fatalf("decode %s: %v", name, err)
	}
}

func TestKindString(t *testing.T) {
	for k, want := range map[Kind]string{FirstTimer: "first-timer", Returning: "returning", NeedsLookup: "needs-lookup", Ignored: "ignored", 0: "unknown"} {
		if got := k.String(); got != want {
			t.Errorf("Kind(%d).String() = %q, want %q", int(k), got, want)
		}
	}
}
