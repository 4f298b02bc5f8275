package gh

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/mentorbot/mentorbot/app/mentoring/roster"
	"github.com/mentorbot/mentorbot/app/repoconfig"
)

// TestRosterFromTeamsAndCodeOwners resolves a roster against the emulator:
// team members (more than a page), CODEOWNERS from each of its three
// places, a listed login overriding a member's settings.
func TestRosterFromTeamsAndCodeOwners(t *testing.T) {
	for _, place := range roster.CodeOwnersPaths {
		t.Run(place, func(t *testing.T) {
			f := newFixture(t)
			ctx := context.Background()
			members := []string{"ada", "bob"}
			for i := range 150 {
				members = append(members, fmt.Sprintf("member-%03d", i))
			}
			f.emu.AddTeam(testOrg, "mentors", members...)
			f.emu.AddTeam(testOrg, "docs-team", "cy", "ada")
			f.emu.PutFile(testOrg, testRepo, place, []byte("# owners\n/docs/ @dee @acme/docs-team\n*.go @bob\n"))
			if place != "docs/CODEOWNERS" {
				f.emu.PutFile(testOrg, testRepo, "docs/CODEOWNERS", []byte("* @not-first\n"))
			}
			cfg, err := repoconfig.Parse([]byte("mentor_teams: [acme/mentors, acme/docs-team]\nareas_from_codeowners: true\n" +
				"mentors:\n  - login: Bob\n    timezone: Asia/Tokyo\n    capacity: 1\n"))
			if err != nil {
				t.Fatal(err)
			}
			f.emu.ResetCalls()
			got, err := roster.Resolve(ctx, New(f.v3), testOrg, testRepo, cfg)
			if err != nil {
				t.Fatal(err)
			}
			if n := len(got.Mentors); n != 1+151+1+1 {
				t.Errorf("%d mentors, want 154", n)
			}
			byLogin := map[string]repoconfig.Mentor{}
			for _, m := range got.Mentors {
				byLogin[strings.ToLower(m.Login)] = m
			}
			if b := byLogin["bob"]; b.Capacity != 1 || b.Timezone != "Asia/Tokyo" || strings.Join(b.Areas, ",") != "*.go" {
				t.Errorf("bob = %+v, want his listed settings and the *.go area", b)
			}
			if a := byLogin["ada"]; a.Capacity != 3 || a.Timezone != "UTC" {
				t.Errorf("ada = %+v, want the defaults", a)
			}
			if d := byLogin["dee"]; strings.Join(d.Areas, ",") != "/docs/" || got.Areas["/docs/"].Paths[0] != "docs/**" {
				t.Errorf("dee = %+v, areas %v", d, got.Areas)
			}
			if _, wrong := byLogin["not-first"]; wrong && place != "docs/CODEOWNERS" {
				t.Errorf("read a later CODEOWNERS than %s", place)
			}
			var teamCalls, fileCalls int
			for _, c := range f.emu.Calls() {
				switch {
				case strings.Contains(c.Path, "/teams/"):
					teamCalls++
				case strings.Contains(c.Path, "/contents/"):
					fileCalls++
				}
			}
			wantFiles := map[string]int{".github/CODEOWNERS": 1, "CODEOWNERS": 2, "docs/CODEOWNERS": 3}[place]
			if teamCalls != 2+1 || fileCalls != wantFiles {
				t.Errorf("%d team calls (want 3: two pages, one page), %d file calls (want %d)", teamCalls, fileCalls, wantFiles)
			}
		})
	}
}

func TestTeamMembersOfAnotherOrgOrMissingTeam(t *testing.T) {
	f := newFixture(t)
	f.emu.AddOrg("other")
	f.emu.AddTeam("other", "mentors", "zed")
	c := New(f.v3)
	if _, err := c.TeamMembers(context.Background(), "other", "mentors"); err == nil {
		t.Errorf("read another organization's team")
	}
	if _, err := c.TeamMembers(context.Background(), testOrg, "nope"); err == nil {
		t.Errorf("a missing team is not an error")
	}
}

// The team list is read once per TeamTTL, and a missing team adds nobody
// without stopping the roster.
func TestTeamCache(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	f.emu.AddTeam(testOrg, "mentors", "ada", "bob")
	now := time.Now()
	src := cachedSource{New(f.v3), &teamCache{now: func() time.Time { return now }}}
	cfg, err := repoconfig.Parse([]byte("mentor_teams: [acme/mentors, acme/gone]\n"))
	if err != nil {
		t.Fatal(err)
	}
	f.emu.ResetCalls()
	for range 5 {
		got, err := roster.Resolve(ctx, src, testOrg, testRepo, cfg)
		if err != nil || len(got.Mentors) != 2 {
			t.Fatalf("Resolve = %v, %v", got, err)
		}
		now = now.Add(time.Minute)
	}
	teamCalls := func() (n int) {
		for _, c := range f.emu.Calls() {
			if strings.Contains(c.Path, "/teams/") {
				n++
			}
		}
		return n
	}
	if n := teamCalls(); n != 2 {
		t.Errorf("%d calls in five minutes, want 2 (one per team)", n)
	}
	now = now.Add(TeamTTL)
	if _, err := roster.Resolve(ctx, src, testOrg, testRepo, cfg); err != nil {
		t.Fatal(err)
	}
	if n := teamCalls(); n != 4 {
		t.Errorf("%d calls after the TTL, want 4", n)
	}
}

// TestRosterOf200CostsPerHour counts what a roster of one 200-member team
// costs GitHub in an hour when the configuration is resolved every minute
// (each scheduled run and event): the team's member pages once per TeamTTL
// and the mentors' Busy statuses, one query per StatusTTL. The figure is
// logged for the README (requests, not time).
func TestRosterOf200CostsPerHour(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	members := make([]string, 200)
	for i := range members {
		members[i] = fmt.Sprintf("member-%03d", i)
	}
	f.emu.AddTeam(testOrg, "mentors", members...)
	now := time.Now()
	src := cachedSource{New(f.v3), &teamCache{now: func() time.Time { return now }}}
	statuses := &Statuses{now: func() time.Time { return now }}
	cfg, err := repoconfig.Parse([]byte("mentor_teams: [acme/mentors]\n"))
	if err != nil {
		t.Fatal(err)
	}
	f.emu.ResetCalls()
	f.rec.docs = nil
	for range 60 {
		got, err := roster.Resolve(ctx, src, testOrg, testRepo, cfg)
		if err != nil || len(got.Mentors) != 200 {
			t.Fatalf("Resolve = %d mentors, %v", len(got.Mentors), err)
		}
		statuses.Mark(ctx, New(f.v3), got)
		now = now.Add(time.Minute)
	}
	team, free := 0, 0
	for _, c := range f.emu.Calls() {
		if strings.Contains(c.Path, "/teams/") {
			team++
			if c.Status == 304 {
				free++
			}
		}
	}
	want := int(time.Hour/TeamTTL) * 2 // two pages of 100 per refresh
	if team > want || len(f.rec.docs) > int(time.Hour/StatusTTL) {
		t.Errorf("an hour of a 200-member roster: %d team-member requests (want at most %d) and %d status queries", team, want, len(f.rec.docs))
	}
	t.Logf("an hour of a 200-member roster resolved every minute: %d team-member requests (%d of them free 304s) and %d Busy-status queries",
		team, free, len(f.rec.docs))
}
