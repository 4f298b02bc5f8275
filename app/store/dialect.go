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

// Lock scopes: decisions under one scope and subject run one at a time.
const (
	lockClaims      = "claims"       // claims, waiting lists and starter tasks, per owner
	lockMentors     = "mentors"      // mentor choices, per owner
	lockReplyBudget = "reply-budget" // bot replies, per repository and person
)

// lock serialises the transaction's decisions in scope for one subject
// (case-insensitive) until it ends: a transaction advisory lock on
// PostgreSQL.
func (d dialect) lock(ctx context.Context, tx *sql.Tx, scope, subject string) error {
	if !d.locks {
		return nil
	}
	if _, err := tx.ExecContext(ctx, `SELECT pg_advisory_xact_lock(hashtext($1))`, scope+":"+strings.ToLower(subject)); err != nil {
		return fmt.Errorf("lock %s of %s: %w", scope, subject, err)
	}
	return nil
}
