package mentoring

import (
	"context"
	"fmt"

	"github.com/rs/zerolog"

	"github.com/mentorbot/mentorbot/app/commands"
	"github.com/mentorbot/mentorbot/app/program"
	"github.com/mentorbot/mentorbot/app/store"
)

// ReplyKey names the one reply to comment c on an item.
func ReplyKey(it program.Item, c program.Comment) string {
	return fmt.Sprintf("command-reply:%s:%d", itemKey(it), c.ID)
}

// Reply posts the one reply to the commands of comment c, whatever
// features answered them, under a marker keyed by the comment: a
// redelivery or a retry finds it and posts nothing new. A reply to someone
// past their budget of replies in the repository is not posted.
func (s *Service) Reply(ctx context.Context, gh GitHub, it program.Item, c program.Comment, body string) error {
	key := ReplyKey(it, c)
	ok, err := s.Store.SpendReply(ctx, key, it.Repo.FullName(), c.Author, store.ReplyBudget{Max: commands.RepliesPerWindow, Window: commands.ReplyWindow})
	if err != nil {
		return err
	}
	if !ok {
		zerolog.Ctx(ctx).Info().Str("actor", c.Author).Msg("Not replying: the person is past their budget of replies")
		return nil
	}
	return s.postOnce(ctx, gh, it.Repo, it.Number, key, body)
}
