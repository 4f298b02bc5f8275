package gatherings

import (
	"context"
	"strings"
	"time"

	"github.com/rs/zerolog"

	"github.com/mentorbot/mentorbot/app/gatherings/schedule"
	"github.com/mentorbot/mentorbot/app/store"
	"github.com/mentorbot/mentorbot/app/textsafe"
)

// roleHistory is how far back rotation looks.
const roleHistoryYears = 2

// announce writes the announcement of a session once.
func (s *Service) announce(ctx context.Context, gh GitHub, p Program, plan schedule.Plan, st site, a schedule.Action) error {
	claimed, ok, err := s.claim(ctx, p, store.HoursAnnouncement, a.Session)
	if err != nil || !ok {
		return err
	}
	ann, roles, err := s.announcement(ctx, gh, p, plan, a.Session)
	if err != nil {
		return s.release(ctx, claimed, err)
	}
	target := p.StoreTarget()
	mark := marker(store.HoursAnnouncement, target, a.Session.Key)
	ann.Marker = mark
	title := schedule.AnnouncementTitle(a.Session, p.Repo.Owner)
	if p.Config.OfficeHours.Title != "" || p.Config.OfficeHours.Kind != schedule.KindOfficeHours {
		title = schedule.SeriesTitle(a.Session, seriesName(p), "")
	}
	post, err := s.write(ctx, gh, st, claimed, placement{category: &st.announcements}, title, schedule.AnnouncementBody(ann), mark)
	if err != nil {
		return err
	}
	if err := s.Store.SaveHoursRoles(ctx, target, roles); err != nil {
		return err
	}
	zerolog.Ctx(ctx).Info().Str("session", a.Session.Key).Str("url", post.URL).Dur("late", s.now().Sub(a.DueAt).Round(time.Second)).
		Msg("Announced office hours")
	return nil
}

// announcement gathers what the announcement shows: local times, roles,
// newcomers and starter tasks. User-written text comes back neutralised.
func (s *Service) announcement(ctx context.Context, gh GitHub, p Program, plan schedule.Plan, sn schedule.Session) (schedule.Announcement, []store.HoursRole, error) {
	o := p.Config.OfficeHours
	ann := schedule.Announcement{
		Kind:          o.Kind,
		Session:       sn,
		JoinURL:       o.JoinURL,
		ChatURL:       o.ChatURL,
		ConverterURL:  schedule.ConverterURL(sn.Start, seriesName(p)),
		Agenda:        inlineAll(o.Agenda),
		GroundRules:   inlineAll(o.GroundRules),
		Accessibility: textsafe.Inline(o.Accessibility, 500),
		Mention:       textsafe.Mention,
	}
	zones := make([]schedule.Zone, 0, len(p.Config.Mentors))
	for _, m := range p.Config.Mentors {
		zones = append(zones, schedule.Zone{Login: m.Login, Location: m.Zone()})
	}
	ann.Times = schedule.LocalTimes(sn, zones)
	if s.CalendarURL != nil && p.Public {
		ann.CalendarURL = s.CalendarURL(p.Repo.Owner)
	}

	roles, records, err := s.roles(ctx, p, sn)
	if err != nil {
		return ann, nil, err
	}
	ann.Roles = roles
	newcomers, err := s.Store.Newcomers(ctx, p.Repo.Owner, periodStart(plan, sn), s.now())
	if err != nil {
		return ann, nil, err
	}
	for _, n := range newcomers {
		if len(ann.Newcomers) == maxNewcomers {
			break
		}
		ann.Newcomers = append(ann.Newcomers, n.Login)
	}
	list := s.StarterTasks
	if list == nil {
		list = OpenIssueTasks
	}
	tasks, err := list(ctx, gh, p, maxStarterTasks)
	if err != nil {
		return ann, nil, err
	}
	for _, t := range tasks {
		ann.StarterTasks = append(ann.StarterTasks, schedule.Task{Title: textsafe.Inline(t.Title, 100), URL: t.URL})
	}
	return ann, records, nil
}

// roles rotates the facilitator roles among the mentors who are not away
// at the session and awake during it, from the stored history.
func (s *Service) roles(ctx context.Context, p Program, sn schedule.Session) ([]schedule.RoleAssignment, []store.HoursRole, error) {
	names := inlineAll(p.Config.OfficeHours.Roles)
	if len(names) == 0 {
		return nil, nil, nil
	}
	loads, err := s.Store.MentorLoads(ctx, p.Repo.Owner)
	if err != nil {
		return nil, nil, err
	}
	mentors := make([]schedule.RoleCandidate, 0, len(p.Config.Mentors))
	for i, m := range p.Config.Mentors {
		l := loads[strings.ToLower(m.Login)]
		away := m.AwayOn(sn.Start) || (l.Away && (l.AwayUntil.IsZero() || sn.Start.Before(l.AwayUntil)))
		mentors = append(mentors, schedule.RoleCandidate{Login: m.Login, Away: away, Order: i, Location: m.Zone()})
	}
	stored, err := s.Store.HoursRoles(ctx, p.StoreTarget(), sn.Start.AddDate(-roleHistoryYears, 0, 0))
	if err != nil {
		return nil, nil, err
	}
	history := make([]schedule.RoleRecord, 0, len(stored))
	for _, r := range stored {
		history = append(history, schedule.RoleRecord{SessionKey: r.SessionKey, Role: r.Role, Login: r.Login, Start: r.Start})
	}
	assigned := schedule.AssignRolesWithin(names, mentors, history, sn, p.Config.OfficeHours.Waking())
	records := make([]store.HoursRole, 0, len(assigned))
	for _, r := range assigned {
		records = append(records, store.HoursRole{SessionKey: sn.Key, Role: r.Role, Login: r.Login, Start: sn.Start})
	}
	return assigned, records, nil
}

// inlineAll neutralises configured texts, one line each.
func inlineAll(items []string) []string {
	out := make([]string, 0, len(items))
	for _, it := range items {
		if t := textsafe.Inline(it, 300); t != "" {
			out = append(out, t)
		}
	}
	return out
}
