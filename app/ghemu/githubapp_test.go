package ghemu

import (
	"testing"

	"github.com/gregjones/httpcache"
	"github.com/palantir/go-githubapp/githubapp"
	"github.com/shurcooL/githubv4"
)

// TestGoGithubappClients drives the emulator with the app's own stack:
// go-githubapp's caching client creator (ghinstallation underneath) and
// githubv4, configured as the app is (v3 = URL/api/v3/, v4 = URL/api/graphql).
func TestGoGithubappClients(t *testing.T) {
	f := newFixture(t, Options{})
	var cfg githubapp.Config
	cfg.WebURL = f.srv.URL
	cfg.V3APIURL = f.srv.URL + "/api/v3/"
	cfg.V4APIURL = f.srv.URL + "/api/graphql"
	cfg.App.IntegrationID = testAppID
	cfg.App.PrivateKey = string(f.emu.PrivateKeyPEM())
	cc, err := githubapp.NewDefaultCachingClientCreator(cfg,
		githubapp.WithClientCaching(true, func() httpcache.Cache { return httpcache.NewMemoryCache() }))
	if err != nil {
		t.Fatal(err)
	}
	app, err := cc.NewAppClient()
	if err != nil {
		t.Fatal(err)
	}
	if a, _, err := app.Apps.Get(ctx, ""); err != nil || a.GetID() != testAppID {
		t.Fatalf("app client: %v %v", a, err)
	}
	c, err := cc.NewInstallationClient(testInstID)
	if err != nil {
		t.Fatal(err)
	}
	for range 2 {
		if _, _, err := c.Repositories.Get(ctx, testOrg, testRepo); err != nil {
			t.Fatal(err)
		}
	}
	var statuses []int
	for _, call := range f.emu.Calls() {
		if call.Path == "/repos/acme/widgets" {
			statuses = append(statuses, call.Status)
		}
	}
	if len(statuses) != 2 || statuses[0] != 200 || statuses[1] != 304 {
		t.Errorf("the caching client revalidates with If-None-Match: %v", statuses)
	}
	v4, err := cc.NewInstallationV4Client(testInstID)
	if err != nil {
		t.Fatal(err)
	}
	var q struct {
		RateLimit struct{ Limit githubv4.Int }
	}
	if err := v4.Query(ctx, &q, nil); err != nil || q.RateLimit.Limit != DefaultRateLimit {
		t.Errorf("GraphQL through githubv4: %+v %v", q, err)
	}
}
