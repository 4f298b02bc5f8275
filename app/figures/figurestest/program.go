// Package figurestest records sample mentoring programs in a store for the
// tests and benchmarks of the figures: a small, lifelike one through the
// store's own API (Program), and a large one by bulk inserts (Bulk).
package figurestest

import (
	"context"
	"fmt"
	"math"
	"math/rand/v2"
	"sort"
	"strings"
	"time"

	"github.com/mentorbot/mentorbot/app/figures"
	"github.com/mentorbot/mentorbot/app/program"
	"github.com/mentorbot/mentorbot/app/store"
)

// Arrival is one first-timer's first pull request or issue and what
// followed, as the seed recorded it.
type Arrival struct {
	Repo     string
	Number   int
	Kind     string
	Login    string
	Opened   time.Time
	Response time.Duration // 0: nobody answered
	Merged   time.Time
	Closed   time.Time
	Returned time.Time // their next contribution; zero if none
	Mentor   string    // "" when they wait for one
	Ended    bool      // the mentorship ended (merged or closed)
}

// Program is what SeedProgram recorded.
type Program struct {
	Now      time.Time
	Owner    string
	Repos    []string
	Mentors  []string
	Away     string
	Arrivals []Arrival
	// Claims held at Now, and the starter tasks still open.
	OpenClaims int
	OpenTasks  int
}

// Sample program shape.
const (
	sampleSeed    = 13 // a seed whose story has a little of everything
	sampleOwner   = "octo-org"
	sampleDays    = 200
	sampleArrival = 0.55 // first-timers per day, on average
)

var (
	sampleRepos   = []string{"octo-org/widgets", "octo-org/gizmos", "octo-org/docs"}
	sampleMentors = []string{"ana", "bo", "cy", "dee", "eli", "fay"}
	taskTitles    = []string{
		"Fix the typo in the install guide", "Add a test for empty config files", "Explain the --port flag in the README",
		"Use errors.Is in the retry loop", "Translate the welcome page to Spanish", "Sort the mentor list alphabetically",
		"Add alt text to the architecture diagram", "Link the code of conduct from CONTRIBUTING",
		"Make the help output fit 80 columns", "Add an example for area labels",
	}
)

// SeedProgram records about two hundred days of a lifelike program ending
// at now, in db, through the store's own API and clock: first-timers
// arriving with pull requests and issues, answers after minutes to days,
// merges, returns, mentors in rotation (one away), claims on starter tasks
// and office hours every two weeks. The same now gives the same program.
func SeedProgram(ctx context.Context, db *store.DB, now time.Time) (Program, error) {
	now = now.UTC().Truncate(time.Minute)
	rng := rand.New(rand.NewPCG(sampleSeed, 1))
	p := Program{Now: now, Owner: sampleOwner, Repos: sampleRepos, Mentors: sampleMentors, Away: "fay"}
	var clock time.Time
	db.SetClock(func() time.Time { return clock })
	defer db.SetClock(time.Now)
	at := func(t time.Time) { clock = t }

	start := now.Add(-sampleDays * figures.Day)
	number := map[string]int{}
	next := func(repo string) int { number[repo]++; return number[repo] + 100 }
	rotation := 0
	for t := start; t.Before(now.Add(-2 * time.Hour)); t = t.Add(time.Duration(rng.ExpFloat64() / sampleArrival * float64(figures.Day))) {
		a := Arrival{Repo: sampleRepos[weighted(rng, 5, 3, 2)], Kind: program.KindPullRequest, Login: fmt.Sprintf("newcomer-%03d", len(p.Arrivals)+1), Opened: t.Truncate(time.Minute)}
		if rng.IntN(3) == 0 {
			a.Kind = program.KindIssue
		}
		a.Number = next(a.Repo)
		if rng.IntN(10) > 0 {
			// Log-normal answers: median about five hours, a long tail of days.
			a.Response = time.Duration(math.Exp(rng.NormFloat64()*1.3+math.Log(5)) * float64(time.Hour)).Truncate(time.Minute)
		}
		if a.Response > 0 && a.Opened.Add(a.Response).After(now) {
			a.Response = 0
		}
		done := a.Opened.Add(time.Duration((0.5 + rng.Float64()*6) * float64(figures.Day))).Truncate(time.Minute)
		switch r := rng.IntN(10); {
		case done.After(now):
		case r < 7 && a.Kind == program.KindPullRequest:
			a.Merged, a.Closed = done, done
		case r < 9:
			a.Closed = done
		}
		if rng.IntN(100) < 42 {
			// Most who come back do so within weeks.
			a.Returned = a.Opened.Add(time.Duration((1 + rng.ExpFloat64()*30) * float64(figures.Day))).Truncate(time.Minute)
			if !a.Returned.Before(now) {
				a.Returned = time.Time{}
			}
		}
		if now.Sub(a.Opened) > 3*figures.Day || rng.IntN(3) > 0 {
			m := sampleMentors[rotation%len(sampleMentors)]
			rotation++
			if m == p.Away && a.Opened.After(now.Add(-40*figures.Day)) {
				m = sampleMentors[rotation%len(sampleMentors)]
				rotation++
			}
			a.Mentor = m
		}
		p.Arrivals = append(p.Arrivals, a)
	}
	for i := range p.Arrivals {
		if err := recordArrival(ctx, db, at, &p.Arrivals[i]); err != nil {
			return p, err
		}
	}
	at(now.Add(-40 * figures.Day))
	if err := db.SetMentorAway(ctx, sampleOwner, p.Away, true, time.Time{}); err != nil {
		return p, err
	}
	if err := seedTasks(ctx, db, at, rng, &p); err != nil {
		return p, err
	}
	if err := seedHours(ctx, db, at, rng, now); err != nil {
		return p, err
	}
	return p, nil
}

func weighted(rng *rand.Rand, weights ...int) int {
	total := 0
	for _, w := range weights {
		total += w
	}
	r := rng.IntN(total)
	for i, w := range weights {
		if r < w {
			return i
		}
		r -= w
	}
	return len(weights) - 1
}

// recordArrival plays one first-timer's story, each step at its time.
func recordArrival(ctx context.Context, db *store.DB, at func(time.Time), a *Arrival) error {
	at(a.Opened)
	c := store.Contribution{Repo: a.Repo, Number: a.Number, Owner: sampleOwner, Kind: a.Kind, Login: a.Login, FirstTimer: true, OpenedAt: a.Opened}
	if _, _, err := db.RecordContribution(ctx, c); err != nil {
		return err
	}
	mentor := a.Mentor
	if _, _, err := db.Assign(ctx, store.Mentorship{Repo: a.Repo, Number: a.Number, Owner: sampleOwner, InstallationID: 1, Kind: a.Kind, Mentee: a.Login},
		func(map[string]store.MentorLoad, string) string { return mentor }); err != nil {
		return err
	}
	if a.Response > 0 {
		responder := a.Mentor
		if responder == "" {
			responder = "maintainer"
		}
		if _, err := db.RecordFirstResponse(ctx, a.Repo, a.Number, responder, a.Opened.Add(a.Response)); err != nil {
			return err
		}
	}
	if !a.Closed.IsZero() {
		at(a.Closed)
		if err := db.CloseContribution(ctx, a.Repo, a.Number, !a.Merged.IsZero(), a.Closed); err != nil {
			return err
		}
		_, ended, err := db.EndMentorship(ctx, a.Repo, a.Number, "closed")
		if err != nil {
			return err
		}
		a.Ended = ended
	}
	if !a.Returned.IsZero() {
		at(a.Returned)
		c := store.Contribution{Repo: a.Repo, Number: a.Number + 5000, Owner: sampleOwner, Kind: program.KindPullRequest, Login: a.Login, OpenedAt: a.Returned}
		if _, _, err := db.RecordContribution(ctx, c); err != nil {
			return err
		}
	}
	return nil
}

func seedTasks(ctx context.Context, db *store.DB, at func(time.Time), rng *rand.Rand, p *Program) error {
	none := func(store.ClaimResult) []store.ClaimEffect { return nil }
	for i, title := range taskTitles {
		repo := sampleRepos[i%len(sampleRepos)]
		opened := p.Now.Add(-time.Duration(60-i*5) * figures.Day)
		at(opened)
		t := store.StarterTask{Repo: repo, Number: 900 + i, Owner: sampleOwner, InstallationID: 1, Title: title,
			URL: fmt.Sprintf("https://github.example/%s/issues/%d", repo, 900+i), Labels: []string{"good first issue"}}
		if _, _, err := db.OpenStarterTask(ctx, t); err != nil {
			return err
		}
		if i%3 == 2 {
			p.OpenTasks++
			continue // nobody claimed it
		}
		claimer := p.Arrivals[len(p.Arrivals)-1-i].Login
		at(opened.Add(time.Duration(1+rng.IntN(48)) * time.Hour))
		res, err := db.Claim(ctx, store.ClaimRequest{Key: fmt.Sprintf("seed-claim-%d", i), Task: t, Login: claimer, Max: 2}, none)
		if err != nil {
			return err
		}
		switch {
		case i%3 == 0 && i < 9:
			at(res.Claim.ClaimedAt.Add(time.Duration(2+i) * figures.Day))
			if _, err := db.CompleteStarterTask(ctx, store.CompleteRequest{Repo: repo, Number: t.Number, Login: claimer, PR: 2000 + i},
				func(store.CompleteResult) []store.ClaimEffect { return nil }); err != nil {
				return err
			}
			if i == 0 || i == 6 {
				next := res.Claim.ClaimedAt.Add(time.Duration(4+i) * figures.Day)
				at(next)
				if _, err := db.RecordPathStep(ctx, store.PathStep{Owner: sampleOwner, Login: claimer, Step: store.StepNextStep, Repo: repo, Number: 950 + i, At: next}); err != nil {
					return err
				}
			}
		case i == 1:
			at(res.Claim.ClaimedAt.Add(14 * figures.Day))
			if _, err := db.EndClaim(ctx, res.Claim, store.ClaimExpired, "no activity"); err != nil {
				return err
			}
			p.OpenTasks++
		default:
			p.OpenClaims++
			p.OpenTasks++
		}
	}
	return nil
}

func seedHours(ctx context.Context, db *store.DB, at func(time.Time), rng *rand.Rand, now time.Time) error {
	// Every two weeks at 17:00 UTC, the next one two days from now (and so
	// announced already), the past ones recapped.
	next := now.Truncate(figures.Day).Add(2*figures.Day + 17*time.Hour)
	var sessions []time.Time
	for s := next; s.After(now.Add(-120 * figures.Day)); s = s.Add(-14 * figures.Day) {
		sessions = append(sessions, s)
	}
	sort.Slice(sessions, func(i, j int) bool { return sessions[i].Before(sessions[j]) })
	for i, s := range sessions {
		key := s.Format("2006-01-02T15:04")
		announce := s.Add(-3 * figures.Day)
		if announce.After(now) {
			break
		}
		at(announce)
		post := store.HoursPost{Target: "octo-org/community", SessionKey: key, Kind: store.HoursAnnouncement, Owner: sampleOwner,
			ConfigRepo: "octo-org/.github", InstallationID: 1, Start: s, End: s.Add(time.Hour),
			URL: fmt.Sprintf("https://github.example/octo-org/community/discussions/%d", 10+2*i), Number: 10 + 2*i}
		if err := savePost(ctx, db, post); err != nil {
			return err
		}
		if s.Add(2 * time.Hour).After(now) {
			continue
		}
		at(s.Add(2 * time.Hour))
		post.Kind, post.Number = store.HoursRecap, 11+2*i
		post.URL = fmt.Sprintf("https://github.example/octo-org/community/discussions/%d", post.Number)
		post.Attending, post.Maybe = 3+rng.IntN(8), rng.IntN(4)
		if err := savePost(ctx, db, post); err != nil {
			return err
		}
		if err := db.SaveHoursPulse(ctx, post.Target, key, 2+rng.IntN(6), rng.IntN(2)); err != nil {
			return err
		}
	}
	return nil
}

func savePost(ctx context.Context, db *store.DB, p store.HoursPost) error {
	_, ok, err := db.ClaimHoursPost(ctx, p, time.Hour)
	if err != nil {
		return err
	}
	if !ok {
		return fmt.Errorf("office-hours %s %s is taken already", p.Kind, p.SessionKey)
	}
	return db.SaveHoursPost(ctx, p)
}

// SampleResponses are first responses whose median the recap and the
// report must both print as SampleMedian.
var SampleResponses = []time.Duration{time.Hour, 3*time.Hour + 20*time.Minute, 9 * time.Hour}

// SampleMedian is the median of SampleResponses as every figure prints it.
const SampleMedian = "3 h 20 min"

// SeedResponses records one first-timer pull request in repo ("owner/name")
// opened at opened for each response, answered that long after. It may run
// beside a service using db.
func SeedResponses(ctx context.Context, db *store.DB, repo string, opened time.Time, responses []time.Duration) error {
	owner, _, _ := strings.Cut(repo, "/")
	// The records carry their own times: the store's clock is left alone,
	// as a running service may read it.
	for i, r := range responses {
		c := store.Contribution{Repo: repo, Number: 7001 + i, Owner: owner, Kind: program.KindPullRequest,
			Login: fmt.Sprintf("sample-%d", i+1), FirstTimer: true, OpenedAt: opened}
		if _, _, err := db.RecordContribution(ctx, c); err != nil {
			return err
		}
		if _, err := db.RecordFirstResponse(ctx, repo, c.Number, "maintainer", opened.Add(r)); err != nil {
			return err
		}
	}
	return nil
}
