package mentoring

import (
	"context"
	"errors"
	"fmt"

	"github.com/rs/zerolog"

	"github.com/mentorbot/mentorbot/app/gh/gherr"
	"github.com/mentorbot/mentorbot/app/program"
	"github.com/mentorbot/mentorbot/app/store"
)

// marker is the hidden line that identifies a bot comment.
func marker(key string) string { return "<!-- mentorbot:" + key + " -->" }

// upsertComment posts the comment stored under key, or edits it when it
// exists, so a retry or a redelivery never posts twice.
// A comment a person deleted is posted anew: it still matters (what is
// wrong in a pull request's mentorship.yml, a claim's guide).
func (s *Service) upsertComment(ctx context.Context, gh GitHub, r program.Repo, number int, key, body string) (int64, error) {
	return s.writeCommentOr(ctx, gh, r, number, key, body, true, true, true)
}

// writeComment posts the comment stored under key, or, when one exists,
// edits it (edit) or leaves it as first written. Whenever the store holds
// no posted comment (no record at all: a new or restored store; or only
// the intent: the earlier POST may have landed) it first looks for our
// marker on GitHub, cheaply, so that a comment is never posted twice;
// lookup false skips that look when the caller has just made it.
//
// A comment a person deleted (GitHub answers the edit with 404) is
// forgotten, and is not posted again: they meant it to go.
func (s *Service) writeComment(ctx context.Context, gh GitHub, r program.Repo, number int, key, body string, edit, lookup bool) (int64, error) {
	return s.writeCommentOr(ctx, gh, r, number, key, body, edit, lookup, false)
}

// writeCommentOr is writeComment that, with repost, posts a comment a
// person deleted anew.
func (s *Service) writeCommentOr(ctx context.Context, gh GitHub, r program.Repo, number int, key, body string, edit, lookup, repost bool) (int64, error) {
	body = body + "\n\n" + marker(key)
	bc, err := s.Store.GetBotComment(ctx, key)
	switch {
	case err == nil && bc.State == store.CommentPosted:
		if !edit {
			return bc.CommentID, nil
		}
		err := gh.EditComment(ctx, r, bc.CommentID, body)
		if err == nil {
			return bc.CommentID, nil
		}
		if !gherr.Is(err, gherr.NotFound) {
			return 0, fmt.Errorf("edit comment: %w", err)
		}
		if err := s.Store.ForgetBotComment(ctx, key); err != nil {
			return 0, err
		}
		logger := zerolog.Ctx(ctx).Info().Str("comment_key", key).Int64("comment_id", bc.CommentID)
		if !repost {
			logger.Msg("A person deleted the bot's comment; it is forgotten and not posted again")
			return 0, nil
		}
		logger.Msg("A person deleted the bot's comment; it still matters, so it is posted anew")
	case err != nil && !errors.Is(err, store.ErrNotFound):
		return 0, err
	}
	var id int64
	var found bool
	if lookup || err == nil { // an intent without an ID: the POST may have landed
		id, found, err = gh.FindComment(ctx, r, number, marker(key))
		if err != nil {
			return 0, fmt.Errorf("find comment: %w", err)
		}
	}
	if found {
		if edit {
			if err := gh.EditComment(ctx, r, id, body); err != nil {
				return 0, fmt.Errorf("edit comment: %w", err)
			}
		}
		return id, s.Store.SaveBotComment(ctx, key, r.FullName(), number, id)
	}
	if err := s.Store.BeginBotComment(ctx, key, r.FullName(), number); err != nil {
		return 0, err
	}
	id, err = gh.CreateComment(ctx, r, number, body)
	if err != nil {
		return 0, fmt.Errorf("create comment: %w", err)
	}
	return id, s.Store.SaveBotComment(ctx, key, r.FullName(), number, id)
}

// postOnce posts a comment under key only if none was posted before; a
// later call with the same key changes nothing. Replies to commands use it.
func (s *Service) postOnce(ctx context.Context, gh GitHub, r program.Repo, number int, key, body string) error {
	_, err := s.postOnceID(ctx, gh, r, number, key, body)
	return err
}

// postOnceID is postOnce returning the comment's ID; a comment found on
// GitHub stands as first written.
func (s *Service) postOnceID(ctx context.Context, gh GitHub, r program.Repo, number int, key, body string) (int64, error) {
	return s.writeComment(ctx, gh, r, number, key, body, false, true)
}

// Upsert posts or edits the bot comment kept under key on the item.
func (s *Service) Upsert(ctx context.Context, gh GitHub, it program.Item, key, body string) error {
	_, err := s.upsertComment(ctx, gh, it.Repo, it.Number, key, body)
	return err
}

// UpdateIfPosted edits the comment under key only if one was posted.
func (s *Service) UpdateIfPosted(ctx context.Context, gh GitHub, it program.Item, key, body string) error {
	if _, err := s.Store.GetBotComment(ctx, key); errors.Is(err, store.ErrNotFound) {
		return nil
	} else if err != nil {
		return err
	}
	// A deleted comment is not posted again only to say it is outdated.
	_, err := s.writeCommentOr(ctx, gh, it.Repo, it.Number, key, body, true, true, false)
	return err
}
