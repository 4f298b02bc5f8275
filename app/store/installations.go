package store

import (
	"context"
	"database/sql"
	"fmt"
)

// Installation is an installation of the app on an account.
type Installation struct {
	ID          int64
	Account     string
	AccountType string
	Suspended   bool
}

// Repository is a repository an installation covers.
type Repository struct {
	ID       int64
	FullName string
}

// SaveInstallation records or updates an installation.
func (db *DB) SaveInstallation(ctx context.Context, in Installation) error {
	now := millis(db.now())
	suspended := 0
	if in.Suspended {
		suspended = 1
	}
	_, err := db.w.ExecContext(ctx, `INSERT INTO installations (id, account, account_type, suspended, created_at, updated_at)
		VALUES ($1, $2, $3, $4, $5, $5)
		ON CONFLICT (id) DO UPDATE SET account = excluded.account, account_type = excluded.account_type,
			suspended = excluded.suspended, updated_at = excluded.updated_at`,
		in.ID, in.Account, in.AccountType, suspended, now)
	if err != nil {
		return fmt.Errorf("save installation: %w", err)
	}
	return nil
}

// DeleteInstallation forgets an installation and its repositories.
func (db *DB) DeleteInstallation(ctx context.Context, id int64) error {
	return db.tx(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, `DELETE FROM repositories WHERE installation_id = $1`, id); err != nil {
			return fmt.Errorf("delete installation repositories: %w", err)
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM installations WHERE id = $1`, id); err != nil {
			return fmt.Errorf("delete installation: %w", err)
		}
		return nil
	})
}

// AddRepositories records repositories under an installation.
func (db *DB) AddRepositories(ctx context.Context, installationID int64, repos []Repository) error {
	now := millis(db.now())
	return db.tx(ctx, func(tx *sql.Tx) error {
		for _, r := range repos {
			_, err := tx.ExecContext(ctx, `INSERT INTO repositories (id, installation_id, full_name, added_at) VALUES ($1, $2, $3, $4)
				ON CONFLICT (id) DO UPDATE SET installation_id = excluded.installation_id, full_name = excluded.full_name`,
				r.ID, installationID, r.FullName, now)
			if err != nil {
				return fmt.Errorf("add repository %s: %w", r.FullName, err)
			}
		}
		return nil
	})
}

// RemoveRepositories forgets repositories.
func (db *DB) RemoveRepositories(ctx context.Context, ids []int64) error {
	return db.tx(ctx, func(tx *sql.Tx) error {
		for _, id := range ids {
			if _, err := tx.ExecContext(ctx, `DELETE FROM repositories WHERE id = $1`, id); err != nil {
				return fmt.Errorf("remove repository: %w", err)
			}
		}
		return nil
	})
}
