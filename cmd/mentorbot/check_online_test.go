package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/mentorbot/mentorbot/app/ghemu"
)

// `check --online` resolves the roster on GitHub (the emulator) with the
// app's credentials and explains it: listed mentors, team members,
// CODEOWNERS owners (a team among them expanded), areas, hours, Busy.
func TestCheckOnlineExplainsRoster(t *testing.T) {
	emu, ghURL := emulator(t)
	emu.AddOrg("acme")
	emu.AddRepo("acme", "widgets", ghemu.RepoOptions{})
	emu.AddInstallation(77, "acme", "widgets")
	emu.AddTeam("acme", "mentors", "ana", "bo")
	emu.AddTeam("acme", "docs", "dee")
	emu.PutFile("acme", "widgets", ".github/CODEOWNERS", []byte("/docs/ @acme/docs @eve\n"))
	emu.SetUserStatus("bo", "On holiday", true, time.Time{})
	dir := t.TempDir()
	file := filepath.Join(dir, "mentorship.yml")
	yaml := "version: 1\nmentors:\n  - login: ana\n    timezone: Europe/Berlin\n    hours: [\"08:00\", \"16:00\"]\n" +
		"mentor_teams: [acme/mentors]\nareas_from_codeowners: true\n"
	if err := os.WriteFile(file, []byte(yaml), 0o600); err != nil {
		t.Fatal(err)
	}
	env := append(githubEnv(ghURL),
		fmt.Sprintf("GITHUB_APP_INTEGRATION_ID=%d", emu.AppID()),
		"GITHUB_APP_WEBHOOK_SECRET="+secret,
		"GITHUB_APP_PRIVATE_KEY="+string(emu.PrivateKeyPEM()),
		"MENTORBOT_DATABASE_URL=sqlite://"+filepath.Join(dir, "never-created.db"))
	out, code := runBinary(t, env, "check", file, "--online", "--repo", "acme/widgets")
	if code != 0 {
		t.Fatalf("exit %d:\n%s", code, out)
	}
	for _, want := range []string{
		"Roster for acme/widgets as GitHub has it now: 4 mentor(s).",
		"ana\n  from:     listed in mentorship.yml; team acme/mentors\n",
		"  hours:    08:00–16:00 Europe/Berlin",
		"bo\n  from:     team acme/mentors\n",
		"  status:   Busy on GitHub: counts as away while the status lasts",
		"dee\n  from:     .github/CODEOWNERS /docs/ (team acme/docs)\n  areas:    /docs/\n",
		"eve\n  from:     .github/CODEOWNERS /docs/\n",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	if strings.Contains(out, "On holiday") {
		t.Errorf("the output shows the status message:\n%s", out)
	}
	if _, err := os.Stat(filepath.Join(dir, "never-created.db")); err == nil {
		t.Errorf("check --online created a store")
	}
	if out, code := runBinary(t, env, "check", "--online", file); code != 2 || !strings.Contains(out, "--repo OWNER/NAME") {
		t.Errorf("without --repo: exit %d:\n%s", code, out)
	}
}
