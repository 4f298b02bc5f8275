package claims

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/rs/zerolog"

	"github.com/mentorbot/mentorbot/app/commands"
	"github.com/mentorbot/mentorbot/app/program"
	"github.com/mentorbot/mentorbot/app/repoconfig"
	"github.com/mentorbot/mentorbot/app/store"
)

// maxFreeListed bounds the free starter tasks named in a refusal.
const maxFreeListed = 3

// Commands carries out the /claim and /unclaim commands among cmds, the
// commands read from comment c, and returns the answers to them: the
// decision is stored with the command's key (comment and line), so a
// redelivery replays it, and its effects on GitHub are finished by
// whichever attempt gets there. A comment without claim commands that asks
// in plain language to take a starter task gets a hint on how to claim it,
// once per person and issue; nothing is claimed on anyone's behalf. Any
// comment by a claimer on their task counts as activity. It posts no
// reply itself: the caller combines the answers of all features into one,
// and once it is posted passes the keys returned to Finished.
func (s *Service) Commands(ctx context.Context, gh GitHub, cfg *repoconfig.Config, it program.Item, c program.Comment, all []commands.Command) (lines, keys []string, err error) {
	repo := it.Repo.FullName()
	if it.Kind == program.KindIssue {
		if _, err := s.Store.RecordClaimActivity(ctx, repo, it.Number, c.Author, c.CreatedAt, 0); err != nil {
			return nil, nil, err
		}
	}
	starter := it.Kind == program.KindIssue && starterLabel(cfg, it.Labels) != ""
	var cmds []commands.Command
	for _, cmd := range all {
		if (cmd.Name == commands.Claim || cmd.Name == commands.Unclaim) && cmd.Err == nil {
			cmds = append(cmds, cmd)
		}
	}
	if len(cmds) == 0 {
		if starter && commands.ClaimIntent(c.Body) {
			lines, err := s.hint(ctx, it, c)
			return lines, nil, err
		}
		return nil, nil, nil
	}
	prefix := fmt.Sprintf("%s:%d:", taskKey(repo, it.Number), c.ID)
	ans := &answers{prefixes: []string{"claim-reply:" + prefix, "claim:" + prefix}}
	var errs []error
	for _, cmd := range cmds {
		if err := s.command(ctx, gh, cfg, it, c, cmd.Name, prefix+strconv.Itoa(cmd.Line), starter, ans); err != nil {
			errs = append(errs, err)
		}
	}
	return ans.lines, ans.taken, errors.Join(errs...)
}

// answers gathers the replies to one comment's commands, which the claim
// effects would otherwise post one by one.
type answers struct {
	prefixes []string // keys of the effects that answer the comment
	lines    []string
	taken    []string // keys of the effects whose reply is in lines
}

// take keeps body when the effect under key answers the comment.
func (a *answers) take(key, body string) bool {
	if a == nil {
		return false
	}
	for _, p := range a.prefixes {
		if strings.HasPrefix(key, p) {
			a.lines = append(a.lines, strings.TrimSpace(body))
			a.taken = append(a.taken, key)
			return true
		}
	}
	return false
}

// has reports whether the reply of the effect under key was taken.
func (a *answers) has(key string) bool { return a != nil && slices.Contains(a.taken, key) }

// Finished marks the claim effects whose replies a comment's answers carried
// as done, once the reply that holds them is posted (or withheld): until
// then a retry gathers them again.
func (s *Service) Finished(ctx context.Context, keys []string) error {
	for _, k := range keys {
		if err := s.Store.FinishClaimEffect(ctx, k); err != nil {
			return err
		}
	}
	return nil
}

func (s *Service) command(ctx context.Context, gh GitHub, cfg *repoconfig.Config, it program.Item, c program.Comment, name commands.Name, key string, starter bool, ans *answers) error {
	logger := zerolog.Ctx(ctx).With().Str("command", name.String()).Str("actor", c.Author).Logger()
	actor := commands.Actor{Login: c.Author, Association: c.Association, Permission: c.Permission, OnStarterTask: starter}
	if name == commands.Unclaim && !starter && it.Kind == program.KindIssue {
		// A claimer may still let go of a task that lost its label.
		holder, err := s.Store.ActiveClaim(ctx, it.Repo.FullName(), it.Number)
		if err != nil && !errors.Is(err, store.ErrNotFound) {
			return err
		}
		actor.OnStarterTask = err == nil && strings.EqualFold(holder.Login, c.Author)
	}
	if ok, why := commands.Authorize(name, actor); !ok {
		logger.Info().Msg("Refused a claim command")
		ans.lines = append(ans.lines, refusedText(c.Author, why))
		return nil
	}
	var outcome string
	var err error
	if name == commands.Claim {
		outcome, err = s.claim(ctx, cfg, it, c, key, actor)
	} else {
		outcome, err = s.unclaim(ctx, cfg, it, c, key, actor)
	}
	if err != nil {
		return err
	}
	logger.Info().Str("outcome", outcome).Msg("Ran a claim command")
	return s.runEffects(ctx, gh, cfg, it.Repo.FullName(), it.Number, ans)
}

func (s *Service) claim(ctx context.Context, cfg *repoconfig.Config, it program.Item, c program.Comment, key string, actor commands.Actor) (string, error) {
	free, err := s.freeTasks(ctx, it)
	if err != nil {
		return "", err
	}
	_, listed := cfg.FindMentor(c.Author)
	unmentored := actor.IsMaintainer() || listed
	max := cfg.GoodFirstIssues.MaxClaimsPerContributor
	req := store.ClaimRequest{Key: key, Login: c.Author, Max: max, OfferHold: OfferHold, Task: store.StarterTask{
		Repo: it.Repo.FullName(), Number: it.Number, Owner: it.Repo.Owner, InstallationID: it.InstallationID,
		Title: it.Title, URL: it.URL, Labels: it.Labels,
	}}
	res, err := s.Store.Claim(ctx, req, func(r store.ClaimResult) []store.ClaimEffect {
		e := effectOn(it, c.Author)
		e.Key, e.Kind = "claim-reply:"+key, effectComment
		switch r.Outcome {
		case store.OutcomeClaimed:
			e.Key, e.Kind = "claim:"+key, effectClaimed
			if unmentored {
				e.Kind = effectAssign
			}
		case store.OutcomeAlreadyYours:
			e.Body = alreadyYoursText(c.Author, r.Claim.ClaimedAt)
		case store.OutcomeHeld:
			e.Body = heldText(c.Author, r.Claim, r.Position, free)
		case store.OutcomeReserved:
			e.Body = reservedText(c.Author, r.Offer, r.Position, free)
		case store.OutcomeAtLimit:
			e.Body = limitText(c.Author, max, r.Open, it.Repo.FullName())
		default:
			e.Body = notOpenText(c.Author)
		}
		return []store.ClaimEffect{e}
	})
	return res.Outcome, err
}

func (s *Service) unclaim(ctx context.Context, cfg *repoconfig.Config, it program.Item, c program.Comment, key string, actor commands.Actor) (string, error) {
	req := store.ReleaseRequest{Key: key, Repo: it.Repo.FullName(), Number: it.Number, Login: c.Author,
		Maintainer: actor.IsMaintainer(), Next: nextPicker(cfg)}
	res, err := s.Store.Release(ctx, req, func(r store.ReleaseResult) []store.ClaimEffect {
		reply := effectOn(it, c.Author)
		reply.Key, reply.Kind = "claim-reply:"+key, effectComment
		switch r.Outcome {
		case store.OutcomeReleased:
			unassign := effectOn(it, r.Claim.Login)
			unassign.Key, unassign.Kind = "unclaim:"+key, effectUnassign
			reply.Body = releasedText(c.Author)
			if !strings.EqualFold(r.Claim.Login, c.Author) {
				reply.Body = releasedForText(r.Claim.Login, c.Author)
			}
			return append([]store.ClaimEffect{unassign, reply}, offerEffects(it, r.Offered)...)
		case store.OutcomeLeftLine:
			reply.Body = leftLineText(c.Author)
		case store.OutcomeNotHolder:
			reply.Body = notHolderText(c.Author, r.Claim)
		default:
			reply.Body = nothingText(c.Author)
		}
		return []store.ClaimEffect{reply}
	})
	return res.Outcome, err
}

// hint answers a plain-language request with how to claim, once per
// person and issue, unless the person holds the claim already.
func (s *Service) hint(ctx context.Context, it program.Item, c program.Comment) ([]string, error) {
	var holder *store.Claim
	h, err := s.Store.ActiveClaim(ctx, it.Repo.FullName(), it.Number)
	switch {
	case err == nil && strings.EqualFold(h.Login, c.Author):
		return nil, nil
	case err == nil:
		holder = &h
	case !errors.Is(err, store.ErrNotFound):
		return nil, err
	}
	key := fmt.Sprintf("claim-hint:%s:%s", taskKey(it.Repo.FullName(), it.Number), strings.ToLower(c.Author))
	switch _, err := s.Store.GetBotComment(ctx, key); {
	case err == nil:
		return nil, nil // hinted before
	case !errors.Is(err, store.ErrNotFound):
		return nil, err
	}
	if err := s.Store.SaveBotComment(ctx, key, it.Repo.FullName(), it.Number, 0); err != nil {
		return nil, err
	}
	zerolog.Ctx(ctx).Info().Str("actor", c.Author).Msg("Explaining /claim to a plain-language request")
	return []string{hintText(c.Author, holder)}, nil
}

// freeTasks lists up to maxFreeListed other free starter tasks of the repository.
func (s *Service) freeTasks(ctx context.Context, it program.Item) ([]store.StarterTask, error) {
	all, err := s.Store.OpenStarterTasks(ctx, it.Repo.FullName())
	if err != nil {
		return nil, err
	}
	var out []store.StarterTask
	for _, t := range all {
		if t.Number != it.Number && len(out) < maxFreeListed {
			out = append(out, t)
		}
	}
	return out, nil
}

func nextPicker(cfg *repoconfig.Config) store.NextPicker {
	max := cfg.GoodFirstIssues.MaxClaimsPerContributor
	return func(ws []store.Waiter) (int, bool) { return NextInLine(ws, max) }
}

// effectOn starts an effect on the item concerning login.
func effectOn(it program.Item, login string) store.ClaimEffect {
	return store.ClaimEffect{Owner: it.Repo.Owner, Repo: it.Repo.FullName(), Number: it.Number, InstallationID: it.InstallationID, Login: login}
}

// offerEffects tells the next in line that the task is theirs to claim.
func offerEffects(it program.Item, w *store.Waiter) []store.ClaimEffect {
	if w == nil {
		return nil
	}
	e := effectOn(it, w.Login)
	e.Key, e.Kind, e.Body = fmt.Sprintf("claim-offer:%d", w.ID), effectComment, offerText(w.Login, w.OfferedAt.Add(OfferHold))
	return []store.ClaimEffect{e}
}
