package main

import (
	"context"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/mentorbot/mentorbot/app/store"
)

func TestDemoTellsTheStoryAndLeavesAStore(t *testing.T) {
	dir := t.TempDir()
	out, err := exec.Command(binary, "demo", "--no-wait", "--port", "0", "--dir", dir).CombinedOutput()
	if err != nil {
		t.Fatalf("demo: %v\n%s", err, out)
	}
	text := string(out)
	for _, want := range []string{
		"mentor: priya (decided by matching area)", // the docs change goes to the docs mentor
		"mentorbot stays quiet, as it should.",     // a member's pull request
		"Noted: you are out of the rotation",       // /mentor away
		"Sorry @stranger-sam",                      // a refused command
		"Merged!",
		"Friendly reminder",
		"is your mentor from now on",
		"This is a good first issue",       // the guide on a labelled issue
		"this issue is already claimed by", // a second claimer is refused
		"you are next in line",             // and offered the issue on /unclaim
		"office hours —",                   // an announcement
		"office hours recap —",             // and its recap
		"kudos to ada-lovelace",
		"Dashboard: http://127.0.0.1:",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("demo output lacks %q:\n%s", want, text)
		}
	}
	db, err := store.Open(context.Background(), "sqlite://"+filepath.Join(dir, "mentorbot.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	open, err := db.OpenMentorships(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if len(open) != 3 {
		t.Fatalf("%d open mentorships after the story, want 3 (grace, alan, linus)", len(open))
	}
	depth, _ := db.QueueDepth(context.Background())
	if depth[store.StateDead] != 0 || depth[store.StatePending] != 0 {
		t.Fatalf("queue after the demo: %v", depth)
	}
}
