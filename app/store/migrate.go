package store

import (
	"context"
	"embed"
	"fmt"
	"io/fs"

	"github.com/pressly/goose/v3"
	"github.com/pressly/goose/v3/lock"
)

//go:embed migrations
var migrations embed.FS

// advisoryLockKey serialises migrations among replicas that start together
// on one PostgreSQL database.
const advisoryLockKey = 0x6d656e746f72 // "mentor"

func (db *DB) migrate(ctx context.Context) error {
	sub, err := fs.Sub(migrations, "migrations/"+db.dialect.name)
	if err != nil {
		return fmt.Errorf("migrations: %w", err)
	}
	provider, err := goose.NewProvider(db.dialect.goose, db.w, sub, db.lockOption()...)
	if err != nil {
		return fmt.Errorf("migrations: %w", err)
	}
	if _, err := provider.Up(ctx); err != nil {
		return fmt.Errorf("migrate: %w", err)
	}
	return nil
}

func (db *DB) lockOption() []goose.ProviderOption {
	if !db.dialect.locks {
		return nil // one process owns a SQLite file
	}
	locker, err := lock.NewPostgresSessionLocker(lock.WithLockID(advisoryLockKey))
	if err != nil {
		return nil
	}
	return []goose.ProviderOption{goose.WithSessionLocker(locker)}
}
