package mentoring

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/rs/zerolog"

	"github.com/mentorbot/mentorbot/app/commands"
	"github.com/mentorbot/mentorbot/app/mentoring/newcomer"
	"github.com/mentorbot/mentorbot/app/program"
	"github.com/mentorbot/mentorbot/app/repoconfig"
	"github.com/mentorbot/mentorbot/app/store"
	"github.com/mentorbot/mentorbot/app/textsafe"
)

// Commands runs the /mentor commands among cmds, the commands read from
// comment c, and returns an answer for each that has one. It posts
// nothing: the caller combines the answers of all features into one reply.
func (s *Service) Commands(ctx context.Context, gh GitHub, cfg *repoconfig.Config, it program.Item, c program.Comment, cmds []commands.Command) ([]string, error) {
	var answers []string
	var errs []error
	for _, cmd := range cmds {
		answer, err := s.command(ctx, gh, cfg, it, c, cmd)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		if answer != "" {
			answers = append(answers, answer)
		}
	}
	return answers, errors.Join(errs...)
}

// command carries out one command and returns the reply ("" for none: the
// command belongs to another feature).
func (s *Service) command(ctx context.Context, gh GitHub, cfg *repoconfig.Config, it program.Item, c program.Comment, cmd commands.Command) (string, error) {
	logger := zerolog.Ctx(ctx).With().Str("command", cmd.Name.String()).Str("actor", c.Author).Logger()
	switch cmd.Name {
	case commands.Mentor, commands.MentorReassign, commands.MentorAway, commands.MentorBack, commands.Unknown:
	default:
		return "", nil // another feature's command; it answers its own mistakes
	}
	if cmd.Err != nil {
		logger.Info().Err(cmd.Err).Msg("Could not understand a command")
		return fmt.Sprintf("Sorry %s, I could not run that: %s.", textsafe.Mention(c.Author), cmd.Err), nil
	}
	if cmd.Name == commands.MentorReassign {
		// A retry of a reassignment made before: its effects are what is
		// left to do, whoever is the mentor now.
		done, err := s.Store.Decided(ctx, commandDecision(it, c, cmd.Line))
		if err != nil {
			return "", err
		}
		if done {
			return "", s.applyEffects(ctx, gh, it.Repo.FullName(), it.Number)
		}
	}
	m, err := s.Store.GetMentorship(ctx, it.Repo.FullName(), it.Number)
	hasMentorship := err == nil && m.State != store.MentorshipEnded
	if err != nil && !errors.Is(err, store.ErrNotFound) {
		return "", err
	}
	assoc, err := s.association(ctx, gh, it, c)
	if err != nil {
		return "", err
	}
	actor := commands.Actor{
		Login:           c.Author,
		Association:     assoc,
		IsAuthor:        strings.EqualFold(c.Author, it.Author),
		IsMentee:        hasMentorship && strings.EqualFold(c.Author, m.Mentee),
		IsCurrentMentor: hasMentorship && m.Mentor != "" && strings.EqualFold(c.Author, m.Mentor),
		IsListedMentor:  isMentor(cfg, c.Author),
		OnIssue:         it.Kind == program.KindIssue,
	}
	if cmd.Name == commands.Mentor && actor.OnIssue && actor.IsAuthor && !actor.IsMaintainer() {
		// Only a first-timer's own issue may take a mentor's time.
		v, err := s.classify(ctx, gh, cfg, it)
		if err != nil {
			return "", err
		}
		actor.AuthorIsFirstTimer = v.Kind == newcomer.FirstTimer
	}
	if ok, why := commands.Authorize(cmd.Name, actor); !ok {
		logger.Info().Msg("Refused a command")
		return fmt.Sprintf("Sorry %s, %s.", textsafe.Mention(c.Author), why), nil
	}
	logger.Info().Msg("Running a command")
	switch cmd.Name {
	case commands.Mentor:
		return s.mentorNow(ctx, gh, cfg, it, m, hasMentorship)
	case commands.MentorReassign:
		if !hasMentorship || m.Mentor == "" {
			return "There is no mentor to hand over from yet. `/mentor` asks for one.", nil
		}
		changed, err := s.handOver(ctx, resolved{gh: gh, cfg: cfg}, itemWithAuthor(it, m), "asked by "+strings.ToLower(c.Author), commandDecision(it, c, cmd.Line), true)
		if err != nil || changed {
			return "", err
		}
		return "Every other mentor is away or at capacity right now, so the mentorship stays as it is. Try again later.", nil
	case commands.MentorAway:
		if err := s.Store.SetMentorAway(ctx, it.Repo.Owner, c.Author, true, cmd.Until); err != nil {
			return "", err
		}
		if err := s.Store.DueNow(ctx, it.Repo.Owner, ""); err != nil { // hand the mentees over at the next run
			return "", err
		}
		handover := "your current mentees are handed to a fellow mentor within a few minutes."
		if cmd.Until.IsZero() {
			return fmt.Sprintf("Noted, %s: you are out of the rotation until you comment `/mentor back`, and %s", textsafe.Code(c.Author), handover), nil
		}
		return fmt.Sprintf("Noted, %s: you are out of the rotation until %s, and %s", textsafe.Code(c.Author), cmd.Until.Format("2 January 2006"), handover), nil
	case commands.MentorBack:
		if err := s.Store.SetMentorAway(ctx, it.Repo.Owner, c.Author, false, time.Time{}); err != nil {
			return "", err
		}
		if err := s.ServeWaiting(ctx, it.Repo.Owner); err != nil {
			return "", err
		}
		return "Welcome back! You are in the rotation again.", nil
	}
	return "", nil
}

// mentorNow assigns a mentor on request, to anyone's item.
func (s *Service) mentorNow(ctx context.Context, gh GitHub, cfg *repoconfig.Config, it program.Item, m store.Mentorship, has bool) (string, error) {
	if has && m.Mentor != "" {
		return fmt.Sprintf("This %s already has a mentor: `%s`. `/mentor reassign` hands it to someone else.", it.Noun(), m.Mentor), nil
	}
	if has {
		// Waiting: try the waiting list now.
		if err := s.ServeWaiting(ctx, it.Repo.Owner); err != nil {
			return "", err
		}
		if now, err := s.Store.GetMentorship(ctx, it.Repo.FullName(), it.Number); err == nil && now.Mentor != "" {
			return "", nil // the pairing comment says it all
		}
		return "Every mentor is still away or at capacity; this stays first in line.", nil
	}
	if err := s.pair(ctx, gh, cfg, it, false); err != nil {
		return "", err
	}
	return "", nil // the welcome says it all
}

func itemWithAuthor(it program.Item, m store.Mentorship) program.Item {
	it.Author = m.Mentee
	return it
}

// association is the commenter's author_association; payloads of the older
// shape carry none, and then organization membership decides.
func (s *Service) association(ctx context.Context, gh GitHub, it program.Item, c program.Comment) (string, error) {
	if c.Association != "" {
		return c.Association, nil
	}
	member, err := gh.IsOrgMember(ctx, it.Repo.Owner, c.Author)
	if err != nil {
		return "", err
	}
	if member {
		return "MEMBER", nil
	}
	return "NONE", nil
}
