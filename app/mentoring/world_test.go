package mentoring_test

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/mentorbot/mentorbot/app/gh"
	"github.com/mentorbot/mentorbot/app/ghemu"
	"github.com/mentorbot/mentorbot/app/ghemu/ghemutest"
	"github.com/mentorbot/mentorbot/app/mentoring"
	"github.com/mentorbot/mentorbot/app/program"
	"github.com/mentorbot/mentorbot/app/store"
)

// The service runs against the GitHub emulator through the real adapter
// (package gh): there is one fake GitHub.

var repo = program.Repo{Owner: "o", Name: "r"}

// world is the service over a fresh SQLite store, and the emulator holding
// o/r with app 1 installed on it.
type world struct {
	svc *mentoring.Service
	emu *ghemu.Emulator
	gh  *gh.Client
}

func newWorld(t *testing.T) *world {
	t.Helper()
	db, err := store.Open(context.Background(), "sqlite://"+t.TempDir()+"/m.db")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	emu := ghemutest.Installed(t, 1, repo.Owner, repo.Name)
	return &world{svc: &mentoring.Service{Store: db, Now: time.Now}, emu: emu, gh: gh.New(ghemutest.REST(t, emu, 1))}
}

// issue opens an issue on o/r and returns its number.
func (w *world) issue() int {
	return w.emu.OpenIssue(repo.Owner, repo.Name, "newcomer", ghemu.IssueOptions{Title: "Hello"})
}

// writes counts the comment requests GitHub answered with success since
// the last ResetCalls: posts on the issue and edits of any comment.
func (w *world) writes(number int) (creates, edits int) {
	post := fmt.Sprintf("/repos/%s/%s/issues/%d/comments", repo.Owner, repo.Name, number)
	edit := fmt.Sprintf("/repos/%s/%s/issues/comments/", repo.Owner, repo.Name)
	for _, c := range w.emu.Calls() {
		if c.Status < 200 || c.Status >= 300 {
			continue
		}
		switch {
		case c.Method == http.MethodPost && c.Path == post:
			creates++
		case c.Method == http.MethodPatch && strings.HasPrefix(c.Path, edit):
			edits++
		}
	}
	return creates, edits
}

// only is the one comment on the issue, by the app's bot; it fails the
// test when there is none, several, or another's.
func (w *world) only(t *testing.T, number int) ghemu.Comment {
	t.Helper()
	cs := w.emu.Comments(repo.Owner, repo.Name, number)
	if len(cs) != 1 {
		t.Fatalf("%d comments on #%d, want exactly one: %+v", len(cs), number, cs)
	}
	if cs[0].Author != w.emu.BotLogin() {
		t.Fatalf("comment by %q, want the bot %q", cs[0].Author, w.emu.BotLogin())
	}
	return cs[0]
}
