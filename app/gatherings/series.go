package gatherings

import (
	"strconv"
	"strings"

	"github.com/mentorbot/mentorbot/app/gatherings/schedule"
	"github.com/mentorbot/mentorbot/app/program"
	"github.com/mentorbot/mentorbot/app/repoconfig"
)

// OfficeHoursKey is the Key of the office_hours series.
const OfficeHoursKey = "office-hours"

// Series is one configured series of gatherings of a program.
type Series struct {
	// Key names the series within its program, stably across restarts:
	// OfficeHoursKey for office_hours, the kind and title for a gathering
	// ("social-acme-contributor-social", or "social" without a title).
	Key    string
	Config repoconfig.OfficeHours
	Target program.Repo // where its Discussions are
	// StoreTarget keys the series' posts and roles in the store: the
	// target's full name for office_hours (as it always was), with "#Key"
	// added for the others.
	StoreTarget string
}

// Series lists the program's series that are on, office_hours first.
func (p Program) Series() []Series {
	var out []Series
	seen := map[string]int{}
	add := func(key string, o repoconfig.OfficeHours) {
		if !o.Enabled() {
			return
		}
		seen[key]++
		if n := seen[key]; n > 1 {
			key += "-" + strconv.Itoa(n)
		}
		t := program.Repo{Owner: p.Repo.Owner, Name: o.Repository}
		st := t.FullName()
		if key != OfficeHoursKey {
			st += "#" + key
		}
		out = append(out, Series{Key: key, Config: o, Target: t, StoreTarget: st})
	}
	add(OfficeHoursKey, p.Config.OfficeHours)
	for _, g := range p.Config.Gatherings {
		add(slug(g.Kind+" "+g.Title), g)
	}
	return out
}

// views are the program once per series, each with that series as its
// OfficeHours: the rest of the service runs a series as it runs office hours.
func (p Program) views() []Program {
	var out []Program
	for _, s := range p.Series() {
		cfg := *p.Config
		cfg.OfficeHours = s.Config
		v := p
		v.Config, v.SeriesKey = &cfg, s.Key
		out = append(out, v)
	}
	return out
}

// Title is the configured title, or the owner and the kind's name
// ("acme office hours").
func (s Series) Title() string {
	if s.Config.Title != "" {
		return s.Config.Title
	}
	return s.Target.Owner + " " + s.Config.Noun()
}

// Plan is the series' schedule.
func (s Series) Plan() schedule.Plan { return s.Config.Plan() }

// slug is s in lower case with runs of anything but letters and digits
// made one hyphen, at most 60 bytes.
func slug(s string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(s) {
		if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' {
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			b.WriteRune(r)
			dash = false
			continue
		}
		dash = true
	}
	out := b.String()
	if len(out) > 60 {
		out = strings.TrimRight(out[:60], "-")
	}
	return out
}

// seriesName is the title of the series p runs.
func seriesName(p Program) string {
	o := p.Config.OfficeHours
	if o.Title != "" {
		return o.Title
	}
	return p.Repo.Owner + " " + o.Noun()
}

// recapTitle keeps office hours' title and names the other series.
func recapTitle(p Program, sn schedule.Session) string {
	o := p.Config.OfficeHours
	if o.Title == "" && o.Kind == schedule.KindOfficeHours {
		return schedule.RecapTitle(sn, p.Repo.Owner)
	}
	return schedule.SeriesTitle(sn, seriesName(p), "recap")
}
