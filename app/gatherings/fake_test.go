package gatherings

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/mentorbot/mentorbot/app/program"
	"github.com/mentorbot/mentorbot/app/repoconfig"
	"github.com/mentorbot/mentorbot/app/store"
)

// fakeGitHub keeps discussions and issues in memory.
type fakeGitHub struct {
	mu     sync.Mutex
	repos  map[string]*fakeRepo
	issues []*fakeIssue
	// loseCreates makes the next CreateDiscussion calls create the
	// discussion and then fail, as when the answer is lost.
	loseCreates int
	// down makes every call fail, as when GitHub cannot be reached.
	down   bool
	nextID int
	tasks  []program.IssueRef
}

type fakeRepo struct {
	id          string
	enabled     bool
	categories  []Category
	discussions []*fakeDiscussion
}

type fakeDiscussion struct {
	id, url, category, title, body string
	number                         int
	up, down, confused             int
	bot                            bool
	comments                       []*fakeComment
}

type fakeComment struct {
	id, parent, author, body, url string
	bot                           bool
	up, down                      int
	at                            time.Time
}

type fakeIssue struct {
	repo, title, body string
	number            int
	closed            bool
	comments          []string
}

var errDown = errors.New("github is down")

func newFakeGitHub() *fakeGitHub { return &fakeGitHub{repos: map[string]*fakeRepo{}} }

func (f *fakeGitHub) id(kind string) string {
	f.nextID++
	return fmt.Sprintf("%s_%d", kind, f.nextID)
}

// addRepo adds a repository, with Discussions on and the categories.
func (f *fakeGitHub) addRepo(fullName string, enabled bool, categories ...string) {
	f.mu.Lock()
	defer f.mu.Unlock()
	r := &fakeRepo{id: f.id("R"), enabled: enabled}
	for _, c := range categories {
		r.categories = append(r.categories, Category{ID: f.id("DIC"), Name: c})
	}
	f.repos[fullName] = r
}

func (f *fakeGitHub) addCategory(fullName, name string) {
	f.mu.Lock()
	defer f.mu.Unlock()
	r := f.repos[fullName]
	r.categories = append(r.categories, Category{ID: f.id("DIC"), Name: name})
}

// discussions lists the discussions of a category.
func (f *fakeGitHub) discussions(fullName, category string) []*fakeDiscussion {
	f.mu.Lock()
	defer f.mu.Unlock()
	var out []*fakeDiscussion
	r := f.repos[fullName]
	for _, d := range r.discussions {
		for _, c := range r.categories {
			if c.ID == d.category && c.Name == category {
				out = append(out, d)
			}
		}
	}
	return out
}

func (f *fakeGitHub) find(id string) (*fakeDiscussion, *fakeComment) {
	for _, r := range f.repos {
		for _, d := range r.discussions {
			if d.id == id {
				return d, nil
			}
			for _, c := range d.comments {
				if c.id == id {
					return d, c
				}
			}
		}
	}
	return nil, nil
}

// comment adds a person's comment (or reply, when parent is set).
func (f *fakeGitHub) comment(d *fakeDiscussion, parent, author, body string) *fakeComment {
	f.mu.Lock()
	defer f.mu.Unlock()
	c := &fakeComment{id: f.id("DC"), parent: parent, author: author, body: body}
	d.comments = append(d.comments, c)
	return c
}

func (f *fakeGitHub) botComments(d *fakeDiscussion) []*fakeComment {
	f.mu.Lock()
	defer f.mu.Unlock()
	var out []*fakeComment
	for _, c := range d.comments {
		if c.bot {
			out = append(out, c)
		}
	}
	return out
}

func (f *fakeGitHub) openIssues() []*fakeIssue {
	f.mu.Lock()
	defer f.mu.Unlock()
	var out []*fakeIssue
	for _, is := range f.issues {
		if !is.closed {
			out = append(out, is)
		}
	}
	return out
}

func (f *fakeGitHub) check() error {
	if f.down {
		return errDown
	}
	return nil
}

func (f *fakeGitHub) DiscussionRepository(_ context.Context, owner, name string) (DiscussionRepo, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if err := f.check(); err != nil {
		return DiscussionRepo{}, err
	}
	r := f.repos[owner+"/"+name]
	if r == nil {
		return DiscussionRepo{}, fmt.Errorf("repository %s/%s: %w", owner, name, ErrUnreachable)
	}
	out := DiscussionRepo{ID: r.id, DiscussionsEnabled: r.enabled}
	if r.enabled {
		out.Categories = append(out.Categories, r.categories...)
	}
	return out, nil
}

func (f *fakeGitHub) CreateDiscussion(_ context.Context, repoID, categoryID, title, body string) (Post, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if err := f.check(); err != nil {
		return Post{}, err
	}
	for name, r := range f.repos {
		if r.id != repoID {
			continue
		}
		d := &fakeDiscussion{id: f.id("D"), category: categoryID, title: title, body: body, number: len(r.discussions) + 1, bot: true}
		d.url = fmt.Sprintf("https://github.example/%s/discussions/%d", name, d.number)
		r.discussions = append(r.discussions, d)
		if f.loseCreates > 0 {
			f.loseCreates--
			return Post{}, errors.New("connection reset")
		}
		return Post{ID: d.id, Number: d.number, URL: d.url}, nil
	}
	return Post{}, errors.New("no such repository")
}

func (f *fakeGitHub) UpdateDiscussion(_ context.Context, id, title, body string) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	d, _ := f.find(id)
	if d == nil {
		return errors.New("no such discussion")
	}
	d.title, d.body = title, body
	return nil
}

func (f *fakeGitHub) FindDiscussion(_ context.Context, owner, name, categoryID, marker string) (Post, bool, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	for _, d := range f.repos[owner+"/"+name].discussions {
		if d.bot && d.category == categoryID && strings.Contains(d.body, marker) {
			return Post{ID: d.id, Number: d.number, URL: d.url}, true, nil
		}
	}
	return Post{}, false, nil
}

func (f *fakeGitHub) AddDiscussionComment(_ context.Context, discussionID, replyToID, body string) (Post, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if err := f.check(); err != nil {
		return Post{}, err
	}
	d, _ := f.find(discussionID)
	if d == nil {
		return Post{}, errors.New("no such discussion")
	}
	c := &fakeComment{id: f.id("DC"), parent: replyToID, author: "mentorbot", bot: true, body: body}
	c.url = d.url + "#discussioncomment-" + c.id
	d.comments = append(d.comments, c)
	return Post{ID: c.id, URL: c.url}, nil
}

func (f *fakeGitHub) UpdateDiscussionComment(_ context.Context, id, body string) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	_, c := f.find(id)
	if c == nil {
		return errors.New("no such comment")
	}
	c.body = body
	return nil
}

func (f *fakeGitHub) FindDiscussionComment(_ context.Context, parentID, marker string) (Post, bool, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	d, parent := f.find(parentID)
	if d == nil {
		return Post{}, false, errors.New("no such node")
	}
	for _, c := range d.comments {
		inScope := (parent == nil && c.parent == "") || (parent != nil && c.parent == parent.id)
		if inScope && c.bot && strings.Contains(c.body, marker) {
			return Post{ID: c.id, URL: c.url}, true, nil
		}
	}
	return Post{}, false, nil
}

func (f *fakeGitHub) ThreadOf(_ context.Context, commentID string) (string, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	_, c := f.find(commentID)
	if c == nil {
		return "", errors.New("no such comment")
	}
	if c.parent != "" {
		return c.parent, nil
	}
	return c.id, nil
}

func (f *fakeGitHub) DiscussionActivity(_ context.Context, id string) (Activity, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if err := f.check(); err != nil {
		return Activity{}, err
	}
	d, _ := f.find(id)
	if d == nil {
		return Activity{}, errors.New("no such discussion")
	}
	a := Activity{Attending: d.up, Maybe: d.confused}
	for _, c := range d.comments {
		a.Comments = append(a.Comments, ActivityComment{ID: c.id, URL: c.url, Author: c.author, Body: c.body, IsBot: c.bot, CreatedAt: c.at})
	}
	return a, nil
}

func (f *fakeGitHub) Pulse(_ context.Context, id string) (int, int, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	d, c := f.find(id)
	switch {
	case c != nil:
		return c.up, c.down, nil
	case d != nil:
		return d.up, d.down, nil
	}
	return 0, 0, errors.New("no such node")
}

func (f *fakeGitHub) CreateIssue(_ context.Context, r program.Repo, title, body string) (int, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if err := f.check(); err != nil {
		return 0, err
	}
	is := &fakeIssue{repo: r.FullName(), title: title, body: body, number: 100 + len(f.issues)}
	f.issues = append(f.issues, is)
	return is.number, nil
}

func (f *fakeGitHub) issue(r program.Repo, number int) *fakeIssue {
	for _, is := range f.issues {
		if is.repo == r.FullName() && is.number == number {
			return is
		}
	}
	is := &fakeIssue{repo: r.FullName(), number: number}
	f.issues = append(f.issues, is)
	return is
}

func (f *fakeGitHub) CloseIssue(_ context.Context, r program.Repo, number int, comment string) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	is := f.issue(r, number)
	is.comments = append(is.comments, comment)
	is.closed = true
	return nil
}

func (f *fakeGitHub) CreateComment(_ context.Context, r program.Repo, number int, body string) (int64, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	is := f.issue(r, number)
	is.comments = append(is.comments, body)
	return int64(len(is.comments)), nil
}

func (f *fakeGitHub) FindComment(_ context.Context, r program.Repo, number int, marker string) (int64, bool, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	for i, c := range f.issue(r, number).comments {
		if strings.Contains(c, marker) {
			return int64(i + 1), true, nil
		}
	}
	return 0, false, nil
}

func (f *fakeGitHub) OpenIssues(_ context.Context, _ program.Repo, _ []string, limit int) ([]program.IssueRef, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.tasks[:min(limit, len(f.tasks))], nil
}

// fakeSource serves one program.
type fakeSource struct {
	programs []Program
	gh       *fakeGitHub
}

func (s *fakeSource) Programs(context.Context) ([]Program, error) { return s.programs, nil }
func (s *fakeSource) GitHub(context.Context, int64) (GitHub, error) {
	return s.gh, nil
}

// world is a service on a fresh store with a settable clock.
type world struct {
	t   *testing.T
	svc *Service
	db  *store.DB
	gh  *fakeGitHub
	now time.Time
	cfg *repoconfig.Config
}

const community = "acme/community"

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

func newWorld(t *testing.T, yaml string) *world {
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
	w := &world{t: t, db: db, gh: newFakeGitHub(), cfg: cfg}
	db.SetClock(func() time.Time { return w.now })
	src := &fakeSource{gh: w.gh, programs: []Program{{InstallationID: 1, Repo: program.Repo{Owner: "acme", Name: "widgets"}, Config: cfg}}}
	w.svc = &Service{Store: db, Source: src, Now: func() time.Time { return w.now }}
	return w
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

// session is the Thursday 3 Dec 2026 17:00 UTC session.
var (
	sessionStart = time.Date(2026, 12, 3, 17, 0, 0, 0, time.UTC)
	announceAt   = sessionStart.Add(-72 * time.Hour)
)
