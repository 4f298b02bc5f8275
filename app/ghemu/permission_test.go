package ghemu

import (
	"encoding/json"
	"net/http"
	"testing"

	"github.com/bradleyfalzon/ghinstallation/v2"
)

// The permission API as GitHub answers it: the role from every grant in
// role_name, its legacy base in permission, at least read for anyone on a
// public repository, none on a private one, 404 for an unknown user.
func TestCollaboratorPermissionAsGitHubAnswersIt(t *testing.T) {
	f := newFixture(t, Options{})
	f.emu.AddCollaborator(testOrg, testRepo, "reader", "read")
	f.emu.AddCollaborator(testOrg, testRepo, "triager", "triage")
	f.emu.AddCollaborator(testOrg, testRepo, "keeper", "maintain")
	f.emu.AddCollaborator(testOrg, testRepo, "boss", "admin")
	f.emu.AddCollaborator(testOrg, "secret", "outsider", "triage") // an outside collaborator: no member
	f.emu.AddUser("stranger")
	f.emu.AddInstallation(8, testOrg, testRepo, "secret")
	tr, err := ghinstallation.New(http.DefaultTransport, testAppID, 8, testKey(t))
	if err != nil {
		t.Fatal(err)
	}
	tr.BaseURL = f.srv.URL + "/api/v3"
	tok, err := tr.Token(ctx)
	if err != nil {
		t.Fatal(err)
	}
	type answer struct {
		Permission string `json:"permission"`
		RoleName   string `json:"role_name"`
		User       struct {
			Login       string          `json:"login"`
			RoleName    string          `json:"role_name"`
			Permissions map[string]bool `json:"permissions"`
		} `json:"user"`
	}
	for _, c := range []struct {
		repo, login        string
		status             int
		permission, role   string
		push, triage, pull bool
	}{
		{testRepo, "reader", 200, "read", "read", false, false, true},
		{testRepo, "triager", 200, "read", "triage", false, true, true},
		{testRepo, "carol", 200, "write", "write", true, true, true},
		{testRepo, "keeper", 200, "write", "maintain", true, true, true},
		{testRepo, "boss", 200, "admin", "admin", true, true, true},
		{testRepo, "maria", 200, "read", "read", false, false, true},     // a member: the base permission
		{testRepo, "stranger", 200, "read", "read", false, false, true},  // anyone reads a public repository
		{testRepo, "outsider", 200, "read", "read", false, false, true},  // their grant is on another repository
		{"secret", "outsider", 200, "read", "triage", false, true, true}, // outside collaborator
		{"secret", "stranger", 200, "none", "none", false, false, false},
		{testRepo, "nobody-at-all", 404, "", "", false, false, false},
	} {
		resp, body := f.do(t, "GET", "/repos/"+testOrg+"/"+c.repo+"/collaborators/"+c.login+"/permission", "token "+tok, nil)
		if resp.StatusCode != c.status {
			t.Errorf("%s on %s: status %d, want %d", c.login, c.repo, resp.StatusCode, c.status)
			continue
		}
		if c.status != 200 {
			continue
		}
		var a answer
		if err := json.Unmarshal(body, &a); err != nil {
			t.Fatal(err)
		}
		p := a.User.Permissions
		if a.Permission != c.permission || a.RoleName != c.role || a.User.RoleName != c.role || a.User.Login != c.login ||
			p["push"] != c.push || p["triage"] != c.triage || p["pull"] != c.pull {
			t.Errorf("%s on %s: %s", c.login, c.repo, body)
		}
	}
}
