package gatherings

import (
	"context"
	"errors"
	"strings"

	"github.com/mentorbot/mentorbot/app/gatherings/schedule"
	"github.com/mentorbot/mentorbot/app/store"
)

// marker is the hidden line that identifies a post of a session.
func marker(kind, target, sessionKey string) string {
	return "<!-- mentorbot:office-hours:" + kind + ":" + target + ":" + sessionKey + " -->"
}

// claim takes the right to write a session's post; ok is false when it is
// written already or another writer is on it.
func (s *Service) claim(ctx context.Context, p Program, kind string, sn schedule.Session) (store.HoursPost, bool, error) {
	return s.Store.ClaimHoursPost(ctx, store.HoursPost{
		Target: p.StoreTarget(), SessionKey: sn.Key, Kind: kind, Owner: p.Repo.Owner,
		ConfigRepo: p.Repo.FullName(), InstallationID: p.InstallationID, Start: sn.Start, End: sn.End,
	}, staleClaim)
}

// placement says where a post goes: a new discussion in a category, or a
// comment on an existing discussion.
type placement struct {
	category   *Category
	discussion *store.HoursPost // the discussion to comment on
}

// write posts a claimed post, or, when an earlier writer may have posted
// it, finds it by its marker and brings it up to date. It records the post
// in the store; on failure it releases the claim so the next run tries
// again.
func (s *Service) write(ctx context.Context, gh GitHub, st site, claimed store.HoursPost, at placement, title, body, mark string) (store.HoursPost, error) {
	post, err := s.writePost(ctx, gh, st, claimed, at, title, body, mark)
	if err != nil {
		return claimed, s.release(ctx, claimed, err)
	}
	claimed.NodeID, claimed.URL = post.ID, post.URL
	claimed.DiscussionID, claimed.Number = post.ID, post.Number
	if at.discussion != nil {
		claimed.DiscussionID, claimed.Number = at.discussion.DiscussionID, at.discussion.Number
	}
	return claimed, s.Store.SaveHoursPost(ctx, claimed)
}

func (s *Service) writePost(ctx context.Context, gh GitHub, st site, claimed store.HoursPost, at placement, title, body, mark string) (Post, error) {
	owner, name := splitTarget(claimed.Target)
	if claimed.Uncertain {
		var found Post
		var ok bool
		var err error
		if at.discussion != nil {
			found, ok, err = gh.FindDiscussionComment(ctx, at.discussion.DiscussionID, mark)
		} else {
			found, ok, err = gh.FindDiscussion(ctx, owner, name, at.category.ID, mark)
		}
		if err != nil {
			return Post{}, err
		}
		if ok {
			if at.discussion != nil {
				return found, gh.UpdateDiscussionComment(ctx, found.ID, body)
			}
			return found, gh.UpdateDiscussion(ctx, found.ID, title, body)
		}
	}
	if err := s.Store.MarkHoursPostUncertain(ctx, claimed.Target, claimed.SessionKey, claimed.Kind); err != nil {
		return Post{}, err
	}
	if at.discussion != nil {
		return gh.AddDiscussionComment(ctx, at.discussion.DiscussionID, "", body)
	}
	return gh.CreateDiscussion(ctx, st.repo.ID, at.category.ID, title, body)
}

// release gives a claim up after err, so the next run tries again.
func (s *Service) release(ctx context.Context, claimed store.HoursPost, err error) error {
	return errors.Join(err, s.Store.ReleaseHoursPost(ctx, claimed.Target, claimed.SessionKey, claimed.Kind))
}

// splitTarget reads "owner/name", or the repository of a store target
// "owner/name#series".
func splitTarget(fullName string) (owner, name string) {
	owner, name, _ = strings.Cut(fullName, "/")
	name, _, _ = strings.Cut(name, "#")
	return owner, name
}
