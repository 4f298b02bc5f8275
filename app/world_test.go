package app

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/rs/zerolog"

	"github.com/mentorbot/mentorbot/app/ghemu"
	"github.com/mentorbot/mentorbot/app/ghemu/ghemutest"
	"github.com/mentorbot/mentorbot/app/store"
)

const (
	org            = "octo-org"
	repoName       = "widgets"
	installationID = 4242
)

// world is the service wired to the GitHub emulator, with an organization
// whose repository has a mentorship.yml.
type world struct {
	t   testing.TB
	emu *ghemu.Emulator
	app *running
	db  *store.DB
	cfg *Config
}

const defaultMentorship = `version: 1
mentors:
  - login: ana
    timezone: Europe/Berlin
    areas: [docs]
  - login: bo
    timezone: America/Los_Angeles
  - login: cy
    timezone: Asia/Kolkata
areas:
  docs:
    labels: ["area/docs"]
    paths: ["docs/**"]
`

func newWorld(t testing.TB, mentorshipYAML string, opts ...func(*ghemu.Options)) *world {
	t.Helper()
	return newWorldAt(t, "", mentorshipYAML, nil, opts...)
}

// newWorldWith is newWorld with options for the service, e.g. WithClock.
func newWorldWith(t testing.TB, mentorshipYAML string, appOpts []Option, opts ...func(*ghemu.Options)) *world {
	t.Helper()
	return newWorldAt(t, "", mentorshipYAML, appOpts, opts...)
}

// newWorldOn is newWorld on the store at databaseURL ("" for a fresh
// SQLite file).
func newWorldOn(t testing.TB, databaseURL, mentorshipYAML string, opts ...func(*ghemu.Options)) *world {
	t.Helper()
	return newWorldAt(t, databaseURL, mentorshipYAML, nil, opts...)
}

func newWorldAt(t testing.TB, databaseURL, mentorshipYAML string, appOpts []Option, opts ...func(*ghemu.Options)) *world {
	t.Helper()
	// GitHub's own limits (search 30 a minute, content writes 80 a minute
	// and 500 an hour): a test that needs more raises them through opts.
	emu := ghemutest.New(t, func(o *ghemu.Options) {
		o.EmitWebhooks = true
		for _, f := range opts {
			f(o)
		}
	})

	emu.AddOrg(org)
	for _, m := range []string{"ana", "bo", "cy", "maintainer"} {
		emu.AddOrgMember(org, m)
	}
	emu.AddRepo(org, repoName, ghemu.RepoOptions{})
	emu.AddCollaborator(org, repoName, "maintainer", "write") // members read; maintainers hold a role
	emu.AddInstallation(installationID, org, repoName)
	if mentorshipYAML != "" {
		emu.PutFile(org, repoName, ".github/mentorship.yml", []byte(mentorshipYAML))
	}

	cfg := testConfig(t, emu.URL())
	cfg.Github.App.IntegrationID = emu.AppID()
	cfg.Github.App.PrivateKey = string(emu.PrivateKeyPEM())
	if databaseURL != "" {
		cfg.Database.URL = databaseURL
	}
	r := start(t, cfg, appOpts...)
	emu.SetWebhookTarget(r.url+"/api/github/hook", testSecret)
	return &world{t: t, emu: emu, app: r, db: r.app.Store(), cfg: cfg}
}

// settle waits until every webhook is sent and every stored delivery is
// finished, twice in a row (the bot's own writes send webhooks too).
func (w *world) settle() {
	w.t.Helper()
	deadline := time.Now().Add(60 * time.Second)
	quiet := 0
	for quiet < 2 {
		w.emu.WaitIdle()
		depth, err := w.db.QueueDepth(context.Background())
		if err != nil {
			w.t.Fatal(err)
		}
		if depth[store.StatePending]+depth[store.StateRunning] == 0 {
			quiet++
		} else {
			quiet = 0
		}
		if time.Now().After(deadline) {
			ds, _ := w.db.ListDeliveries(context.Background(), store.ListFilter{States: []string{store.StatePending, store.StateRunning}})
			for _, d := range ds {
				w.t.Logf("unsettled %s (%s): %s, %d tries, next at %s, last error %q", d.ID, d.Event, d.State, d.Attempts, d.NextAttemptAt.Format(time.RFC3339Nano), d.LastError)
			}
			w.t.Fatalf("deliveries did not settle: %v", depth)
		}
		time.Sleep(20 * time.Millisecond)
	}
	if depth, _ := w.db.QueueDepth(context.Background()); depth[store.StateDead] > 0 {
		ds, _ := w.db.ListDeliveries(context.Background(), store.ListFilter{States: []string{store.StateDead}})
		for _, d := range ds {
			w.t.Errorf("dead letter %s (%s): %s", d.ID, d.Event, d.LastError)
		}
	}
}

// botComments returns the bodies of the bot's comments on an item.
func (w *world) botComments(number int) []string {
	var out []string
	for _, c := range w.emu.Comments(org, repoName, number) {
		if c.Author == w.emu.BotLogin() {
			out = append(out, c.Body)
		}
	}
	return out
}

// welcome returns the one welcome comment on an item, failing otherwise.
func (w *world) welcome(number int) string {
	w.t.Helper()
	var found []string
	for _, b := range w.botComments(number) {
		if strings.Contains(b, "mentorbot:welcome:") {
			found = append(found, b)
		}
	}
	if len(found) != 1 {
		w.t.Fatalf("#%d has %d welcome comments: %q", number, len(found), found)
	}
	return found[0]
}

func (w *world) mentorOf(number int) string {
	w.t.Helper()
	m, err := w.db.GetMentorship(context.Background(), org+"/"+repoName, number)
	if err != nil {
		w.t.Fatalf("#%d: %v", number, err)
	}
	return m.Mentor
}

func (w *world) openPR(author string, files ...string) int {
	var fs []ghemu.PullFile
	for _, f := range files {
		fs = append(fs, ghemu.PullFile{Filename: f, Status: "modified", Additions: 3})
	}
	if len(fs) == 0 {
		fs = []ghemu.PullFile{{Filename: "main.go", Status: "modified", Additions: 1}}
	}
	return w.emu.OpenPullRequest(org, repoName, author, ghemu.PullOptions{Title: "Fix a typo", Files: fs})
}

// mentions returns the logins @-mentioned in a body (zero-width-joined
// ones do not notify and are not counted).
func mentions(body string) []string {
	var out []string
	for i := 0; i < len(body); i++ {
		if body[i] != '@' || (i > 0 && isWordByte(body[i-1])) {
			continue
		}
		j := i + 1
		for j < len(body) && (isWordByte(body[j]) || body[j] == '-') {
			j++
		}
		if j > i+1 {
			out = append(out, body[i+1:j])
		}
	}
	return out
}

func isWordByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_'
}

// scheduleAt runs the scheduled jobs once, as `mentorbot schedule run
// --now` does, in a second service on the same store.
func (w *world) scheduleAt(now time.Time) {
	w.t.Helper()
	a, err := New(context.Background(), w.cfg, zerolog.Nop(), WithClock(func() time.Time { return now }))
	if err != nil {
		w.t.Fatal(err)
	}
	defer a.Close()
	if err := a.RunSchedule(context.Background()); err != nil {
		w.t.Fatal(err)
	}
	w.settle()
}
