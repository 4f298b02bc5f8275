package mentoring

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/mentorbot/mentorbot/app/program"
	"github.com/mentorbot/mentorbot/app/repoconfig"
	"github.com/mentorbot/mentorbot/app/store"
)

// AssigneeReader reads who is assigned to an issue or pull request now.
// The gh package implements it; a GitHub without it (a unit-test fake)
// makes a new store choose afresh.
type AssigneeReader interface {
	Assignees(ctx context.Context, r program.Repo, number int) ([]string, error)
}

// earlierWelcome is what GitHub shows of a welcome the store has no record
// of: a new or restored store meeting an item that an earlier store
// welcomed. looked tells that GitHub was asked (the store had no record);
// found that our welcome is there (its ID is then recorded); mentor is the
// roster mentor assigned to the pull request on GitHub, if any, whom the
// new store keeps rather than pairing a second one.
type earlierWelcome struct {
	looked, found bool
	mentor        string
}

func (s *Service) findEarlierWelcome(ctx context.Context, gh GitHub, cfg *repoconfig.Config, it program.Item) (earlierWelcome, error) {
	key := welcomeKey(it)
	if _, err := s.Store.GetBotComment(ctx, key); !errors.Is(err, store.ErrNotFound) {
		return earlierWelcome{}, err // recorded (nil), or the store failed
	}
	if it.NoComments {
		return earlierWelcome{looked: true}, nil // nothing to find (see openedWhileRunning)
	}
	id, found, err := gh.FindComment(ctx, it.Repo, it.Number, marker(key))
	if err != nil {
		return earlierWelcome{}, fmt.Errorf("find comment: %w", err)
	}
	ew := earlierWelcome{looked: true, found: found}
	if !found {
		return ew, nil
	}
	if err := s.Store.SaveBotComment(ctx, key, it.Repo.FullName(), it.Number, id); err != nil {
		return ew, err
	}
	ar, ok := gh.(AssigneeReader)
	if !ok || it.Kind != program.KindPullRequest {
		return ew, nil // an issue's welcome names its mentor but assigns nobody
	}
	logins, err := ar.Assignees(ctx, it.Repo, it.Number)
	if err != nil {
		return ew, fmt.Errorf("read assignees: %w", err)
	}
	for _, l := range logins {
		if isMentor(cfg, l) {
			ew.mentor = l
			break
		}
	}
	return ew, nil
}

// quietWindow bounds how long after an item was opened its opened event
// can still prove, by its comments count of 0, that no welcome is there.
const quietWindow = 10 * time.Minute

// openedWhileRunning tells whether this store can be sure it is the only
// one that ever handled the item's opened event: the item was opened after
// this service started (a new or restored store starts a new service; a
// redelivered or replayed event of an item opened before finds its store
// new) and moments ago (a backlog, a retry or a replay looks, as does a
// store that loses its records while the service runs). Together with a
// payload that shows no comment (Item.NoComments) and a contribution this
// store had never recorded, it proves there is no welcome of ours to find,
// so the look on GitHub is skipped.
func (s *Service) openedWhileRunning(it program.Item) bool {
	// GitHub's times are whole seconds, rounded down: an item opened in
	// the second the service started counts as opened before.
	if s.Started.IsZero() || it.CreatedAt.Before(s.Started) {
		return false
	}
	return s.now().Sub(it.CreatedAt) <= quietWindow
}
