package main

import (
	"context"
	"encoding/json"
	"math"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
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
		"join: https://meet.example.org/lumen-social", // a social and a mentorship circle beside office hours
		"join: https://meet.example.org/lumen-circle",
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
	checkReportTellsTheStory(t, dir, text)

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

// storyFigures are the lines in which the demo says what its story did.
var storyFigures = regexp.MustCompile(`(?m)^  (\d+) newcomers welcomed; (\d+) of them answered: .*\n` +
	`  median first response .* \(([\d.]+) hours\)\n` +
	`  (\d+) sessions announced, (\d+) recaps published, (\d+) RSVPs$`)

// checkReportTellsTheStory compares `mentorbot report --format json` on
// the demo's store with the figures the story gave of itself.
func checkReportTellsTheStory(t *testing.T, dir, story string) {
	t.Helper()
	m := storyFigures.FindStringSubmatch(story)
	if m == nil {
		t.Fatalf("the demo does not sum its story up in figures:\n%s", story)
	}
	n := func(i int) float64 { f, _ := strconv.ParseFloat(m[i], 64); return f }
	stdout, stderr, code := runIn(t, t.TempDir(), []string{"MENTORBOT_DATABASE_URL=sqlite://" + filepath.Join(dir, "mentorbot.db")},
		"report", "--format", "json")
	if code != exitOK {
		t.Fatalf("report: exit %d: %s", code, stderr)
	}
	var rep struct {
		Records []struct {
			Kind                string   `json:"kind"`
			Newcomers           float64  `json:"newcomers"`
			FirstResponses      float64  `json:"first_responses"`
			ResponseMedianHours *float64 `json:"response_median_hours"`
			SessionsAnnounced   float64  `json:"sessions_announced"`
			RecapsPublished     float64  `json:"recaps_published"`
			RSVPs               float64  `json:"rsvps"`
		} `json:"records"`
	}
	if err := json.Unmarshal([]byte(stdout), &rep); err != nil || len(rep.Records) == 0 || rep.Records[0].Kind != "all" {
		t.Fatalf("report --format json: %v\n%s", err, stdout)
	}
	all := rep.Records[0]
	if all.ResponseMedianHours == nil || math.Abs(*all.ResponseMedianHours-n(3)) > 0.1 {
		t.Errorf("report: median first response %v hours; the story timed %v", all.ResponseMedianHours, n(3))
	}
	for _, c := range []struct {
		name      string
		got, want float64
	}{
		{"newcomers", all.Newcomers, n(1)},
		{"first responses", all.FirstResponses, n(2)},
		{"sessions announced", all.SessionsAnnounced, n(4)},
		{"recaps published", all.RecapsPublished, n(5)},
		{"RSVPs", all.RSVPs, n(6)},
	} {
		if c.got != c.want {
			t.Errorf("report: %s %v; the story says %v", c.name, c.got, c.want)
		}
	}
}
