package ghemu

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/google/go-github/v60/github"
	"golang.org/x/oauth2"
)

// signInAs runs the authorize page and the code exchange for login and
// returns a client with the user token.
func signInAs(t *testing.T, f *fixture, login string) *github.Client {
	t.Helper()
	id, secret := f.emu.OAuthClient()
	conf := oauth2.Config{ClientID: id, ClientSecret: secret, RedirectURL: "http://127.0.0.1:9/login/callback",
		Endpoint: oauth2.Endpoint{AuthURL: f.srv.URL + "/login/oauth/authorize", TokenURL: f.srv.URL + "/login/oauth/access_token", AuthStyle: oauth2.AuthStyleInParams}}
	verifier := oauth2.GenerateVerifier()
	page, err := http.Get(conf.AuthCodeURL("st4te", oauth2.S256ChallengeOption(verifier)))
	if err != nil {
		t.Fatal(err)
	}
	page.Body.Close()
	if page.StatusCode != http.StatusOK {
		t.Fatalf("authorize page: %d", page.StatusCode)
	}
	noFollow := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	approve := func() string {
		res, err := noFollow.PostForm(f.srv.URL+"/login/oauth/authorize", url.Values{"login": {login}, "client_id": {id},
			"redirect_uri": {conf.RedirectURL}, "state": {"st4te"}, "code_challenge": {oauth2.S256ChallengeFromVerifier(verifier)}, "code_challenge_method": {"S256"}})
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		loc, err := url.Parse(res.Header.Get("Location"))
		if res.StatusCode != http.StatusFound || err != nil || loc.Query().Get("state") != "st4te" || !strings.HasPrefix(loc.String(), conf.RedirectURL) {
			t.Fatalf("approve: %d %q", res.StatusCode, res.Header.Get("Location"))
		}
		return loc.Query().Get("code")
	}
	ctx := context.Background()
	if _, err := conf.Exchange(ctx, approve(), oauth2.VerifierOption("not-the-verifier-"+verifier)); err == nil {
		t.Error("a wrong PKCE verifier got a token")
	}
	wrong := conf
	wrong.ClientSecret = "nope"
	if _, err := wrong.Exchange(ctx, approve(), oauth2.VerifierOption(verifier)); err == nil {
		t.Error("a wrong client secret got a token")
	}
	code := approve()
	tok, err := conf.Exchange(ctx, code, oauth2.VerifierOption(verifier))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(tok.AccessToken, "ghu_") {
		t.Errorf("user token %q", tok.AccessToken)
	}
	if _, err := conf.Exchange(ctx, code, oauth2.VerifierOption(verifier)); err == nil {
		t.Error("a code worked twice")
	}
	gc := github.NewClient(conf.Client(ctx, tok))
	gc.BaseURL, _ = url.Parse(f.srv.URL + "/api/v3/")
	return gc
}

func TestUserAuthorization(t *testing.T) {
	f := newFixture(t, Options{})
	f.emu.AddInstallation(77, "alice") // an installation alice's repositories are not in
	f.emu.AddOrg("octo")
	f.emu.AddRepo("octo", "billing", RepoOptions{Private: true})
	f.emu.AddRepo("octo", "docs", RepoOptions{})
	f.emu.AddCollaborator("octo", "billing", "maria", "read")
	f.emu.AddOrgMember("octo", "dana")
	f.emu.AddInstallation(78, "octo") // every repository
	ctx := context.Background()
	for _, c := range []struct {
		login string
		want  []string // readable repositories of the app's installations
	}{
		{"maria", []string{testOrg + "/" + testRepo, "octo/billing"}}, // member of acme (secret is not installed), collaborator on billing
		{"dana", []string{"octo/billing", "octo/docs"}},               // member of octo
		{"carol", []string{testOrg + "/" + testRepo}},                 // collaborator on the public one
		{"bob", nil}, // nothing
	} {
		t.Run(c.login, func(t *testing.T) {
			gc := signInAs(t, f, c.login)
			u, _, err := gc.Users.Get(ctx, "")
			if err != nil || u.GetLogin() != c.login {
				t.Fatalf("GET /user: %v %v", u.GetLogin(), err)
			}
			insts, _, err := gc.Apps.ListUserInstallations(ctx, nil)
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, in := range insts {
				list, _, err := gc.Apps.ListUserRepos(ctx, in.GetID(), nil)
				if err != nil {
					t.Fatal(err)
				}
				for _, r := range list.Repositories {
					got = append(got, r.GetFullName())
				}
			}
			if strings.Join(got, ",") != strings.Join(c.want, ",") {
				t.Errorf("readable %v, want %v", got, c.want)
			}
			if _, _, err := gc.Apps.ListUserRepos(ctx, 77, nil); statusOf(err) != http.StatusNotFound {
				t.Errorf("another installation's repositories: %v", err)
			}
		})
	}
	// A user token is not an installation token, nor the other way round.
	if _, _, err := f.gh.Users.Get(ctx, ""); err == nil {
		t.Error("the app's JWT client reads GET /user")
	}
}
