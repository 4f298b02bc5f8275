package store

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Session is one person signed in to the dashboard: who, what they can
// read of the app's installations, and until when.
type Session struct {
	Login string
	// Installations are the app's installations the person can read.
	Installations []int64
	// Repos are the lower case owner/name of the private repositories of
	// those installations the person can read.
	Repos   []string
	Expires time.Time
}

// sessionKey is what the store keeps of a session ID: its SHA-256, so
// that a copy of the table opens no session.
func sessionKey(id string) string {
	sum := sha256.Sum256([]byte(id))
	return hex.EncodeToString(sum[:])
}

// CreateSession stores a session under its (random) ID.
func (db *DB) CreateSession(ctx context.Context, id string, s Session) error {
	insts := make([]string, len(s.Installations))
	for i, in := range s.Installations {
		insts[i] = strconv.FormatInt(in, 10)
	}
	_, err := db.w.ExecContext(ctx, `INSERT INTO dashboard_sessions (id_hash, login, installations, repos, created_at, expires_at)
		VALUES ($1, $2, $3, $4, $5, $6)`,
		sessionKey(id), s.Login, strings.Join(insts, ","), strings.Join(s.Repos, "\n"), millis(db.now()), millis(s.Expires))
	if err != nil {
		return fmt.Errorf("create session: %w", err)
	}
	return nil
}

// Session reads the session with this ID; false when there is none or it
// has expired.
func (db *DB) Session(ctx context.Context, id string) (Session, bool, error) {
	var s Session
	var insts, repos string
	var exp int64
	err := db.r.QueryRowContext(ctx, `SELECT login, installations, repos, expires_at FROM dashboard_sessions
		WHERE id_hash = $1 AND expires_at > $2`, sessionKey(id), millis(db.now())).Scan(&s.Login, &insts, &repos, &exp)
	if errors.Is(err, sql.ErrNoRows) {
		return Session{}, false, nil
	}
	if err != nil {
		return Session{}, false, fmt.Errorf("read session: %w", err)
	}
	s.Expires = fromMillis(exp)
	for in := range strings.SplitSeq(insts, ",") {
		if n, err := strconv.ParseInt(in, 10, 64); err == nil {
			s.Installations = append(s.Installations, n)
		}
	}
	if repos != "" {
		s.Repos = strings.Split(repos, "\n")
	}
	return s, true, nil
}

// DeleteSession ends a session (logout).
func (db *DB) DeleteSession(ctx context.Context, id string) error {
	if _, err := db.w.ExecContext(ctx, `DELETE FROM dashboard_sessions WHERE id_hash = $1`, sessionKey(id)); err != nil {
		return fmt.Errorf("delete session: %w", err)
	}
	return nil
}

// PruneSessions deletes the sessions expired by now and says how many.
func (db *DB) PruneSessions(ctx context.Context) (int64, error) {
	res, err := db.w.ExecContext(ctx, `DELETE FROM dashboard_sessions WHERE expires_at <= $1`, millis(db.now()))
	if err != nil {
		return 0, fmt.Errorf("prune sessions: %w", err)
	}
	return res.RowsAffected()
}
