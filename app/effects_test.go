package app

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"regexp"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/rs/zerolog"

	"github.com/mentorbot/mentorbot/app/ghemu"
)

// A decision and its GitHub effects are stored together and applied
// idempotently afterwards: a fault injected at every GitHub write of a
// path, plain (nothing written, 502) or after the write (written, then
// 502), ends, once the retries and the scheduled sweeps have run, in the
// state a fault-free run reaches: the same bot comments (none twice), the
// same assignees, labels and review requests, the same mentor.

// effectsPath is one path of decisions through the service.
type effectsPath struct {
	name string
	// world builds the world on a store ("" for SQLite).
	world func(t *testing.T, databaseURL string) *world
	// setup runs, fault-free, what comes before the path and returns the
	// items to compare.
	setup func(w *world) *pathRun
	// run is the path; a fault is armed for its first write of a step.
	run func(w *world, p *pathRun)
	// converge lets retries and sweeps run (the scheduler's later minutes).
	converge func(w *world, p *pathRun)
}

type pathRun struct {
	items []int
	at    time.Time // the path's clock origin
	// discussions compares octo-org/community's discussions too.
	discussions bool
}

func effectsPaths() []effectsPath {
	plain := func(yaml string) func(t *testing.T, url string) *world {
		return func(t *testing.T, url string) *world { return newWorldOn(t, url, yaml) }
	}
	later := func(hours ...int) func(w *world, p *pathRun) {
		return func(w *world, p *pathRun) {
			for _, h := range hours {
				w.tryScheduleAt(p.at.Add(time.Duration(h) * time.Hour))
			}
		}
	}
	return []effectsPath{
		{
			name: "waiting list served after a mentorship ends",
			world: plain(`version: 1
mentors:
  - login: ana
    capacity: 1
`),
			setup: func(w *world) *pathRun {
				p := &pathRun{at: time.Now()}
				for _, who := range []string{"n1", "n2", "n3"} { // ana takes n1; n2, then n3, wait
					p.items = append(p.items, w.openPR(who))
					w.settle()
				}
				return p
			},
			run: func(w *world, p *pathRun) {
				w.emu.ClosePullRequest(org, repoName, p.items[0], "maintainer")
				w.settle()
			},
			converge: later(2, 3),
		},
		{
			name:  "mentor reassign",
			world: plain(defaultMentorship),
			setup: func(w *world) *pathRun {
				p := &pathRun{at: time.Now(), items: []int{w.openPR("newbie")}}
				w.settle()
				return p
			},
			run: func(w *world, p *pathRun) {
				w.emu.Comment(org, repoName, p.items[0], "newbie", "/mentor reassign")
				w.settle()
			},
			converge: later(2, 3),
		},
		{
			name:  "nudge then handover",
			world: plain(defaultMentorship),
			setup: func(w *world) *pathRun {
				p := &pathRun{at: time.Now(), items: []int{w.openPR("newbie")}}
				w.settle()
				return p
			},
			run: func(w *world, p *pathRun) {
				// The first-response clock starts at the mentor's next
				// working hours, at most a night away: three days cover
				// the nudge and five the handover, whatever the hour.
				for _, at := range []time.Duration{73 * time.Hour, 73*time.Hour + time.Minute, 121 * time.Hour} {
					w.tryScheduleAt(p.at.Add(at))
				}
			},
			converge: later(122, 123),
		},
		{
			name:  "idle mentorship ended",
			world: plain(defaultMentorship),
			setup: func(w *world) *pathRun {
				p := &pathRun{at: time.Now(), items: []int{w.openPR("newbie")}}
				w.settle()
				w.emu.Comment(org, repoName, p.items[0], w.mentorOf(p.items[0]), "Hello! Ask me anything.")
				w.settle()
				return p
			},
			run: func(w *world, p *pathRun) {
				for _, at := range []time.Duration{15 * 24 * time.Hour, 15*24*time.Hour + time.Minute} {
					w.tryScheduleAt(p.at.Add(at))
				}
			},
			converge: later(15*24+2, 15*24+3),
		},
		{
			name:  "handover from an away mentor",
			world: plain(defaultMentorship),
			setup: func(w *world) *pathRun {
				p := &pathRun{at: time.Now(), items: []int{w.openPR("newbie")}}
				w.settle()
				return p
			},
			run: func(w *world, p *pathRun) {
				w.emu.Comment(org, repoName, p.items[0], w.mentorOf(p.items[0]), "/mentor away until 2099-01-01")
				w.settle()
				w.tryScheduleAt(p.at.Add(time.Minute))
			},
			converge: later(2, 3),
		},
		{
			name: "office hours announcement and recap",
			world: func(t *testing.T, url string) *world {
				w := newWorldOn(t, url, officeHoursMentorship)
				w.emu.AddRepo(org, communityRepo, ghemu.RepoOptions{})
				w.emu.AddInstallation(installationID, org, repoName, communityRepo)
				w.emu.SetDiscussions(org, communityRepo, true)
				w.emu.AddDiscussionCategory(org, communityRepo, "Office Hours")
				return w
			},
			setup: func(w *world) *pathRun { return &pathRun{at: nextSession(w.t.(*testing.T)).Start, discussions: true} },
			run: func(w *world, p *pathRun) {
				announce := p.at.Add(-72 * time.Hour)
				end := p.at.Add(time.Hour)
				for _, at := range []time.Time{announce, announce.Add(time.Minute), end, end.Add(time.Minute)} {
					w.tryScheduleAt(at)
				}
			},
			converge: func(w *world, p *pathRun) { w.tryScheduleAt(p.at.Add(3 * time.Hour)) },
		},
	}
}

// faultCasesAtOnce is how many fault cases of a path run together.
const faultCasesAtOnce = 4

func TestFaultAtEveryStepEndsAsWithoutFaults(t *testing.T) {
	type store struct {
		url func(t *testing.T) string
		// modes are the faults tried: plain 502 (false), and 502 after the
		// write landed (true). On PostgreSQL only the second: it takes the
		// store through every path the first does (the failure recorded,
		// the effect postponed) and through finding what landed, at half
		// the cost of a package that must stay within go test's timeout.
		modes []bool
	}
	stores := map[string]store{"sqlite": {url: func(*testing.T) string { return "" }, modes: []bool{false, true}}}
	if base := os.Getenv("MENTORBOT_TEST_POSTGRES_URL"); base != "" {
		stores["postgres"] = store{url: func(t *testing.T) string { return freshPostgres(t, base) }, modes: []bool{true}}
	}
	for storeName, st := range stores {
		url := st.url
		for _, path := range effectsPaths() {
			t.Run(storeName+"/"+path.name, func(t *testing.T) {
				want, steps := runPath(t, path, url(t), nil)
				if len(steps) == 0 {
					t.Fatal("the path made no GitHub write")
				}
				// The cases wait on HTTP and the queue far more than they
				// compute: a few run at once.
				var wg sync.WaitGroup
				slots := make(chan struct{}, faultCasesAtOnce)
				for _, step := range steps {
					for _, afterWrite := range st.modes {
						f := step
						f.AfterWrite, f.Status, f.Times = afterWrite, 502, 1
						name := fmt.Sprintf("%s %s %s after write %v", f.Method, f.Path, f.Mutation, afterWrite)
						wg.Add(1)
						slots <- struct{}{}
						go func() {
							defer func() { <-slots; wg.Done() }()
							t.Run(name, func(t *testing.T) {
								got, _ := runPath(t, path, url(t), &f)
								if diff := want.diff(got); diff != "" {
									t.Errorf("end state differs from the fault-free run:\n%s", diff)
								}
							})
						}()
					}
				}
				wg.Wait()
			})
		}
	}
}

// runPath runs a path on a fresh world, with the fault armed (if any) for
// the path's first write that matches it, and returns the end state and
// the path's write steps.
func runPath(t *testing.T, path effectsPath, databaseURL string, fault *ghemu.Fault) (outcome, []ghemu.Fault) {
	w := path.world(t, databaseURL)
	p := path.setup(w)
	mark := len(w.emu.Calls())
	if fault != nil {
		w.emu.InjectFault(*fault)
	}
	path.run(w, p)
	steps := writeSteps(w.emu.Calls()[mark:])
	path.converge(w, p)
	w.settle()
	if fault != nil && !faulted(w.emu.Calls()[mark:], *fault) {
		t.Fatalf("the fault was never met")
	}
	due, err := w.db.DueEffects(context.Background(), p.at.Add(24*365*time.Hour), 100)
	if err != nil {
		t.Fatal(err)
	}
	if len(due) > 0 {
		t.Errorf("%d effects still pending, first %s: %s", len(due), due[0].Key, due[0].LastError)
	}
	return w.outcome(p), steps
}

// writeSteps lists the distinct GitHub writes among calls, as faults
// that match them.
func writeSteps(calls []ghemu.Call) []ghemu.Fault {
	var out []ghemu.Fault
	for _, c := range calls {
		f, ok := asStep(c)
		if ok && !slices.Contains(out, f) {
			out = append(out, f)
		}
	}
	return out
}

var mutationField = regexp.MustCompile(`mutation\b[^{]*\{\s*(\w+)`)

func asStep(c ghemu.Call) (ghemu.Fault, bool) {
	switch {
	case c.Kind == "rest" && c.Method != "GET" && strings.HasPrefix(c.Path, "/repos/"):
		return ghemu.Fault{Method: c.Method, Path: c.Path}, true
	case c.Kind == "graphql":
		var in struct{ Query string }
		if json.Unmarshal(c.Body, &in) != nil {
			return ghemu.Fault{}, false
		}
		if m := mutationField.FindStringSubmatch(in.Query); m != nil {
			return ghemu.Fault{Path: "/api/graphql", Mutation: m[1]}, true
		}
	}
	return ghemu.Fault{}, false
}

// faulted tells whether a call met the fault (answered 502).
func faulted(calls []ghemu.Call, f ghemu.Fault) bool {
	for _, c := range calls {
		if s, ok := asStep(c); ok && s.Method == f.Method && s.Path == f.Path && s.Mutation == f.Mutation && c.Status == 502 {
			return true
		}
	}
	return false
}

// outcome is what people see on GitHub, and who mentors whom.
type outcome map[string][]string

var markerRE = regexp.MustCompile(`<!-- mentorbot:[^>]*-->`)

func (w *world) outcome(p *pathRun) outcome {
	out := outcome{}
	for _, n := range p.items {
		k := fmt.Sprintf("#%d ", n)
		for _, b := range w.botComments(n) {
			out[k+"comments"] = append(out[k+"comments"], markerRE.FindAllString(b, -1)...)
		}
		out[k+"assignees"] = w.emu.Assignees(org, repoName, n)
		out[k+"labels"] = w.emu.Labels(org, repoName, n)
		out[k+"reviewers"] = w.emu.RequestedReviewers(org, repoName, n)
		if m, err := w.db.GetMentorship(context.Background(), org+"/"+repoName, n); err == nil {
			out[k+"mentor"] = []string{m.State + " " + m.Mentor}
		}
	}
	for _, d := range discussionsOf(w, p) {
		k := fmt.Sprintf("discussion %q ", d.Title)
		out[k+"markers"] = append(out[k+"markers"], markerRE.FindAllString(d.Body, -1)...)
		for _, c := range w.botDiscussionComments(d.Number) {
			out[k+"comments"] = append(out[k+"comments"], markerRE.FindAllString(c.Body, -1)...)
		}
	}
	for k, v := range out {
		slices.Sort(v)
		if len(v) == 0 {
			delete(out, k)
		}
	}
	return out
}

func discussionsOf(w *world, p *pathRun) []ghemu.Discussion {
	if !p.discussions {
		return nil
	}
	return w.emu.Discussions(org, communityRepo)
}

func (o outcome) diff(got outcome) string {
	var b strings.Builder
	keys := map[string]bool{}
	for k := range o {
		keys[k] = true
	}
	for k := range got {
		keys[k] = true
	}
	for _, k := range slices.Sorted(func(yield func(string) bool) {
		for k := range keys {
			if !yield(k) {
				return
			}
		}
	}) {
		if !slices.Equal(o[k], got[k]) {
			fmt.Fprintf(&b, "%s: got %q, want %q\n", k, got[k], o[k])
		}
	}
	return b.String()
}

// tryScheduleAt runs the scheduled jobs once at now, as `mentorbot
// schedule run --now` does, in one scheduling service per world whose
// clock the test moves, and lets the deliveries settle; a failed job (a
// fault met) is what the next run picks up, not a test failure.
func (w *world) tryScheduleAt(now time.Time) {
	w.t.Helper()
	sc, ok := schedulers.Load(w)
	if !ok {
		clock := &atomic.Pointer[time.Time]{}
		clock.Store(&now)
		a, err := New(context.Background(), w.cfg, zerolog.Nop(), WithClock(func() time.Time { return *clock.Load() }))
		if err != nil {
			w.t.Fatal(err)
		}
		w.t.Cleanup(func() { a.Close(); schedulers.Delete(w) })
		sc, _ = schedulers.LoadOrStore(w, &scheduler{app: a, clock: clock})
	}
	s := sc.(*scheduler)
	s.clock.Store(&now)
	if err := s.app.RunSchedule(context.Background()); err != nil {
		w.t.Logf("scheduled run at %s: %v", now.Format(time.RFC3339), err)
	}
	w.settle()
}

// scheduler is a world's scheduling service and its clock.
type scheduler struct {
	app   *App
	clock *atomic.Pointer[time.Time]
}

var schedulers sync.Map // *world → *scheduler
