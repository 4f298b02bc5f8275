package gh

import (
	"context"
	"fmt"
	"net/url"
	"reflect"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/rs/zerolog"
	"github.com/shurcooL/githubv4"

	"github.com/mentorbot/mentorbot/app/repoconfig"
)

// StatusTTL is how long a "Busy" status read from GitHub is trusted.
const StatusTTL = 10 * time.Minute

// userStatus is the part of GraphQL's User.status the roster needs.
type userStatus struct {
	Status *struct {
		IndicatesLimitedAvailability bool
	}
}

// statusQuery builds the query type for logins: one field per login,
// aliased u0, u1, …, each `user(login: $lN) { status { … } }`.
func statusQuery(n int) reflect.Type {
	fields := make([]reflect.StructField, n)
	for i := range fields {
		k := strconv.Itoa(i)
		fields[i] = reflect.StructField{
			Name: "U" + k,
			Type: reflect.TypeFor[*userStatus](),
			Tag:  reflect.StructTag(`graphql:"u` + k + `: user(login: $l` + k + `)"`),
		}
	}
	return reflect.StructOf(fields)
}

// Busy reads GitHub's "Busy" status (limited availability) of every login
// in one GraphQL query. A login that is not a user (renamed, deleted) is
// not busy; the other answers still count.
func (c *Client) Busy(ctx context.Context, logins []string) (map[string]bool, error) {
	out := make(map[string]bool, len(logins))
	if len(logins) == 0 {
		return out, nil
	}
	q := reflect.New(statusQuery(len(logins)))
	vars := make(map[string]any, len(logins))
	for i, l := range logins {
		vars["l"+strconv.Itoa(i)] = githubv4.String(l)
	}
	err := c.v4().Query(ctx, q.Interface(), vars)
	for i, l := range logins {
		if u := q.Elem().Field(i).Interface().(*userStatus); u != nil && u.Status != nil {
			out[strings.ToLower(l)] = u.Status.IndicatesLimitedAvailability
		}
	}
	if err != nil && !strings.Contains(err.Error(), "Could not resolve to a User") {
		return out, fmt.Errorf("read user statuses: %w", err)
	}
	return out, nil
}

// v4 is a GraphQL client over the REST client's transport (the same
// installation token, the same HTTP cache).
func (c *Client) v4() *githubv4.Client {
	base := c.gh.BaseURL
	endpoint := base.ResolveReference(&url.URL{Path: "graphql"}).String()
	if strings.HasSuffix(strings.TrimSuffix(base.Path, "/"), "/api/v3") {
		u := *base
		u.Path = strings.TrimSuffix(strings.TrimSuffix(base.Path, "/"), "/v3") + "/graphql"
		endpoint = u.String()
	}
	return githubv4.NewEnterpriseClient(endpoint, c.gh.Client())
}

// Statuses caches "Busy" statuses for StatusTTL, so that a roster costs one
// query per ten minutes however many events arrive.
type Statuses struct {
	mu   sync.Mutex
	seen map[string]statusEntry // lower-case login
	now  func() time.Time
}

type statusEntry struct {
	busy bool
	at   time.Time
}

// Mark sets Busy on cfg's mentors, reading the statuses not known for the
// last StatusTTL in one query. A failed read is logged and leaves the
// mentors available: a status is a courtesy, not a reason to stop.
func (s *Statuses) Mark(ctx context.Context, c *Client, cfg *repoconfig.Config) {
	if len(cfg.Mentors) == 0 {
		return
	}
	now := time.Now()
	if s.now != nil {
		now = s.now()
	}
	s.mu.Lock()
	if s.seen == nil {
		s.seen = map[string]statusEntry{}
	}
	var stale []string
	for _, m := range cfg.Mentors {
		if e, ok := s.seen[strings.ToLower(m.Login)]; !ok || now.Sub(e.at) >= StatusTTL {
			stale = append(stale, m.Login)
		}
	}
	s.mu.Unlock()
	if len(stale) > 0 {
		busy, err := c.Busy(ctx, stale)
		if err != nil {
			zerolog.Ctx(ctx).Warn().Err(err).Int("mentors", len(stale)).Msg("Could not read the mentors' GitHub statuses; nobody counts as busy for now.")
		}
		s.mu.Lock()
		for _, l := range stale {
			if err == nil {
				s.seen[strings.ToLower(l)] = statusEntry{busy: busy[strings.ToLower(l)], at: now}
			}
		}
		s.mu.Unlock()
		if err != nil {
			return
		}
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	for i := range cfg.Mentors {
		cfg.Mentors[i].Busy = s.seen[strings.ToLower(cfg.Mentors[i].Login)].busy
	}
}
