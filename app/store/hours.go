package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"
)

// Kinds of office-hours post.
const (
	HoursAnnouncement = "announcement"
	HoursRecap        = "recap"
)

// States of an office-hours post.
const (
	HoursPosting = "posting" // claimed; being written, or the writer stopped
	HoursPosted  = "posted"
)

// HoursPost is an office-hours announcement or recap of one session of a
// target repository (owner/name, where the discussions are).
type HoursPost struct {
	Target         string
	SessionKey     string
	Kind           string // HoursAnnouncement or HoursRecap
	Owner          string
	ConfigRepo     string // the repository whose mentorship.yml set it up
	InstallationID int64
	Start, End     time.Time
	State          string
	// Uncertain: a create call was sent and may have landed; look for the
	// post's marker before writing it again.
	Uncertain bool
	// DiscussionID is the node ID of the discussion the post is (or, for a
	// recap written as a comment, is in); NodeID is the post's own node ID.
	DiscussionID string
	NodeID       string
	Number       int // the discussion's number
	URL          string
	PostedAt     time.Time
	// Attendance counted when the recap was written (recaps only).
	Attending, Maybe, Commenters int
	// PulseUp and PulseDown are the 👍 and 👎 on a recap, as last read.
	PulseUp, PulseDown int
}

const hoursPostColumns = `target, session_key, kind, owner, config_repo, installation_id, starts_at, ends_at, state,
	uncertain, discussion_id, node_id, number, url, posted_at, attending, maybe, commenters, pulse_up, pulse_down`

// GetHoursPost returns a post, or ErrNotFound.
func (db *DB) GetHoursPost(ctx context.Context, target, sessionKey, kind string) (HoursPost, error) {
	ps, err := db.queryHoursPosts(ctx, `WHERE target = $1 AND session_key = $2 AND kind = $3`, target, sessionKey, kind)
	if err != nil {
		return HoursPost{}, err
	}
	if len(ps) == 0 {
		return HoursPost{}, fmt.Errorf("office-hours %s %s %s: %w", kind, target, sessionKey, ErrNotFound)
	}
	return ps[0], nil
}

// ClaimHoursPost takes the right to write p (its Target, SessionKey, Kind
// and session fields). It reports true when the caller now holds the post:
// it was never claimed, or an earlier claim was released or is older than
// stale (its writer stopped). It reports false, with the stored post, when
// the post is written or another writer holds a fresh claim.
func (db *DB) ClaimHoursPost(ctx context.Context, p HoursPost, stale time.Duration) (HoursPost, bool, error) {
	now := db.now()
	res, err := db.w.ExecContext(ctx, `INSERT INTO hours_posts (target, session_key, kind, owner, config_repo, installation_id,
		starts_at, ends_at, state, claimed_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'posting', $9)
		ON CONFLICT (target, session_key, kind) DO NOTHING`,
		p.Target, p.SessionKey, p.Kind, p.Owner, p.ConfigRepo, p.InstallationID, millis(p.Start), millis(p.End), millis(now))
	if err != nil {
		return HoursPost{}, false, fmt.Errorf("claim office-hours post: %w", err)
	}
	n, _ := res.RowsAffected()
	if n == 0 {
		res, err = db.w.ExecContext(ctx, `UPDATE hours_posts SET claimed_at = $1, config_repo = $2, installation_id = $3
			WHERE target = $4 AND session_key = $5 AND kind = $6 AND state = 'posting' AND claimed_at < $7`,
			millis(now), p.ConfigRepo, p.InstallationID, p.Target, p.SessionKey, p.Kind, millis(now.Add(-stale)))
		if err != nil {
			return HoursPost{}, false, fmt.Errorf("claim office-hours post: %w", err)
		}
		n, _ = res.RowsAffected()
	}
	stored, err := db.GetHoursPost(ctx, p.Target, p.SessionKey, p.Kind)
	return stored, n == 1, err
}

// MarkHoursPostUncertain notes that a create call is about to be sent.
func (db *DB) MarkHoursPostUncertain(ctx context.Context, target, sessionKey, kind string) error {
	_, err := db.w.ExecContext(ctx, `UPDATE hours_posts SET uncertain = 1 WHERE target = $1 AND session_key = $2 AND kind = $3`,
		target, sessionKey, kind)
	if err != nil {
		return fmt.Errorf("mark office-hours post: %w", err)
	}
	return nil
}

// ReleaseHoursPost gives up a claim that failed, so the next run tries
// again at once.
func (db *DB) ReleaseHoursPost(ctx context.Context, target, sessionKey, kind string) error {
	_, err := db.w.ExecContext(ctx, `UPDATE hours_posts SET claimed_at = 0 WHERE target = $1 AND session_key = $2 AND kind = $3 AND state = 'posting'`,
		target, sessionKey, kind)
	if err != nil {
		return fmt.Errorf("release office-hours post: %w", err)
	}
	return nil
}

// SaveHoursPost records a written post: where it is and, for a recap, the
// attendance it shows.
func (db *DB) SaveHoursPost(ctx context.Context, p HoursPost) error {
	_, err := db.w.ExecContext(ctx, `UPDATE hours_posts SET state = 'posted', uncertain = 0, discussion_id = $1, node_id = $2,
		number = $3, url = $4, posted_at = $5, attending = $6, maybe = $7, commenters = $8
		WHERE target = $9 AND session_key = $10 AND kind = $11`,
		p.DiscussionID, p.NodeID, p.Number, p.URL, millis(db.now()), p.Attending, p.Maybe, p.Commenters,
		p.Target, p.SessionKey, p.Kind)
	if err != nil {
		return fmt.Errorf("save office-hours post: %w", err)
	}
	return nil
}

// HoursPostByDiscussion returns the announcement (preferred) or recap
// written as the discussion with that node ID, or ErrNotFound.
func (db *DB) HoursPostByDiscussion(ctx context.Context, discussionID string) (HoursPost, error) {
	ps, err := db.queryHoursPosts(ctx, `WHERE discussion_id = $1 AND state = 'posted' ORDER BY kind`, discussionID)
	if err != nil {
		return HoursPost{}, err
	}
	if len(ps) == 0 || discussionID == "" {
		return HoursPost{}, fmt.Errorf("office-hours discussion %s: %w", discussionID, ErrNotFound)
	}
	return ps[0], nil
}

// FirstHoursAnnouncement is the start of the earliest session of a
// target that was announced; ok is false when none was.
func (db *DB) FirstHoursAnnouncement(ctx context.Context, target string) (start time.Time, ok bool, err error) {
	var ms sql.NullInt64
	err = db.w.QueryRowContext(ctx, `SELECT MIN(starts_at) FROM hours_posts WHERE target = $1 AND kind = 'announcement' AND state = 'posted'`,
		target).Scan(&ms)
	if err != nil {
		return time.Time{}, false, fmt.Errorf("first announcement: %w", err)
	}
	return fromMillis(ms.Int64), ms.Valid, nil
}

// HoursRecaps lists the recaps of a target written since a time, oldest
// first.
func (db *DB) HoursRecaps(ctx context.Context, target string, since time.Time) ([]HoursPost, error) {
	return db.queryHoursPosts(ctx, `WHERE target = $1 AND kind = 'recap' AND state = 'posted' AND posted_at >= $2 ORDER BY starts_at`,
		target, millis(since))
}

// SaveHoursPulse records the 👍 and 👎 counted on a recap.
func (db *DB) SaveHoursPulse(ctx context.Context, target, sessionKey string, up, down int) error {
	_, err := db.w.ExecContext(ctx, `UPDATE hours_posts SET pulse_up = $1, pulse_down = $2 WHERE target = $3 AND session_key = $4 AND kind = 'recap'`,
		up, down, target, sessionKey)
	if err != nil {
		return fmt.Errorf("save pulse: %w", err)
	}
	return nil
}

func (db *DB) queryHoursPosts(ctx context.Context, where string, args ...any) ([]HoursPost, error) {
	rows, err := db.w.QueryContext(ctx, `SELECT `+hoursPostColumns+` FROM hours_posts `+where, args...)
	if err != nil {
		return nil, fmt.Errorf("query office-hours posts: %w", err)
	}
	defer rows.Close()
	var out []HoursPost
	for rows.Next() {
		var p HoursPost
		var start, end, posted int64
		var uncertain int
		if err := rows.Scan(&p.Target, &p.SessionKey, &p.Kind, &p.Owner, &p.ConfigRepo, &p.InstallationID, &start, &end, &p.State,
			&uncertain, &p.DiscussionID, &p.NodeID, &p.Number, &p.URL, &posted, &p.Attending, &p.Maybe, &p.Commenters,
			&p.PulseUp, &p.PulseDown); err != nil {
			return nil, fmt.Errorf("query office-hours posts: %w", err)
		}
		p.Start, p.End, p.PostedAt, p.Uncertain = fromMillis(start), fromMillis(end), fromMillis(posted), uncertain == 1
		out = append(out, p)
	}
	return out, rows.Err()
}

// HoursRole is a facilitator role someone held in a session.
type HoursRole struct {
	SessionKey string
	Role       string
	Login      string
	Start      time.Time
}

// HoursRoles returns a target's role history since a time, oldest first.
func (db *DB) HoursRoles(ctx context.Context, target string, since time.Time) ([]HoursRole, error) {
	rows, err := db.w.QueryContext(ctx, `SELECT session_key, role, login, starts_at FROM hours_roles
		WHERE target = $1 AND starts_at >= $2 ORDER BY starts_at, role`, target, millis(since))
	if err != nil {
		return nil, fmt.Errorf("office-hours roles: %w", err)
	}
	defer rows.Close()
	var out []HoursRole
	for rows.Next() {
		var r HoursRole
		var start int64
		if err := rows.Scan(&r.SessionKey, &r.Role, &r.Login, &start); err != nil {
			return nil, fmt.Errorf("office-hours roles: %w", err)
		}
		r.Start = fromMillis(start)
		out = append(out, r)
	}
	return out, rows.Err()
}

// SaveHoursRoles replaces the roles of one session; roles nobody took
// (an empty Login) are not kept.
func (db *DB) SaveHoursRoles(ctx context.Context, target string, roles []HoursRole) error {
	if len(roles) == 0 {
		return nil
	}
	return db.tx(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, `DELETE FROM hours_roles WHERE target = $1 AND session_key = $2`, target, roles[0].SessionKey); err != nil {
			return fmt.Errorf("save office-hours roles: %w", err)
		}
		for _, r := range roles {
			if r.Login == "" {
				continue
			}
			if r.SessionKey != roles[0].SessionKey {
				return errors.New("save office-hours roles: roles of more than one session")
			}
			_, err := tx.ExecContext(ctx, `INSERT INTO hours_roles (target, session_key, role, login, starts_at) VALUES ($1, $2, $3, $4, $5)`,
				target, r.SessionKey, r.Role, strings.ToLower(r.Login), millis(r.Start))
			if err != nil {
				return fmt.Errorf("save office-hours roles: %w", err)
			}
		}
		return nil
	})
}
