package gh

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"sync"
	"time"

	"github.com/google/go-github/v60/github"
	"github.com/rs/zerolog"

	"github.com/mentorbot/mentorbot/app/mentoring/roster"
)

// TeamTTL is how long a team's member list is reused before it is
// revalidated (a conditional request through the HTTP cache).
const TeamTTL = 10 * time.Minute

// teamCache keeps team member lists for TeamTTL, so that a roster of
// teams costs one paginated call per team per TeamTTL however many events
// and scheduled runs read the configuration.
type teamCache struct {
	mu   sync.Mutex
	seen map[string]teamEntry // lower-case "org/slug"
	now  func() time.Time
}

type teamEntry struct {
	members []string
	at      time.Time
}

// cachedSource is a roster.Source whose team lists come from a teamCache.
type cachedSource struct {
	*Client
	cache *teamCache
}

// TeamMembers serves the cached list, or reads it; a team that does not
// exist or that the app may not see counts as empty (logged), so that one
// wrong entry of mentor_teams does not stop the program for the repository.
func (s cachedSource) TeamMembers(ctx context.Context, org, slug string) ([]string, error) {
	now := time.Now()
	if s.cache.now != nil {
		now = s.cache.now()
	}
	key := strings.ToLower(org + "/" + slug)
	s.cache.mu.Lock()
	e, ok := s.cache.seen[key]
	s.cache.mu.Unlock()
	if ok && now.Sub(e.at) < TeamTTL {
		return e.members, nil
	}
	members, err := s.Client.TeamMembers(ctx, org, slug)
	var er *github.ErrorResponse
	if err != nil && errors.As(err, &er) && er.Response != nil && er.Response.StatusCode == http.StatusNotFound {
		zerolog.Ctx(ctx).Warn().Str("team", org+"/"+slug).Msg("The team in mentor_teams does not exist or the app cannot see it (members: read); it adds no mentors.")
		members, err = nil, nil
	}
	if err != nil {
		return nil, err
	}
	s.cache.mu.Lock()
	if s.cache.seen == nil {
		s.cache.seen = map[string]teamEntry{}
	}
	s.cache.seen[key] = teamEntry{members: members, at: now}
	s.cache.mu.Unlock()
	return members, nil
}

var _ roster.Source = cachedSource{}
