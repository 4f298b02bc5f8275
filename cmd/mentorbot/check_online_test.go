package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/mentorbot/mentorbot/app/ghemu"
)

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
