package store

import (
	"context"
	"database/sql"
	"fmt"
	"strings"

	"github.com/pressly/goose/v3"
)

// dialect is what differs between SQLite and PostgreSQL. Every other
// statement in the store is written once, in SQL both accept ($n
// placeholders, ON CONFLICT, RETURNING).
type dialect struct {
	name  string        // for logs; also the folder of its migrations
	goose goose.Dialect // how goose records migrations
	// greatest is the function that returns the larger of its arguments.
	greatest string
	// locks tells whether writers must take advisory locks to serialise
	// decisions for one owner. SQLite has one writer at a time already;
	// several replicas share one PostgreSQL database.
	locks bool
}

var (
	sqlite   = dialect{name: "sqlite", goose: goose.DialectSQLite3, greatest: "MAX"}
	postgres = dialect{name: "postgres", goose: goose.DialectPostgres, greatest: "GREATEST", locks: true}
)

// Lock scopes: decisions under one scope and owner run one at a time.
const (
	lockClaims  = "claims"  // claims, waiting lists and starter tasks
	lockMentors = "mentors" // mentor choices
)

// lock serialises the transaction's decisions in scope for one owner
// until it ends (a transaction advisory lock on PostgreSQL).
func (d dialect) lock(ctx context.Context, tx *sql.Tx, scope, owner string) error {
	if !d.locks {
		return nil
	}
	if _, err := tx.ExecContext(ctx, `SELECT pg_advisory_xact_lock(hashtext($1))`, scope+":"+strings.ToLower(owner)); err != nil {
		return fmt.Errorf("lock %s of %s: %w", scope, owner, err)
	}
	return nil
}
