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
	dir := filepath.Join(t.TempDir(), "new", "demo") // --dir creates it
	out, err := exec.Command(binary, "demo", "--no-wait", "--port", "0", "--dir", dir).CombinedOutput()
	if err != nil {
		t.Fatalf("demo: %v\n%s", err, out)
	}
	text := string(out)
	for _, want := range []string{
		"mentor: priya (decided by matching area)", // the docs change goes to the docs mentor
		"mentorbot stays quiet, as it should.",     // a member's pull request
		"you are out of the rotation",              // /mentor away
		"Sorry @stranger-sam",                      // a refused command
		"Merged!",
		"Friendly reminder",
		"is your mentor from here on",
		"This is a good first issue",       // the guide on a labelled issue
		"this issue is already claimed by", // a second claimer is refused
		"you are next in line",             // and offered the issue on /unclaim
		"office hours —",                   // an announcement
		"office hours recap —",             // and its recap
		"kudos to ada-lovelace",
		"the service has stopped",
		"MENTORBOT_DATABASE_URL=sqlite://" + filepath.Join(dir, "mentorbot.db") + " mentorbot report",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("demo output lacks %q:\n%s", want, text)
		}
	}
	if strings.Contains(text, "Dashboard:") {
		t.Errorf("with --no-wait the demo promises a dashboard that is gone:\n%s", text)
	}
	checkDemoStore(t, dir)

	// The same folder again: refused before anything starts.
	stdout, stderr, code := runIn(t, t.TempDir(), nil, "demo", "--no-wait", "--port", "0", "--dir", dir)
	if code != exitFailure || stdout != "" || !strings.Contains(stderr, "--reset") || !strings.Contains(stderr, filepath.Join(dir, "mentorbot.db")) {
		t.Fatalf("second demo in %s: exit %d, stdout %q, stderr %q; want a refusal naming the store and --reset", dir, code, stdout, stderr)
	}
	// With --reset the story starts afresh.
	stdout, stderr, code = runIn(t, t.TempDir(), nil, "demo", "--no-wait", "--port", "0", "--dir", dir, "--reset")
	if code != exitOK || !strings.Contains(stdout, "mentor: priya (decided by matching area)") {
		t.Fatalf("demo --reset: exit %d, stderr %q:\n%s", code, stderr, stdout)
	}
	checkDemoStore(t, dir)
}

func TestDemoRefusesResetWithoutDir(t *testing.T) {
	_, stderr, code := runIn(t, t.TempDir(), nil, "demo", "--no-wait", "--reset")
	if code != exitUsage || !strings.Contains(stderr, "--reset needs --dir") {
		t.Fatalf("exit %d, stderr %q", code, stderr)
	}
}

// checkDemoStore checks the store the story leaves behind.
func checkDemoStore(t *testing.T, dir string) {
	t.Helper()
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
