package main

import (
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"

	"github.com/mentorbot/mentorbot/app"
)

// errNoStore is a store that a command reads but that does not exist yet.
var errNoStore = errors.New("no store")

// requireStore refuses a SQLite store that does not exist: opening it
// would create an empty file (and its folders), and the command would
// report on nothing. `mentorbot serve` is the one that creates the store.
// A PostgreSQL database is the server's to know about.
func requireStore(cfg *app.Config) error {
	path, ok := sqliteFile(cfg.Database.URL)
	if !ok {
		return nil
	}
	_, err := os.Stat(path)
	if errors.Is(err, fs.ErrNotExist) {
		if abs, aerr := filepath.Abs(path); aerr == nil {
			path = abs
		}
		return fmt.Errorf("%w at %s (database.url %s): `mentorbot serve` creates it; run this command with the same --config or MENTORBOT_DATABASE_URL as the service",
			errNoStore, path, cfg.Database.URL)
	}
	if err != nil {
		return fmt.Errorf("store: %w", err)
	}
	return nil
}

// sqliteFile is the file a sqlite:// database URL names, as the store
// reads it: sqlite://mentorbot.db is relative to the working folder,
// sqlite:///var/lib/mentorbot/mentorbot.db absolute.
func sqliteFile(rawURL string) (string, bool) {
	u, err := url.Parse(rawURL)
	if err != nil {
		return "", false
	}
	switch u.Scheme {
	case "sqlite", "sqlite3", "file":
	default:
		return "", false
	}
	if u.Opaque != "" {
		return u.Opaque, true
	}
	return u.Host + u.Path, u.Host+u.Path != ""
}
