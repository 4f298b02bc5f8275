package mentoring

import (
	"context"
	"errors"
	"strings"
	"time"

	"github.com/rs/zerolog"

	"github.com/mentorbot/mentorbot/app/commands"
	"github.com/mentorbot/mentorbot/app/mentoring/newcomer"
	"github.com/mentorbot/mentorbot/app/program"
	"github.com/mentorbot/mentorbot/app/repoconfig"
	"github.com/mentorbot/mentorbot/app/store"
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
	case commands.Mentor, commands.MentorReassign, commands.MentorAway, commands.MentorBack, commands.MentorKeep, commands.Unknown:
	default:
		return "", nil // another feature's command; it answers its own mistakes
	}
	if cmd.Err != nil {
		logger.Info().Err(cmd.Err).Msg("Could not understand a command")
		return syntaxReply(c.Author, cmd.Err), nil
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
	actor := commands.Actor{
		Login:           c.Author,
		Association:     c.Association,
		Permission:      c.Permission,
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
		return refusalReply(c.Author, why), nil
	}
	logger.Info().Msg("Running a command")
	switch cmd.Name {
	case commands.Mentor:
		return s.mentorNow(ctx, gh, cfg, it, m, hasMentorship, c.Author)
	case commands.MentorReassign:
		if !hasMentorship || m.Mentor == "" {
			return noMentorReply(c.Author, "hand over from"), nil
		}
		changed, err := s.handOver(ctx, resolved{gh: gh, cfg: cfg}, itemWithAuthor(it, m), "asked by "+strings.ToLower(c.Author), commandDecision(it, c, cmd.Line), true)
		if err != nil || changed {
			return "", err
		}
		return nobodyFreeReply(c.Author), nil
	case commands.MentorKeep:
		return s.keep(ctx, gh, cfg, it, m, hasMentorship, c.Author, commandDecision(it, c, cmd.Line))
	case commands.MentorAway:
		if err := s.Store.SetMentorAway(ctx, it.Repo.Owner, c.Author, true, cmd.Until); err != nil {
			return "", err
		}
		if err := s.Store.DueNow(ctx, it.Repo.Owner, ""); err != nil { // hand the mentees over at the next run
			return "", err
		}
		return awayReply(c.Author, cmd.Until), nil
	case commands.MentorBack:
		if err := s.Store.SetMentorAway(ctx, it.Repo.Owner, c.Author, false, time.Time{}); err != nil {
			return "", err
		}
		if err := s.ServeWaiting(ctx, it.Repo.Owner); err != nil {
			return "", err
		}
		if err := s.Store.DueNow(ctx, it.Repo.Owner, ""); err != nil { // follow up the mentees who kept them
			return "", err
		}
		return backReply(c.Author), nil
	}
	return "", nil
}

// mentorNow assigns a mentor on request, to anyone's item.
func (s *Service) mentorNow(ctx context.Context, gh GitHub, cfg *repoconfig.Config, it program.Item, m store.Mentorship, has bool, actor string) (string, error) {
	if has && m.Mentor != "" {
		return hasMentorReply(actor, it.Noun(), m.Mentor), nil
	}
	if has {
		// Waiting: try the waiting list now.
		if err := s.ServeWaiting(ctx, it.Repo.Owner); err != nil {
			return "", err
		}
		if now, err := s.Store.GetMentorship(ctx, it.Repo.FullName(), it.Number); err == nil && now.Mentor != "" {
			return "", nil // the pairing comment says it all
		}
		return stillWaitingReply(actor), nil
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
