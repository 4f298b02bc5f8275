package gatherings

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"strings"

	"github.com/rs/zerolog"

	"github.com/mentorbot/mentorbot/app/commands"
	"github.com/mentorbot/mentorbot/app/store"
)

// replier posts a reply and finds one posted before.
type replier interface {
	post(ctx context.Context, body string) error
	find(ctx context.Context, marker string) (bool, error)
	repo() string
	number() int
}

// replyKey names the reply to the commands keys of comment c.
func replyKey(c Comment, keys []string) string {
	sum := sha256.Sum256([]byte(strings.Join(keys, "\n")))
	return "hours-reply:" + c.ID + ":" + hex.EncodeToString(sum[:6])
}

func replyMarker(key string) string { return "<!-- mentorbot:" + key + " -->" }

// replyOnce posts the reply kept under key unless it was posted before: a
// redelivery finds it in the store, and a retry after a crash finds its
// marker on GitHub. A reply to someone past their budget of replies is not
// posted.
func (s *Service) replyOnce(ctx context.Context, key, author, body string, r replier) error {
	ok, err := s.Store.SpendReply(ctx, key, r.repo(), author, store.ReplyBudget{Max: commands.RepliesPerWindow, Window: commands.ReplyWindow})
	if err != nil {
		return err
	}
	if !ok {
		zerolog.Ctx(ctx).Info().Str("actor", author).Msg("Not replying: the person is past their budget of replies")
		return nil
	}
	bc, err := s.Store.GetBotComment(ctx, key)
	switch {
	case err == nil && bc.State == store.CommentPosted:
		return nil
	case err == nil:
		found, err := r.find(ctx, replyMarker(key))
		if err != nil {
			return err
		}
		if found {
			return s.Store.SaveBotComment(ctx, key, r.repo(), r.number(), 0)
		}
	case !errors.Is(err, store.ErrNotFound):
		return err
	}
	if err := s.Store.BeginBotComment(ctx, key, r.repo(), r.number()); err != nil {
		return err
	}
	if err := r.post(ctx, body+"\n\n"+replyMarker(key)); err != nil {
		return err
	}
	return s.Store.SaveBotComment(ctx, key, r.repo(), r.number(), 0)
}

// discussionReplier replies in a discussion thread.
type discussionReplier struct {
	gh     GitHub
	pl     Place
	thread string // the top comment of the thread
}

func (d discussionReplier) post(ctx context.Context, body string) error {
	_, err := d.gh.AddDiscussionComment(ctx, d.pl.DiscussionID, d.thread, body)
	return err
}

func (d discussionReplier) find(ctx context.Context, marker string) (bool, error) {
	_, found, err := d.gh.FindDiscussionComment(ctx, d.thread, marker)
	return found, err
}

func (d discussionReplier) repo() string { return d.pl.Repo.FullName() }
func (d discussionReplier) number() int  { return d.pl.Number }
