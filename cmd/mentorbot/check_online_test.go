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
	emu.AddCollaborator("acme", "widgets", "eve", "write") // a code owner has write access
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

// An organization whose base permission is none: its member ana has no
// access to the repository, the outside collaborator bo has. `check
// --online` names ana (GitHub would leave her out of the assignees
// without an error) and exits 1; with access for her it passes.
func TestCheckOnlineNamesUnassignableMentors(t *testing.T) {
	emu, ghURL := emulator(t)
	emu.AddOrg("acme")
	emu.AddOrgMember("acme", "ana")
	emu.SetOrgBasePermission("acme", "none")
	emu.AddRepo("acme", "widgets", ghemu.RepoOptions{})
	emu.AddCollaborator("acme", "widgets", "bo", "write")
	emu.AddInstallation(77, "acme", "widgets")
	path := filepath.Join(t.TempDir(), "mentorship.yml")
	if err := os.WriteFile(path, []byte("version: 1\nmentors:\n  - login: ana\n  - login: bo\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	env := append(githubEnv(ghURL),
		fmt.Sprintf("GITHUB_APP_INTEGRATION_ID=%d", emu.AppID()),
		"GITHUB_APP_WEBHOOK_SECRET="+secret,
		"GITHUB_APP_PRIVATE_KEY="+string(emu.PrivateKeyPEM()),
		"MENTORBOT_DATABASE_URL=sqlite://"+filepath.Join(t.TempDir(), "unused.db"),
	)
	out, code := runBinary(t, env, "check", "--online", "--repo", "acme/widgets", path)
	if code != exitFailure || !strings.Contains(out, "ana cannot be assigned in acme/widgets") || strings.Contains(out, "bo cannot") {
		t.Fatalf("exit %d:\n%s", code, out)
	}
	emu.AddCollaborator("acme", "widgets", "ana", "triage")
	out, code = runBinary(t, env, "check", "--online", "--repo", "acme/widgets", path)
	if code != exitOK || !strings.Contains(out, "Every mentor can be assigned") {
		t.Fatalf("exit %d once ana has access:\n%s", code, out)
	}
}
