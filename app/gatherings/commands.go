package gatherings

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/rs/zerolog"

	"github.com/mentorbot/mentorbot/app/commands"
	"github.com/mentorbot/mentorbot/app/gatherings/schedule"
	"github.com/mentorbot/mentorbot/app/program"
	"github.com/mentorbot/mentorbot/app/repoconfig"
	"github.com/mentorbot/mentorbot/app/store"
	"github.com/mentorbot/mentorbot/app/textsafe"
)

// Place is where a comment with commands was written: a discussion
// (DiscussionID set) or an issue or pull request.
type Place struct {
	Repo         program.Repo
	DiscussionID string // node ID; "" for an issue or pull request
	Number       int    // the discussion's, issue's or pull request's number
	// Title is the discussion's, issue's or pull request's title: what an
	// FAQ entry written there answers.
	Title string
	// Labels are the issue's or pull request's labels: they place an FAQ
	// entry in an area.
	Labels []string
}

// Comment is a comment that may hold /kudos, /faq or /action.
type Comment struct {
	// ID is the comment's node ID in a discussion, its database ID in an
	// issue or pull request.
	ID          string
	IsReply     bool // a reply in a discussion thread
	Author      string
	Association string
	// Permission is the author's role on the repository (see
	// program.Comment).
	Permission string
	Body       string
	// Before is the body before an edit; the commands it held already ran.
	// "" for a new comment.
	Before string
	// Own: whoever wrote or edited the comment is its author.
	Own bool
	URL string
	At  time.Time // when it was written or edited
}

// NewCommands returns the commands of cmds, read from a discussion
// comment, that before, the body an edit replaced, did not hold: the
// others ran already. In a discussion office hours answer every command
// line, whichever feature it belongs to.
func NewCommands(before string, cmds []commands.Command) []commands.Command {
	if before == "" {
		return cmds
	}
	done := map[string]bool{}
	for _, c := range commands.Parse(before) {
		done[commandKey(c)] = true
	}
	var out []commands.Command
	for _, c := range cmds {
		if !done[commandKey(c)] {
			out = append(out, c)
		}
	}
	return out
}

// DiscussionCommands runs the commands read from a discussion comment (see
// NewCommands) and answers once in its thread. In a discussion office hours
// answer every command: syntax errors, and commands that work only in
// issues and pull requests.
func (s *Service) DiscussionCommands(ctx context.Context, gh GitHub, cfg *repoconfig.Config, pl Place, c Comment, r commands.Reading) error {
	session, err := s.Store.HoursPostByDiscussion(ctx, pl.DiscussionID)
	var sp *store.HoursPost
	switch {
	case err == nil:
		sp = &session
	case !errors.Is(err, store.ErrNotFound):
		return err
	}
	lines, keys, err := s.run(ctx, cfg, pl, c, r.Commands, sp, true)
	if err != nil || len(lines) == 0 {
		return err
	}
	if note := r.Note(); note != "" {
		lines = append(lines, note)
	}
	thread := c.ID
	if c.IsReply {
		if thread, err = gh.ThreadOf(ctx, c.ID); err != nil {
			return err
		}
	}
	return s.replyOnce(ctx, replyKey(c, keys), c.Author, strings.Join(lines, "\n\n"), discussionReplier{gh: gh, pl: pl, thread: thread})
}

// IssueCommands runs the /kudos, /faq and /action commands among cmds,
// read from an issue or pull request comment, and returns their answers.
// It posts nothing: the caller combines the answers of all features into
// one reply. Syntax errors and other commands are left to the features
// they belong to.
func (s *Service) IssueCommands(ctx context.Context, cfg *repoconfig.Config, pl Place, c Comment, cmds []commands.Command) ([]string, error) {
	lines, _, err := s.run(ctx, cfg, pl, c, cmds, nil, false)
	return lines, err
}

// run carries out cmds and returns a reply line for each, and their keys.
// session is the office-hours post the discussion is, or nil.
func (s *Service) run(ctx context.Context, cfg *repoconfig.Config, pl Place, c Comment, cmds []commands.Command, session *store.HoursPost, inDiscussion bool) ([]string, []string, error) {
	_, listed := cfg.FindMentor(c.Author)
	actor := commands.Actor{
		Login: c.Author, Association: c.Association, Permission: c.Permission, IsListedMentor: listed, IsCommentOwn: c.Own,
		InOfficeHoursDiscussion: session != nil,
	}
	var lines, keys []string
	var errs []error
	for _, cmd := range cmds {
		line, err := s.command(ctx, cfg, pl, c, cmd, actor, session, inDiscussion)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		if line != "" {
			lines, keys = append(lines, line), append(keys, commandKey(cmd))
		}
	}
	return lines, keys, errors.Join(errs...)
}

// command runs one command and returns the reply ("" when it belongs to
// another feature).
func (s *Service) command(ctx context.Context, cfg *repoconfig.Config, pl Place, c Comment, cmd commands.Command, actor commands.Actor, session *store.HoursPost, inDiscussion bool) (string, error) {
	logger := zerolog.Ctx(ctx).With().Str("command", cmd.Name.String()).Str("actor", c.Author).Logger()
	if cmd.Err != nil {
		if !inDiscussion {
			return "", nil
		}
		logger.Info().Err(cmd.Err).Msg("Could not understand a command")
		return fmt.Sprintf("Sorry %s, I could not run that: %s.", textsafe.Mention(c.Author), cmd.Err), nil
	}
	switch cmd.Name {
	case commands.Kudos, commands.FAQ, commands.Action:
	default:
		if !inDiscussion {
			return "", nil
		}
		return fmt.Sprintf("Sorry %s, `%s` works in issues and pull requests, not in discussions.", textsafe.Mention(c.Author), cmd.Name), nil
	}
	if ok, why := commands.Authorize(cmd.Name, actor); !ok {
		logger.Info().Msg("Refused a command")
		return fmt.Sprintf("Sorry %s, %s.", textsafe.Mention(c.Author), why), nil
	}
	source := sourceOf(pl, c) + ":" + commandKey(cmd)
	switch cmd.Name {
	case commands.Kudos:
		return s.kudos(ctx, cfg, pl, c, cmd, source)
	case commands.FAQ:
		return s.faq(ctx, cfg, pl, c)
	default:
		return s.action(ctx, c, cmd, session, source)
	}
}

func (s *Service) kudos(ctx context.Context, cfg *repoconfig.Config, pl Place, c Comment, cmd commands.Command, source string) (string, error) {
	if strings.EqualFold(cmd.User, c.Author) {
		return fmt.Sprintf("Sorry %s, kudos are for thanking someone else.", textsafe.Mention(c.Author)), nil
	}
	if len(cfg.Series()) == 0 {
		return fmt.Sprintf("Thank you for appreciating %s! No gatherings are set up here, so there is no recap to carry kudos.",
			textsafe.Code(cmd.User)), nil
	}
	given, err := s.Store.PendingKudosFrom(ctx, pl.Repo.Owner, c.Author)
	if err != nil {
		return "", err
	}
	if given >= schedule.MaxKudosPerGiver {
		return fmt.Sprintf("Sorry %s, the next recap already carries %d kudos from you, the most it counts from one person; "+
			"give more after it is out.", textsafe.Mention(c.Author), schedule.MaxKudosPerGiver), nil
	}
	reason := cmd.Text
	if strings.TrimSpace(reason) == "" {
		reason = "thank you!"
	}
	_, err = s.Store.AddKudo(ctx, store.Kudo{Source: source, Owner: pl.Repo.Owner, Giver: c.Author, Recipient: cmd.User,
		Reason: reason, URL: c.URL, GivenAt: c.At})
	if err != nil {
		return "", err
	}
	zerolog.Ctx(ctx).Info().Str("recipient", cmd.User).Msg("Recorded kudos")
	return fmt.Sprintf("Noted: kudos to %s will be in the next recap.", textsafe.Code(cmd.User)), nil
}

func (s *Service) faq(ctx context.Context, cfg *repoconfig.Config, pl Place, c Comment) (string, error) {
	answer := withoutCommands(c.Body)
	if textsafe.Inline(answer, 0) == "" {
		return fmt.Sprintf("Sorry %s, there is no answer to save here: write `/faq` in the comment that holds the answer.",
			textsafe.Mention(c.Author)), nil
	}
	// One entry per comment, however many times /faq is written in it.
	added, err := s.Store.AddFAQEntry(ctx, store.FAQEntry{Source: sourceOf(pl, c), Owner: pl.Repo.Owner, Author: c.Author,
		Excerpt: answer, URL: c.URL, SavedAt: c.At, Question: pl.Title, Area: faqArea(cfg, pl.Labels, c.Author)})
	if err != nil {
		return "", err
	}
	zerolog.Ctx(ctx).Info().Msg("Saved an FAQ entry")
	if !cfg.FAQ.Enabled() {
		return "Saved to the FAQ: the next recap lists it.", nil
	}
	if added {
		// The scheduled job edits the FAQ discussion from the store.
		if err := s.Store.DueBy(ctx, store.DueOfficeHours, pl.Repo.Owner, s.now()); err != nil {
			return "", err
		}
	}
	return fmt.Sprintf("Saved to the FAQ: the %s discussion lists it within minutes, and the next recap too.",
		textsafe.Inline(cfg.FAQ.Title, 100)), nil
}

func (s *Service) action(ctx context.Context, c Comment, cmd commands.Command, session *store.HoursPost, source string) (string, error) {
	_, err := s.Store.AddActionItem(ctx, store.ActionItem{Source: source, Target: session.Target, SessionKey: session.SessionKey,
		SessionStart: session.Start, Author: c.Author, Text: cmd.Text, CreatedAt: c.At})
	if err != nil {
		return "", err
	}
	zerolog.Ctx(ctx).Info().Str("session", session.SessionKey).Msg("Recorded an action item")
	recap, err := s.Store.GetHoursPost(ctx, session.Target, session.SessionKey, store.HoursRecap)
	if err == nil && recap.State == store.HoursPosted {
		return "Noted: the recap of that session is out already, so this action item goes into the next recap.", nil
	}
	if err != nil && !errors.Is(err, store.ErrNotFound) {
		return "", err
	}
	return "Noted: this action item goes into the recap of the session on " + session.Start.UTC().Format("Mon 2 Jan 2006") + ".", nil
}

// withoutCommands is the body without its command lines.
func withoutCommands(body string) string {
	skip := map[int]bool{}
	for _, c := range commands.Parse(body) {
		skip[c.Line] = true
	}
	var kept []string
	for i, line := range strings.Split(body, "\n") {
		if !skip[i+1] {
			kept = append(kept, line)
		}
	}
	return strings.TrimSpace(strings.Join(kept, "\n"))
}

// sourceOf names a comment for deduplication.
func sourceOf(pl Place, c Comment) string {
	if pl.DiscussionID != "" {
		return "discussion-comment:" + c.ID
	}
	return fmt.Sprintf("issue-comment:%s#%d:%s", pl.Repo.FullName(), pl.Number, c.ID)
}

// commandKey names a command within its comment by what it says, so an
// edit that keeps it (wherever the line moved) does not run it again.
func commandKey(cmd commands.Command) string {
	sum := sha256.Sum256([]byte(strings.ToLower(cmd.User + "\x00" + strings.Join(strings.Fields(cmd.Text), " "))))
	return strings.TrimPrefix(cmd.Name.String(), "/") + ":" + hex.EncodeToString(sum[:6])
}
