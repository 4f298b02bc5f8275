package gh

import (
	"context"
	"strings"
	"time"

	"github.com/google/go-github/v60/github"
	lru "github.com/hashicorp/golang-lru"
	"github.com/palantir/go-githubapp/appconfig"

	"github.com/mentorbot/mentorbot/app/repoconfig"
)

// ConfigTTL is how long a resolved mentorship.yml is trusted before it is
// read again: a repository's own file (or that it has none) and the
// owner's .github default, each on its own. A read of a file seen before
// is a conditional request, free of rate limit. A push that changes a
// file forgets it at once (Forget).
const ConfigTTL = 5 * time.Minute

// ConfigAbsentTTL is how long that a level has no file is trusted. Asking
// again is a 404, which GitHub counts (there is nothing to revalidate),
// and adding the file is a push that forgets the entry at once (a missed
// push is replayed from GitHub's delivery log within minutes); so the
// absence is read again rarely: an installation of many repositories that
// inherit the owner's default pays for it a few times a day, not every
// few minutes.
const ConfigAbsentTTL = 6 * time.Hour

// Bounds of the configuration cache, in repositories and owners.
const (
	configCacheRepos  = 20000
	configCacheOwners = 2000
)

// configEntry is one level's file as last read: undefined when there is none.
type configEntry struct {
	at     time.Time
	config appconfig.Config
}

// configCache keeps the two levels of mentorship.yml resolution, per
// repository and per owner. It is safe for concurrent use; two readers
// that miss at once may both read GitHub, and the later one wins.
type configCache struct {
	now    func() time.Time
	repos  *lru.Cache // lower-case owner/name → configEntry
	owners *lru.Cache // lower-case owner → configEntry
	// The repository's own file, and the owner's default in its .github
	// repository: two loaders without fallbacks, so each level is read
	// and kept on its own.
	repoLoader, ownerLoader *appconfig.Loader
}

func newConfigCache(now func() time.Time) *configCache {
	repos, _ := lru.New(configCacheRepos) // only fails for a size below 1
	owners, _ := lru.New(configCacheOwners)
	noDefault := appconfig.WithOwnerDefault("", nil)
	return &configCache{
		now: now, repos: repos, owners: owners,
		repoLoader:  appconfig.NewLoader([]string{repoconfig.Path}, noDefault),
		ownerLoader: appconfig.NewLoader([]string{repoconfig.OwnerPath}, noDefault),
	}
}

// load returns the configuration that applies to the repository: its own
// file, else the owner's default, else an undefined Config.
func (c *configCache) load(ctx context.Context, client *github.Client, owner, repo string) (appconfig.Config, error) {
	own, err := c.get(ctx, c.repos, repoKey(owner, repo), func() (appconfig.Config, error) {
		return c.repoLoader.LoadConfig(ctx, client, owner, repo, "")
	})
	if err != nil || !own.IsUndefined() {
		return own, err
	}
	return c.get(ctx, c.owners, strings.ToLower(owner), func() (appconfig.Config, error) {
		return c.ownerLoader.LoadConfig(ctx, client, owner, repoconfig.OwnerRepo, "")
	})
}

// get returns the cached entry while it is fresh, and reads it otherwise.
// A failed read is not kept.
func (c *configCache) get(_ context.Context, cache *lru.Cache, key string, read func() (appconfig.Config, error)) (appconfig.Config, error) {
	now := c.now()
	if v, ok := cache.Get(key); ok {
		e := v.(configEntry)
		ttl := ConfigTTL
		if e.config.IsUndefined() {
			ttl = ConfigAbsentTTL
		}
		if now.Sub(e.at) < ttl && !now.Before(e.at) {
			return e.config, nil
		}
	}
	cfg, err := read()
	if err != nil {
		return cfg, err
	}
	cache.Add(key, configEntry{at: now, config: cfg})
	return cfg, nil
}

// forget drops the repository's own level; with repo "" (or the owner's
// .github repository) the owner's default too.
func (c *configCache) forget(owner, repo string) {
	if repo != "" {
		c.repos.Remove(repoKey(owner, repo))
	}
	if repo == "" || strings.EqualFold(repo, repoconfig.OwnerRepo) {
		c.owners.Remove(strings.ToLower(owner))
	}
}

func repoKey(owner, repo string) string { return strings.ToLower(owner + "/" + repo) }
