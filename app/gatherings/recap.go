package gatherings

import (
	"context"
	"errors"
	"strings"

	"github.com/rs/zerolog"

	"github.com/mentorbot/mentorbot/app/commands"
	"github.com/mentorbot/mentorbot/app/figures"
	"github.com/mentorbot/mentorbot/app/gatherings/schedule"
	"github.com/mentorbot/mentorbot/app/store"
	"github.com/mentorbot/mentorbot/app/textsafe"
)

// recap writes the recap of a session once: a discussion in the recap
// category, or a comment on the announcement when no recap category is
// set (a discussion in the announcement category when the session was
// never announced).
func (s *Service) recap(ctx context.Context, gh GitHub, p Program, plan schedule.Plan, st site, sn schedule.Session) error {
	if st.recapProblem != nil {
		return st.recapProblem
	}
	claimed, ok, err := s.claim(ctx, p, store.HoursRecap, sn)
	if err != nil || !ok {
		return err
	}
	target := p.StoreTarget()
	ann, err := s.Store.GetHoursPost(ctx, target, sn.Key, store.HoursAnnouncement)
	announced := err == nil && ann.State == store.HoursPosted
	if err != nil && !errors.Is(err, store.ErrNotFound) {
		return s.release(ctx, claimed, err)
	}
	var annPost *store.HoursPost
	if announced {
		annPost = &ann
	}
	r, err := s.recapOf(ctx, gh, p, plan, sn, annPost)
	if err != nil {
		return s.release(ctx, claimed, err)
	}
	mark := marker(store.HoursRecap, target, sn.Key)
	r.Marker = mark
	at := placement{category: st.recaps}
	switch {
	case st.recaps != nil:
	case announced:
		at = placement{discussion: annPost}
	default:
		at = placement{category: &st.announcements}
	}
	claimed.Attending, claimed.Maybe, claimed.Commenters = r.Attendance.Attending, r.Attendance.Maybe, r.Attendance.Commenters
	post, err := s.write(ctx, gh, st, claimed, at, recapTitle(p, sn), schedule.RecapBody(r), mark)
	if err != nil {
		return err
	}
	zerolog.Ctx(ctx).Info().Str("session", sn.Key).Str("url", post.URL).Bool("announced", announced).Msg("Wrote the office-hours recap")
	return nil
}

// recapOf gathers what the recap shows.
func (s *Service) recapOf(ctx context.Context, gh GitHub, p Program, plan schedule.Plan, sn schedule.Session, ann *store.HoursPost) (schedule.Recap, error) {
	owner, target := p.Repo.Owner, p.StoreTarget()
	r := schedule.Recap{Session: sn, Mention: textsafe.Mention}
	var activity Activity
	if ann != nil {
		r.AnnouncementURL = ann.URL
		var err error
		if activity, err = gh.DiscussionActivity(ctx, ann.DiscussionID); err != nil {
			return r, err
		}
	}
	r.Attendance = attendance(activity)
	notes, err := s.Store.TakeRecapNotes(ctx, store.RecapPeriod{
		Owner: owner, Target: target, Report: target + "@" + sn.Key, Until: sn.End, SessionStart: sn.Start,
	})
	if err != nil {
		return r, err
	}
	r.ActionItems = actionItems(activity.Comments, notes.Actions)
	for _, k := range notes.Kudos {
		r.Kudos = append(r.Kudos, schedule.Kudo{From: k.Giver, To: k.Recipient, Reason: textsafe.Inline(k.Reason, 200)})
	}
	r.Kudos = schedule.CapKudos(r.Kudos)
	if err := s.markParticipants(ctx, p, activity, r.Kudos); err != nil {
		return r, err
	}
	for _, f := range notes.FAQ {
		r.FAQ = append(r.FAQ, schedule.FAQEntry{Question: textsafe.Inline(f.Excerpt, 120), URL: f.URL})
	}
	from := periodStart(plan, sn)
	newcomers, err := s.Store.Newcomers(ctx, owner, from, sn.End)
	if err != nil {
		return r, err
	}
	for _, n := range newcomers {
		r.Newcomers = append(r.Newcomers, n.Login)
	}
	merged, err := s.Store.MergedFirstPullRequests(ctx, owner, from, sn.End)
	if err != nil {
		return r, err
	}
	for _, c := range merged {
		// "owner/repo#12" is linked by GitHub, with the title on hover.
		r.MergedFirstPRs = append(r.MergedFirstPRs, schedule.PRRef{Author: c.Login, Title: c.Repo + "#" + itoa(c.Number)})
	}
	r.Figures, err = s.programFigures(ctx, gh, p, figures.Period{Since: from, Until: sn.End}, r.Attendance)
	return r, err
}

// markParticipants marks the kudos whose recipient took part in the
// program: a listed mentor, a mentee or mentor of a mentorship, a claimant,
// or someone who commented on the gathering. Only they are mentioned.
func (s *Service) markParticipants(ctx context.Context, p Program, a Activity, ks []schedule.Kudo) error {
	commenters := map[string]bool{}
	for _, c := range a.Comments {
		if !c.IsBot {
			commenters[strings.ToLower(c.Author)] = true
		}
	}
	for i := range ks {
		if _, listed := p.Config.FindMentor(ks[i].To); listed || commenters[strings.ToLower(ks[i].To)] {
			ks[i].ToTookPart = true
			continue
		}
		took, err := s.Store.TookPart(ctx, p.Repo.Owner, ks[i].To)
		if err != nil {
			return err
		}
		ks[i].ToTookPart = took
	}
	return nil
}

// attendance counts the RSVPs and the people who commented, bots aside.
func attendance(a Activity) schedule.Attendance {
	people := map[string]bool{}
	for _, c := range a.Comments {
		if !c.IsBot && c.Author != "" {
			people[strings.ToLower(c.Author)] = true
		}
	}
	return schedule.Attendance{Attending: a.Attending, Maybe: a.Maybe, Commenters: len(people)}
}

// actionItems are the task-list items and /action lines written in the
// announcement's comments, in order, then the stored /action items not
// among them. Each text is neutralised and appears once.
func actionItems(comments []ActivityComment, stored []store.ActionItem) []schedule.ActionItem {
	var out []schedule.ActionItem
	index := map[string]int{}
	add := func(it schedule.ActionItem) {
		it.Text = textsafe.Inline(it.Text, 200)
		k := strings.ToLower(it.Text)
		if it.Text == "" {
			return
		}
		if i, ok := index[k]; ok {
			out[i].Done = out[i].Done || it.Done
			return
		}
		index[k] = len(out)
		out = append(out, it)
	}
	for _, c := range comments {
		if c.IsBot {
			continue
		}
		for _, it := range schedule.ExtractActionItems([]schedule.CommentText{{Author: c.Author, Body: c.Body}}) {
			add(it)
		}
		for _, cmd := range commands.Parse(c.Body) {
			if cmd.Name == commands.Action && cmd.Err == nil {
				add(schedule.ActionItem{Text: cmd.Text, Author: c.Author})
			}
		}
	}
	for _, a := range stored {
		add(schedule.ActionItem{Text: a.Text, Author: a.Author})
	}
	return out
}
