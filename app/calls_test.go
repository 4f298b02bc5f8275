package app

import (
	"strings"
	"testing"
)

// A repository without mentorship.yml costs a config read per event and
// nothing more: no list of a pull request's files.
func TestRepositoryWithoutConfigIsLeftAlone(t *testing.T) {
	w := newWorld(t, "")
	w.emu.ResetCalls()
	n := w.openPR("newbie")
	w.settle()
	for _, c := range w.emu.Calls() {
		if strings.Contains(c.Path, "/files") || (c.Method != "GET" && !strings.HasSuffix(c.Path, "/access_tokens")) {
			t.Errorf("%s %s on a repository where the app is off", c.Method, c.Path)
		}
	}
	if got := w.botComments(n); len(got) != 0 {
		t.Fatalf("comments %q", got)
	}
}
