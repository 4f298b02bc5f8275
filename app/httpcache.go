package app

import (
	lru "github.com/hashicorp/golang-lru"
)

// httpCacheEntries bounds the GitHub response cache (ETags and bodies of
// config files and other GETs), so conditional requests save rate limit
// without the cache growing without end.
const httpCacheEntries = 4096

// lruCache is an httpcache.Cache that forgets the least recently used entry.
type lruCache struct{ c *lru.Cache }

func newHTTPCache() *lruCache {
	c, _ := lru.New(httpCacheEntries) // only fails for a size below 1
	return &lruCache{c: c}
}

func (l *lruCache) Get(key string) ([]byte, bool) {
	v, ok := l.c.Get(key)
	if !ok {
		return nil, false
	}
	return v.([]byte), true
}

func (l *lruCache) Set(key string, b []byte) { l.c.Add(key, b) }
func (l *lruCache) Delete(key string)        { l.c.Remove(key) }
