// Package ghemutest serves the GitHub emulator to a test: the one fake
// GitHub that unit tests talk to over HTTP through the real adapters.
package ghemutest

import (
	"net/http/httptest"
	"testing"

	"github.com/google/go-github/v60/github"

	"github.com/mentorbot/mentorbot/app/ghemu"
)

// New returns an emulator of app 1 ("mentorbot"), changed by opts, served
// on a local test server that closes when the test ends. It holds no
// accounts yet.
func New(t testing.TB, opts ...func(*ghemu.Options)) *ghemu.Emulator {
	t.Helper()
	o := ghemu.Options{AppID: 1, AppSlug: "mentorbot"}
	for _, f := range opts {
		f(&o)
	}
	emu, err := ghemu.New(o)
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(emu)
	t.Cleanup(srv.Close)
	emu.SetBaseURL(srv.URL)
	return emu
}

// Installed is New with organization owner holding repos, app 1 installed
// on them as installation id.
func Installed(t testing.TB, id int64, owner string, repos ...string) *ghemu.Emulator {
	t.Helper()
	emu := New(t)
	emu.AddOrg(owner)
	for _, r := range repos {
		emu.AddRepo(owner, r, ghemu.RepoOptions{})
	}
	emu.AddInstallation(id, owner, repos...)
	return emu
}

// REST is a go-github client of the emulator that authenticates as
// installation id, as the app does (see Emulator.InstallationClient).
func REST(t testing.TB, emu *ghemu.Emulator, id int64) *github.Client {
	t.Helper()
	c, err := github.NewClient(emu.InstallationClient(id)).WithEnterpriseURLs(emu.URL()+"/api/v3/", emu.URL()+"/api/uploads/")
	if err != nil {
		t.Fatal(err)
	}
	return c
}
