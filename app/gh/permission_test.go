package gh

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/mentorbot/mentorbot/app/program"
)

func TestRoleIsLookedUpOnceAndOnlyForInsiders(t *testing.T) {
	f := newFixture(t)
	f.emu.AddCollaborator(testOrg, testRepo, "reader", "read")
	f.emu.AddCollaborator(testOrg, testRepo, "triager", "triage")
	now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	c := &Client{gh: f.v3, perms: newPermCache(func() time.Time { return now })}
	ctx := context.Background()
	r := program.Repo{Owner: testOrg, Name: testRepo}
	lookups := func() int {
		n := 0
		for _, call := range f.emu.Calls() {
			if strings.HasSuffix(call.Path, "/permission") {
				n++
			}
		}
		return n
	}
	for _, tc := range []struct{ login, assoc, want string }{
		{"reader", "COLLABORATOR", "read"},
		{"triager", "COLLABORATOR", "triage"},
		{"ghost-who-never-was", "MEMBER", "none"}, // 404
		{"stranger", "NONE", "read"},              // no lookup
		{"stranger", "FIRST_TIME_CONTRIBUTOR", "read"},
	} {
		got, err := c.Role(ctx, r, tc.login, tc.assoc)
		if err != nil || got != tc.want {
			t.Errorf("%s (%s): %q %v, want %q", tc.login, tc.assoc, got, err, tc.want)
		}
	}
	if got := lookups(); got != 3 {
		t.Fatalf("%d lookups, want 3 (none for strangers)", got)
	}
	if got, _ := c.Role(ctx, r, "Triager", "COLLABORATOR"); got != "triage" || lookups() != 3 {
		t.Fatalf("a cached role cost a request (%q, %d lookups)", got, lookups())
	}
	now = now.Add(PermissionTTL)
	f.emu.AddCollaborator(testOrg, testRepo, "triager", "read") // demoted
	if got, _ := c.Role(ctx, r, "triager", "COLLABORATOR"); got != "read" || lookups() != 4 {
		t.Fatalf("after PermissionTTL: %q, %d lookups; want the new role from a new request", got, lookups())
	}
}
