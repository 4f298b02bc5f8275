package figurestest

import (
	"context"
	"database/sql"
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"time"

	"github.com/mentorbot/mentorbot/app/figures"
	"github.com/mentorbot/mentorbot/app/program"
	"github.com/mentorbot/mentorbot/app/store"
)

// Size is the shape of a large store for benchmarks.
type Size struct {
	Contributors int // people who opened a pull request or issue
	Events       int // recorded events: contributions opened, first responses, merges and closes, assignments, claims and their ends, path steps, office-hours posts
	Owners       int
	Repos        int // per owner
	Mentors      int // per owner
	Days         int // history, ending at Now
	Now          time.Time
}

// Large is the benchmark store of the metrics issue: 100,000
// contributors and 1,000,000 recorded events over two years.
var Large = Size{Contributors: 100_000, Events: 1_000_000, Owners: 5, Repos: 10, Mentors: 8, Days: 730,
	Now: time.Date(2026, 6, 15, 12, 0, 0, 0, time.UTC)}

// Counts is what Bulk wrote.
type Counts struct {
	Contributors, Contributions, FirstTimers, Events int
	Assignments, Claims, Steps, Posts                int
}

// bulkVersion changes whenever Bulk writes something else, so a cached
// file from an older version is not reused.
const bulkVersion = 1

// CachedBulk returns a SQLite URL of a store of the given size, seeding
// it into the system's temporary folder the first time (a few minutes
// for Large) and reusing it afterwards.
func CachedBulk(ctx context.Context, size Size, logf func(string, ...any)) (string, error) {
	dir := filepath.Join(os.TempDir(), "mentorbot-bench")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return "", err
	}
	name := fmt.Sprintf("v%d-%dc-%de-%d", bulkVersion, size.Contributors, size.Events, size.Now.Unix())
	path := filepath.Join(dir, name+".db")
	done := path + ".done"
	if _, err := os.Stat(done); err == nil {
		return "sqlite://" + path, nil
	}
	for _, f := range []string{path, path + "-wal", path + "-shm"} {
		os.Remove(f)
	}
	start := time.Now()
	c, err := Bulk(ctx, path, size)
	if err != nil {
		return "", err
	}
	logf("seeded %s in %s: %+v", path, time.Since(start).Round(time.Second), c)
	return "sqlite://" + path, os.WriteFile(done, []byte(fmt.Sprintf("%+v\n", c)), 0o644)
}

// Bulk writes a program of the given size into a new SQLite store at
// path, by multi-row inserts in one transaction per chunk (the
// contributions go through the store's triggers like any others).
func Bulk(ctx context.Context, path string, size Size) (Counts, error) {
	db, err := store.Open(ctx, "sqlite://"+path) // the schema
	if err != nil {
		return Counts{}, err
	}
	db.Close()
	raw, err := sql.Open("sqlite", "file:"+path+"?_pragma=journal_mode(WAL)&_pragma=synchronous(OFF)&_pragma=foreign_keys(0)")
	if err != nil {
		return Counts{}, err
	}
	defer raw.Close()
	raw.SetMaxOpenConns(1)
	b := &bulk{size: size, rng: rand.New(rand.NewPCG(7, 7)), w: newWriter(ctx, raw)}
	b.plan()
	if err := b.write(); err != nil {
		return b.counts, err
	}
	if _, err := raw.ExecContext(ctx, "ANALYZE"); err != nil {
		return b.counts, fmt.Errorf("analyze: %w", err)
	}
	return b.counts, nil
}

type bulk struct {
	size   Size
	rng    *rand.Rand
	w      *writer
	counts Counts
	start  time.Time
}

func (b *bulk) owner(i int) string { return fmt.Sprintf("org-%02d", i) }
func (b *bulk) repo(o, r int) string {
	return fmt.Sprintf("%s/repo-%02d", b.owner(o), r)
}
func (b *bulk) mentor(i int) string { return fmt.Sprintf("mentor-%02d", i) }

func (b *bulk) ms(t time.Time) int64 { return t.UnixMilli() }

// plan fixes the time span.
func (b *bulk) plan() { b.start = b.size.Now.Add(-time.Duration(b.size.Days) * figures.Day) }

func (b *bulk) at(dayFraction float64) time.Time {
	return b.start.Add(time.Duration(dayFraction * float64(figures.Day))).Truncate(time.Second)
}

func (b *bulk) write() error {
	s := b.size
	// Office hours and claims first: their events are a known share of the
	// total, the contributions fill the rest. The writer keeps the first
	// error and flush returns it.
	b.writeHours()
	b.writeClaims()
	b.writeMentors()
	numbers := make([]int, s.Owners*s.Repos)
	contributions := make([]int, s.Contributors)
	firstAt := make([]time.Time, s.Contributors)
	// Everyone's first contribution, then returns.
	for i := range s.Contributors {
		firstAt[i] = b.at(b.rng.Float64() * float64(s.Days))
	}
	for i := range s.Contributors {
		b.contribution(i, firstAt[i], true, numbers, contributions)
	}
	// Returning contributors until the events are all there.
	for b.counts.Events < s.Events {
		i := b.rng.IntN(s.Contributors)
		later := firstAt[i].Add(time.Duration((1 + b.rng.ExpFloat64()*60) * float64(figures.Day))).Truncate(time.Second)
		if !later.Before(s.Now) {
			continue
		}
		b.contribution(i, later, false, numbers, contributions)
	}
	for i, n := range contributions {
		b.w.row("contributors", "owner, login, kind, contributions, looked_up, first_seen_at",
			b.owner(i%s.Owners), fmt.Sprintf("user-%06d", i), "pull_request", n, 0, b.ms(firstAt[i]))
	}
	b.counts.Contributors = s.Contributors
	return b.w.flush()
}

// contribution records one pull request or issue of contributor i and
// what followed it, stopping at the event budget.
func (b *bulk) contribution(i int, opened time.Time, first bool, numbers, contributions []int) {
	s, rng := b.size, b.rng
	o := i % s.Owners
	r := int(math.Min(float64(s.Repos-1), rng.ExpFloat64()*float64(s.Repos)/3)) // a few busy repositories
	ri := o*s.Repos + r
	numbers[ri]++
	repo, number, login := b.repo(o, r), numbers[ri], fmt.Sprintf("user-%06d", i)
	kind := program.KindPullRequest
	if rng.IntN(10) < 3 {
		kind = program.KindIssue
	}
	firstTimer := first && rng.IntN(10) < 6
	budget := s.Events - b.counts.Events
	var responded, merged, closed time.Time
	responder := ""
	mentor := b.mentor(rng.IntN(s.Mentors))
	if budget > 1 && rng.IntN(100) < 85 {
		responded = opened.Add(time.Duration(math.Exp(rng.NormFloat64()*1.4+math.Log(5)) * float64(time.Hour))).Truncate(time.Second)
		responder = mentor
		if !responded.Before(s.Now) {
			responded = time.Time{}
		}
	}
	done := opened.Add(time.Duration((0.3 + rng.ExpFloat64()*4) * float64(figures.Day))).Truncate(time.Second)
	if budget > 2 && done.Before(s.Now) {
		switch p := rng.IntN(100); {
		case kind == program.KindPullRequest && p < 65:
			merged, closed = done, done
		case p < 80:
			closed = done
		}
	}
	b.w.row("contributions", "repo, number, owner, kind, login, first_timer, opened_at, first_response_at, first_responder, merged_at, closed_at",
		repo, number, b.owner(o), kind, login, boolInt(firstTimer), b.ms(opened), msOr0(responded), responder, msOr0(merged), msOr0(closed))
	contributions[i]++
	b.counts.Contributions++
	b.counts.Events += 1 + nonZero(responded) + nonZero(closed)
	if !firstTimer {
		return
	}
	b.counts.FirstTimers++
	state, assignedAt, reason := store.MentorshipActive, opened.Add(time.Minute), ""
	switch {
	case !closed.IsZero():
		state, reason = store.MentorshipEnded, "closed"
	case rng.IntN(100) < 3:
		state, mentor = store.MentorshipWaiting, ""
	}
	b.w.row("mentorships", "repo, number, owner, installation_id, kind, mentee, mentor, previous_mentor, state, areas, created_at, assigned_at, first_response_at, nudged_at, ended_at, end_reason",
		repo, number, b.owner(o), o+1, kind, login, mentor, "", state, "", b.ms(opened), msIf(mentor != "", assignedAt), msOr0(responded), 0, msOr0(closed), reason)
	if mentor != "" && b.counts.Events < s.Events {
		b.w.row("assignments", "owner, repo, number, mentee, mentor, reason, assigned_at", b.owner(o), repo, number, login, mentor, "new", b.ms(assignedAt))
		b.counts.Assignments++
		b.counts.Events++
	}
}

func (b *bulk) writeMentors() {
	for o := range b.size.Owners {
		for m := range b.size.Mentors {
			away := boolInt(m == b.size.Mentors-1)
			b.w.row("mentors", "owner, login, away, away_until, last_assigned_at", b.owner(o), b.mentor(m), away, 0, b.ms(b.size.Now.Add(-time.Hour)))
		}
	}
}

// writeClaims: starter tasks with a chain of claims each, about a tenth
// of the events.
func (b *bulk) writeClaims() {
	s, rng := b.size, b.rng
	budget := s.Events / 10
	task := 0
	for b.counts.Events < budget {
		o := task % s.Owners
		r := (task / s.Owners) % s.Repos
		repo, number := b.repo(o, r), 100_000+task
		opened := b.at(rng.Float64() * float64(s.Days-30))
		b.w.row("starter_tasks", "repo, number, owner, installation_id, title, url, labels, state, opened_at, ended_at",
			repo, number, b.owner(o), o+1, fmt.Sprintf("Starter task %d", task), fmt.Sprintf("https://github.example/%s/issues/%d", repo, number),
			"good first issue", "open", b.ms(opened), 0)
		at := opened
		for c := 0; c < 4 && b.counts.Events < budget; c++ {
			at = at.Add(time.Duration((1 + rng.ExpFloat64()*10) * float64(figures.Day))).Truncate(time.Second)
			if !at.Before(s.Now) {
				break
			}
			login := fmt.Sprintf("user-%06d", rng.IntN(s.Contributors))
			end := at.Add(time.Duration((1 + rng.Float64()*14) * float64(figures.Day))).Truncate(time.Second)
			state := []string{store.ClaimCompleted, store.ClaimExpired, store.ClaimReleased}[rng.IntN(3)]
			if !end.Before(s.Now) {
				state, end = store.ClaimActive, time.Time{}
			}
			b.w.row("claims", "repo, number, owner, installation_id, login, state, source, claimed_at, activity_at, ended_at",
				repo, number, b.owner(o), o+1, login, state, fmt.Sprintf("bulk-%d-%d", task, c), b.ms(at), b.ms(at), msOr0(end))
			b.counts.Claims++
			b.counts.Events += 1 + nonZero(end)
			if state == store.ClaimCompleted {
				b.w.row("contributor_path", "owner, login, step, repo, number, at", b.owner(o), login, store.StepStarterTask, repo, number, b.ms(end))
				b.counts.Steps++
				b.counts.Events++
				if rng.IntN(10) < 4 {
					b.w.row("contributor_path", "owner, login, step, repo, number, at", b.owner(o), login, store.StepNextStep, repo, number+500_000, b.ms(end.Add(5*figures.Day)))
					b.counts.Steps++
					b.counts.Events++
				}
			}
			if state == store.ClaimActive {
				break
			}
			at = end
		}
		task++
	}
}

// writeHours: every owner holds office hours every two weeks.
func (b *bulk) writeHours() {
	s, rng := b.size, b.rng
	for o := range s.Owners {
		target := b.owner(o) + "/community"
		for start := s.Now.Add(2 * figures.Day).Truncate(time.Hour); start.After(b.start); start = start.Add(-14 * figures.Day) {
			key := start.Format(time.RFC3339)
			posts := []struct {
				kind   string
				posted time.Time
			}{{store.HoursAnnouncement, start.Add(-3 * figures.Day)}, {store.HoursRecap, start.Add(2 * time.Hour)}}
			for _, p := range posts {
				if !p.posted.Before(s.Now) {
					continue
				}
				b.w.row("hours_posts", "target, session_key, kind, owner, config_repo, installation_id, starts_at, ends_at, state, claimed_at, number, url, posted_at, attending, maybe, pulse_up, pulse_down",
					target, key, p.kind, b.owner(o), b.owner(o)+"/.github", o+1, b.ms(start), b.ms(start.Add(time.Hour)), "posted", b.ms(p.posted),
					0, "https://github.example/"+target+"/discussions", b.ms(p.posted), rng.IntN(12), rng.IntN(4), rng.IntN(8), rng.IntN(2))
				b.counts.Posts++
				b.counts.Events++
			}
		}
	}
}

func boolInt(v bool) int {
	if v {
		return 1
	}
	return 0
}

func nonZero(t time.Time) int { return boolInt(!t.IsZero()) }

func msOr0(t time.Time) int64 {
	if t.IsZero() {
		return 0
	}
	return t.UnixMilli()
}

func msIf(ok bool, t time.Time) int64 {
	if !ok {
		return 0
	}
	return t.UnixMilli()
}
