package ghemu

import (
	"testing"

	"github.com/google/go-github/v60/github"
)

func TestRepositoryAndContents(t *testing.T) {
	f := newFixture(t, Options{})
	f.emu.PutFile(testOrg, testRepo, ".github/mentorship.yml", []byte("version: 1\n"))
	f.emu.PutFile(testOrg, testRepo, ".github/CODEOWNERS", []byte("* @maria\n"))
	repo, _, err := f.gh.Repositories.Get(ctx, testOrg, testRepo)
	if err != nil || repo.GetFullName() != "acme/widgets" || repo.GetDefaultBranch() != "main" ||
		repo.GetOwner().GetType() != "Organization" || repo.GetHTMLURL() != f.srv.URL+"/acme/widgets" {
		t.Fatalf("repo %+v %v", repo, err)
	}
	file, dir, _, err := f.gh.Repositories.GetContents(ctx, testOrg, testRepo, ".github/mentorship.yml", &github.RepositoryContentGetOptions{Ref: "main"})
	if err != nil || dir != nil {
		t.Fatal(err)
	}
	text, err := file.GetContent()
	if err != nil || text != "version: 1\n" || file.GetSHA() != "b82551848c644f63b8517a7bdf8be9a992e6f4da" {
		t.Errorf("content %q sha %s %v", text, file.GetSHA(), err)
	}
	_, dir, _, err = f.gh.Repositories.GetContents(ctx, testOrg, testRepo, ".github", nil)
	if err != nil || len(dir) != 2 || dir[0].GetName() != "CODEOWNERS" {
		t.Errorf("directory %v %v", dir, err)
	}
	_, root, _, err := f.gh.Repositories.GetContents(ctx, testOrg, testRepo, "", nil)
	if err != nil || len(root) != 1 || root[0].GetType() != "dir" {
		t.Errorf("root %v %v", root, err)
	}
	if _, _, _, err := f.gh.Repositories.GetContents(ctx, testOrg, testRepo, "mentorship.yml", nil); statusOf(err) != 404 {
		t.Errorf("absent file: %v", err)
	}
	if _, _, _, err := f.gh.Repositories.GetContents(ctx, testOrg, testRepo, ".github/mentorship.yml", &github.RepositoryContentGetOptions{Ref: "nope"}); statusOf(err) != 404 {
		t.Errorf("unknown ref: %v", err)
	}
	resp, body := f.do(t, "GET", "/repos/acme/widgets/contents/.github/mentorship.yml", "token "+f.token(t), nil, "Accept", "application/vnd.github.v3.raw")
	if resp.StatusCode != 200 || string(body) != "version: 1\n" {
		t.Errorf("raw: %d %q", resp.StatusCode, body)
	}
}

func TestMembershipChecks(t *testing.T) {
	f := newFixture(t, Options{})
	for login, want := range map[string]bool{"carol": true, "maria": true, "bob": false, "ghost": false} {
		got, _, err := f.gh.Repositories.IsCollaborator(ctx, testOrg, testRepo, login)
		if err != nil || got != want {
			t.Errorf("IsCollaborator(%s) = %v, %v", login, got, err)
		}
	}
	for login, want := range map[string]string{"carol": "write", "maria": "read", "bob": "read"} {
		p, _, err := f.gh.Repositories.GetPermissionLevel(ctx, testOrg, testRepo, login)
		if err != nil || p.GetPermission() != want || p.GetUser().GetLogin() != login {
			t.Errorf("permission of %s: %v %v", login, p, err)
		}
	}
	for login, want := range map[string]bool{"maria": true, "carol": false} {
		got, _, err := f.gh.Organizations.IsMember(ctx, testOrg, login)
		if err != nil || got != want {
			t.Errorf("IsMember(%s) = %v, %v", login, got, err)
		}
	}
}
