package mentoring

import (
	"context"
	"errors"
	"fmt"

	"github.com/mentorbot/mentorbot/app/program"
	"github.com/mentorbot/mentorbot/app/store"
)

// marker is the hidden line that identifies a bot comment.
func marker(key string) string { return "<!-- mentorbot:" + key + " -->" }

// upsertComment posts the comment stored under key, or edits it when it
// exists, so a retry or a redelivery never posts twice.
func (s *Service) upsertComment(ctx context.Context, gh GitHub, r program.Repo, number int, key, body string) (int64, error) {
	return s.writeComment(ctx, gh, r, number, key, body, true, true)
}

// writeComment posts the comment stored under key, or, when one exists,
// edits it (edit) or leaves it as first written. Whenever the store holds
// no posted comment (no record at all: a new or restored store; or only
// the intent: the earlier POST may have landed) it first looks for our
// marker on GitHub, cheaply, so that a comment is never posted twice;
// lookup false skips that look when the caller has just made it.
func (s *Service) writeComment(ctx context.Context, gh GitHub, r program.Repo, number int, key, body string, edit, lookup bool) (int64, error) {
	body = body + "\n\n" + marker(key)
	bc, err := s.Store.GetBotComment(ctx, key)
	switch {
	case err == nil && bc.State == store.CommentPosted:
		if !edit {
			return bc.CommentID, nil
		}
		if err := gh.EditComment(ctx, r, bc.CommentID, body); err != nil {
			return 0, fmt.Errorf("edit comment: %w", err)
		}
		return bc.CommentID, nil
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
	_, err := s.upsertComment(ctx, gh, it.Repo, it.Number, key, body)
	return err
}
