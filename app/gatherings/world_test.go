package gatherings_test

import (
	"context"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/bradleyfalzon/ghinstallation/v2"
	"github.com/google/go-github/v60/github"
	"github.com/shurcooL/githubv4"

	"github.com/mentorbot/mentorbot/app/gatherings"
	"github.com/mentorbot/mentorbot/app/gh"
	"github.com/mentorbot/mentorbot/app/ghemu"
	"github.com/mentorbot/mentorbot/app/ghemu/ghemutest"
	"github.com/mentorbot/mentorbot/app/program"
	"github.com/mentorbot/mentorbot/app/repoconfig"
	"github.com/mentorbot/mentorbot/app/store"
)

// The unit tests of the service run it against the GitHub emulator through
// the real adapter (package gh), as the end-to-end tests do: there is one
// fake GitHub, and it is as strict as GitHub.

const (
	owner     = "acme"
	community = "acme/community"
	instID    = 7
)

// world is a service on a fresh store and a fresh emulator, with a
// settable clock. acme/widgets holds the configuration.
type world struct {
	t     *testing.T
	svc   *gatherings.Service
	db    *store.DB
	emu   *ghemu.Emulator
	gh    *gh.Discussions
	now   time.Time
	cfg   *repoconfig.Config
	repos []string
}

// baseConfig: weekly on Thursdays at 17:00 UTC, announced 3 days ahead.
const baseConfig = `version: 1
mentors:
  - login: ana
    timezone: Europe/Berlin
  - login: bo
    timezone: America/Los_Angeles
  - login: cy
    timezone: Asia/Dubai
office_hours:
  repository: community
  category: Office Hours
  cadence: weekly
  weekday: thursday
  times: ["17:00"]
  duration_minutes: 60
  announce_days_before: 3
`

// session is the Thursday 3 Dec 2026 17:00 UTC session.
var (
	sessionStart = time.Date(2026, 12, 3, 17, 0, 0, 0, time.UTC)
	announceAt   = sessionStart.Add(-72 * time.Hour)
)

func newWorld(t *testing.T, yaml string, opts ...func(*ghemu.Options)) *world {
	t.Helper()
	cfg, err := repoconfig.Parse([]byte(yaml))
	if err != nil {
		t.Fatal(err)
	}
	db, err := store.Open(context.Background(), "sqlite://"+t.TempDir()+"/hours.db")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	emu := ghemutest.New(t, opts...)
	emu.AddOrg(owner)
	for _, m := range []string{"ana", "bo", "cy", "newbie", "flooder"} {
		emu.AddUser(m)
	}
	emu.AddRepo(owner, "widgets", ghemu.RepoOptions{})
	w := &world{t: t, db: db, emu: emu, cfg: cfg, repos: []string{"widgets"}}
	emu.AddInstallation(instID, owner, w.repos...)
	tr, err := ghinstallation.New(http.DefaultTransport, 1, instID, emu.PrivateKeyPEM())
	if err != nil {
		t.Fatal(err)
	}
	tr.BaseURL = emu.URL() + "/api/v3"
	hc := &http.Client{Transport: tr}
	v3, err := github.NewClient(hc).WithEnterpriseURLs(emu.URL()+"/api/v3/", emu.URL()+"/api/uploads/")
	if err != nil {
		t.Fatal(err)
	}
	w.gh = gh.NewDiscussions(v3, githubv4.NewEnterpriseClient(emu.URL()+"/api/graphql", hc))
	db.SetClock(func() time.Time { return w.now })
	src := &source{gh: w.gh, programs: []gatherings.Program{{InstallationID: instID, Repo: program.Repo{Owner: owner, Name: "widgets"}, Config: cfg}}}
	w.svc = &gatherings.Service{Store: db, Source: src, Now: func() time.Time { return w.now }}
	return w
}

// source serves one program.
type source struct {
	programs []gatherings.Program
	gh       gatherings.GitHub
}

func (s *source) Programs(context.Context) ([]gatherings.Program, error) { return s.programs, nil }
func (s *source) GitHub(context.Context, int64) (gatherings.GitHub, error) {
	return s.gh, nil
}

// run runs the job at now.
func (w *world) run(now time.Time) error {
	w.now = now
	return w.svc.Run(context.Background())
}

func (w *world) mustRun(now time.Time) {
	w.t.Helper()
	if err := w.run(now); err != nil {
		w.t.Fatal(err)
	}
}

// addRepo adds acme/<name> to the installation, with Discussions on or off
// and the categories.
func (w *world) addRepo(fullName string, enabled bool, categories ...string) {
	_, name, _ := strings.Cut(fullName, "/")
	w.emu.AddRepo(owner, name, ghemu.RepoOptions{})
	w.repos = append(w.repos, name)
	w.emu.AddInstallation(instID, owner, w.repos...)
	w.emu.SetDiscussions(owner, name, enabled)
	for _, c := range categories {
		w.emu.AddDiscussionCategory(owner, name, c)
	}
}

func (w *world) addCategory(fullName, category string) {
	_, name, _ := strings.Cut(fullName, "/")
	w.emu.AddDiscussionCategory(owner, name, category)
}

// discussions lists the discussions of a category of acme/community.
func (w *world) discussions(category string) []ghemu.Discussion {
	var id int64
	for _, c := range w.emu.DiscussionCategories(owner, "community") {
		if c.Name == category {
			id = c.ID
		}
	}
	var out []ghemu.Discussion
	for _, d := range w.emu.Discussions(owner, "community") {
		if d.CategoryID == id {
			out = append(out, d)
		}
	}
	return out
}

// botComments are the app's comments and replies on a discussion.
func (w *world) botComments(number int) []*ghemu.DiscussionComment {
	var out []*ghemu.DiscussionComment
	for _, c := range w.emu.Discussion(owner, "community", number).Comments {
		if c.Author == w.emu.BotLogin() {
			out = append(out, c)
		}
	}
	return out
}

// comment is a person's comment (or reply, when parent is a comment's node
// ID) on a discussion of acme/community.
func (w *world) comment(number int, parent, author, body string) *ghemu.DiscussionComment {
	var id string
	if parent == "" {
		id = w.emu.CommentOnDiscussion(owner, "community", number, author, body)
	} else {
		id = w.emu.ReplyToDiscussionComment(owner, "community", number, parent, author, body)
	}
	return w.find(number, id)
}

// find is a discussion comment by node ID.
func (w *world) find(number int, nodeID string) *ghemu.DiscussionComment {
	d := w.emu.Discussion(owner, "community", number)
	i := slices.IndexFunc(d.Comments, func(c *ghemu.DiscussionComment) bool { return c.NodeID == nodeID })
	if i < 0 {
		w.t.Fatalf("no comment %s on discussion #%d", nodeID, number)
	}
	return d.Comments[i]
}

// openIssues are the open issues of acme/widgets the app wrote.
func (w *world) openIssues() []ghemu.Issue {
	var out []ghemu.Issue
	for _, is := range w.emu.Issues(owner, "widgets") {
		if is.State == "open" && is.Author == w.emu.BotLogin() {
			out = append(out, is)
		}
	}
	return out
}

// issueComments are the bodies of the comments on an issue of acme/widgets.
func (w *world) issueComments(number int) []string {
	var out []string
	for _, c := range w.emu.Comments(owner, "widgets", number) {
		out = append(out, c.Body)
	}
	return out
}

// discussionURL is where the emulator serves a discussion of acme/community.
func discussionURL(number int) string {
	return "/" + community + "/discussions/" + strconv.Itoa(number)
}
