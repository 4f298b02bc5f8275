package commands

import "testing"

func TestClaimIntent(t *testing.T) {
	tests := []struct {
		body string
		want bool
	}{
		// Requests.
		{"can I work on this?", true},
		{"Can I work on this issue please?", true},
		{"I'd like to take this", true},
		{"I’d like to take this one!", true},
		{"could you assign this to me", true},
		{"Could someone please assign this issue to me?", true},
		{"may I pick this up", true},
		{"May I pick it up?", true},
		{"I want to work on this issue", true},
		{"please assign me", true},
		{"Assign me please 🙏", true},
		{"pls assign this to me", true},
		{"is this still available? I'd love to help", true},
		{"Is this issue still available?", true},
		{"Is this still up for grabs?", true},
		{"Hi! Is anyone working on this? If not, I'd like to take it.", true},
		{"I'll take this", true},
		{"I can work on this", true},
		{"I could pick this up next week.", true},
		{"Let me take this one.", true},
		{"I would love to work on this", true},
		{"I'd really like to work on this.", true},
		{"I'm interested in working on this", true},
		{"I am interested in this issue", true},
		{"I'm interested!", true},
		{"I'm happy to take this on", true},
		{"Hi @maintainer, would love to work on this!", true},
		{"Happy to work on this if no one else is.", true},
		{"Can I be assigned to this?", true},
		{"Can this be assigned to me?", true},
		{"I'd like to be assigned to this issue.", true},
		{"Mind if I take a stab at this?", true},
		{"Is it okay if I work on this?", true},
		{"Would it be possible for me to work on this?", true},
		{"I'm working on this", true},
		{"I'm on it!", true},
		{"I'd like to give it a shot", true},
		{"can i grab this?", true},
		{"I'm gonna take this", true},
		{"I wanna work on this", true},
		{"Im new here, can I help with this?", true},
		{"I can't wait to work on this!", true},
		{"I'll open a PR for this", true},
		{"Requesting to be assigned.", true},
		{"I'd like to work on #123", true},
		{"Hello!\n\nI am a first-time contributor and I would like to work on this good first issue.", true},
		{"I can't work on this now, but I'd like to pick it up next month.", true},
		{"> Is anyone on this?\n\nNo one is. Can I take it?", true},
		{"can I\nwork on this?", true},
		{"I'd *love* to work on this", true},

		// Not requests.
		{"I can't work on this", false},
		{"I cannot take this one, sorry", false},
		{"I won't be able to work on this after all.", false},
		{"I don't want to work on this", false},
		{"I'm no longer working on this, please unassign me", false},
		{"Please unassign me.", false},
		{"Please don't assign this to me", false},
		{"who is working on this?", false},
		{"Is anyone working on this?", false},
		{"assign this to @someone", false},
		{"Can you assign this to @bob?", false},
		{"I think we should work on this later", false},
		{"Can we work on this later?", false},
		{"@alice can you work on this?", false},
		{"Sure, you can work on this!", false},
		{"Thanks for working on this!", false},
		{"I'd like to see this fixed", false},
		{"I would like this feature too", false},
		{"+1, I need this", false},
		{"Thanks, I'll take a look later", false},
		{"Can I ask what the status is?", false},
		{"Could I get more details?", false},
		{"Can I do this with the CLI?", false},
		{"I worked on something similar last year", false},
		{"This is a duplicate of #12", false},
		{"LGTM", false},
		{"I'd like to work on this, but I don't have time right now.", false},
		{"I'd like to take this but I can't right now", false},
		{"I wanted to work on this, but I'm too busy.", false},
		{"I am not going to take this", false},
		{"He asked \"can I work on this?\" last week", false},
		{"He asked “can I work on this?” last week", false},
		{"`can I work on this`", false},
		{"```\ncan I work on this?\n```", false},
		{"    can I work on this?", false},
		{"> can I work on this?\n\nSure, go ahead!", false},
		{"> can I work on this?\n> I'd like to take it", false},
		{"<!-- can I work on this? -->\nThanks for the report.", false},
		{"<details>\ncan I work on this?\n</details>", false},
		{"", false},
		{"/claim", false},
		{"Puis-je travailler sur ce problème ?", false},
	}
	for _, tt := range tests {
		if got := ClaimIntent(tt.body); got != tt.want {
			t.Errorf("ClaimIntent(%q) = %v, want %v (normalised: %q)", tt.body, got, tt.want, normalizeAll(tt.body))
		}
	}
}

// TestGateKeepsEveryMatch runs the gate check over the table's phrasings,
// which do match the patterns.
func TestGateKeepsEveryMatch(t *testing.T) {
	for _, body := range []string{
		"can I work on this?", "let me take it", "is this still available", "still up for grabs",
		"put me down for this", "sign me up", "count me in", "dibs", "requesting to be assigned",
		"would love to help", "no time", "please unassign me", "dropping this", "giving up on it",
		"stepping back from this", "never assign this to me", "this should be assigned to me",
	} {
		checkGate(t, body)
		if !gated(clauses(body)[0]) {
			t.Errorf("gate drops %q", body)
		}
	}
}

// normalizeAll shows what the patterns saw, for failure messages.
func normalizeAll(body string) []string {
	var out []string
	for _, p := range readProse(body).paragraphs() {
		out = append(out, clauses(p)...)
	}
	return out
}
