package gatherings

import (
	"context"
	"time"

	"github.com/mentorbot/mentorbot/app/gatherings/schedule"
	"github.com/mentorbot/mentorbot/app/program"
	"github.com/mentorbot/mentorbot/app/repoconfig"
)

// Limits of what an announcement lists.
const (
	maxNewcomers    = 20
	maxStarterTasks = 5
)

// Service runs office hours over the store.
type Service struct {
	Store  Store
	Source Source
	// StarterTasks lists the open, unclaimed starter tasks an announcement
	// shows; nil means OpenIssueTasks.
	StarterTasks StarterTasks
	// CalendarURL is the address of an owner's calendar feed; nil (no
	// public address configured) leaves the link out. Only public
	// programs' announcements link it: the feed shows no other.
	CalendarURL func(owner string) string
	Now         func() time.Time
}

// Program is one repository's configuration that turns office hours on.
type Program struct {
	InstallationID int64
	Repo           program.Repo // where the configuration applies
	Config         *repoconfig.Config
	// Public is true when the app saw both the configuration's repository
	// and the office-hours repository as public; only such programs appear
	// in the public calendar.
	Public bool
	// SeriesKey is the series this program value runs (see Series and
	// views); "" is office_hours.
	SeriesKey string
}

// Target is the repository whose Discussions hold the office hours, or,
// with office hours off, those of the program's first series, or, with no
// series, the living FAQ's.
func (p Program) Target() program.Repo {
	name := p.Config.OfficeHours.Repository
	if series := p.Config.Series(); name == "" && len(series) > 0 {
		name = series[0].Repository
	}
	if name == "" {
		name = p.Config.FAQ.Repository
	}
	return program.Repo{Owner: p.Repo.Owner, Name: name}
}

// StoreTarget keys the program's series in the store and in post markers:
// the target's full name for office_hours, with "#" and the series key for
// the others, so two series in one repository never share a post.
func (p Program) StoreTarget() string {
	t := p.Target().FullName()
	if p.SeriesKey != "" && p.SeriesKey != OfficeHoursKey {
		t += "#" + p.SeriesKey
	}
	return t
}

// Source finds the programs and the GitHub clients.
type Source interface {
	// Programs lists, across installations, every repository whose
	// configuration turns office hours on. It returns what it found
	// together with an error for the installations it could not read.
	Programs(ctx context.Context) ([]Program, error)
	// GitHub returns the client of an installation.
	GitHub(ctx context.Context, installationID int64) (GitHub, error)
}

// StarterTasks lists at most limit open, unclaimed starter tasks of a
// program. Titles come back as written (the announcement neutralises them).
type StarterTasks func(ctx context.Context, gh GitHub, p Program, limit int) ([]schedule.Task, error)

// OpenIssueTasks lists the open issues of the program's repository that
// carry one of its good_first_issues labels and have nobody assigned.
func OpenIssueTasks(ctx context.Context, gh GitHub, p Program, limit int) ([]schedule.Task, error) {
	labels := p.Config.GoodFirstIssues.Labels
	if len(labels) == 0 {
		return nil, nil
	}
	issues, err := gh.OpenIssues(ctx, p.Repo, labels, limit)
	if err != nil {
		return nil, err
	}
	out := make([]schedule.Task, 0, len(issues))
	for _, is := range issues {
		out = append(out, schedule.Task{Title: is.Title, URL: is.URL})
	}
	return out, nil
}

func (s *Service) now() time.Time {
	if s.Now != nil {
		return s.Now().UTC()
	}
	return time.Now().UTC()
}

// planOf is the configured schedule.
func planOf(cfg *repoconfig.Config) schedule.Plan { return cfg.OfficeHours.Plan() }

// previous is the session before s in the plan; ok is false for the
// plan's first session.
func previous(plan schedule.Plan, s schedule.Session) (schedule.Session, bool) {
	var prev schedule.Session
	found := false
	// Sessions are at most about a month apart: two months back holds the
	// previous one.
	for _, c := range plan.Sessions(s.Start.AddDate(0, -2, 0), 12) {
		if !c.Start.Before(s.Start) {
			break
		}
		prev, found = c, true
	}
	return prev, found
}

// periodStart is where the period that ends with s begins: the end of the
// previous session, or a cadence before s for the first one.
func periodStart(plan schedule.Plan, s schedule.Session) time.Time {
	if prev, ok := previous(plan, s); ok {
		return prev.End
	}
	return s.Start.AddDate(0, 0, -14)
}
