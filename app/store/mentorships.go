package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"
)

// Mentorship states.
const (
	MentorshipActive  = "active"  // a mentor is paired with the newcomer
	MentorshipWaiting = "waiting" // nobody was free; first in line when someone is
	MentorshipEnded   = "ended"
)

// Mentorship pairs a newcomer's pull request or issue with a mentor.
type Mentorship struct {
	Repo            string
	Number          int
	Owner           string
	InstallationID  int64
	Kind            string
	Mentee          string
	Mentor          string
	PreviousMentor  string
	State           string
	Areas           []string
	CreatedAt       time.Time
	AssignedAt      time.Time
	FirstResponseAt time.Time
	NudgedAt        time.Time
	EndedAt         time.Time
	EndReason       string
	// KeptMentor is the mentor the mentee chose to keep ("/mentor keep")
	// while they are away; it counts only while it is Mentor.
	KeptMentor string
	// MenteeActiveAt is the newcomer's latest activity seen (comment,
	// push, new pull request or issue) while the mentorship is active.
	MenteeActiveAt time.Time
}

// Kept tells whether the mentee chose to keep their current mentor.
func (m Mentorship) Kept() bool { return m.Mentor != "" && strings.EqualFold(m.KeptMentor, m.Mentor) }

// MentorLoad is one mentor's state in an owner's program.
type MentorLoad struct {
	Active       int // distinct newcomers mentored now
	Away         bool
	AwayUntil    time.Time
	LastAssigned time.Time
	// Current is set, during Assign, on the mentors who already mentor the
	// newcomer being paired (on another issue or pull request).
	Current bool
}

// Chooser picks a mentor from the owner's current loads, given the mentor
// to avoid (the mentee's previous mentor, or the current one on a
// reassignment). It returns "" when nobody can take the newcomer.
type Chooser func(loads map[string]MentorLoad, avoid string) (mentor string)

const mentorshipColumns = `repo, number, owner, installation_id, kind, mentee, mentor, previous_mentor, state, areas,
	created_at, assigned_at, first_response_at, nudged_at, ended_at, end_reason`

// mentorshipReadColumns adds what only its own statements write.
const mentorshipReadColumns = mentorshipColumns + `, kept_mentor, mentee_active_at`

// Assign pairs the newcomer of m with a mentor in one transaction, so
// concurrent workers (or replicas) never exceed a capacity: the loads the
// chooser sees are those the choice changes. A pull request or issue that
// already has a mentorship keeps it (changed is false).
func (db *DB) Assign(ctx context.Context, m Mentorship, choose Chooser) (Mentorship, bool, error) {
	var out Mentorship
	var changed bool
	err := db.tx(ctx, func(tx *sql.Tx) error {
		if err := db.dialect.lock(ctx, tx, lockMentors, m.Owner); err != nil {
			return err
		}
		existing, err := getMentorship(ctx, tx, m.Repo, m.Number)
		if err == nil && existing.State != MentorshipEnded {
			out = existing
			return nil
		}
		if err != nil && !errors.Is(err, ErrNotFound) {
			return err
		}
		loads, err := mentorLoads(ctx, tx, m.Owner)
		if err != nil {
			return err
		}
		if err := markCurrent(ctx, tx, m.Owner, m.Mentee, loads); err != nil {
			return err
		}
		previous, err := lastMentorOf(ctx, tx, m.Owner, m.Mentee)
		if err != nil {
			return err
		}
		now := db.now()
		m.Mentor = choose(loads, previous)
		m.PreviousMentor = previous
		m.State = MentorshipWaiting
		m.CreatedAt = now
		m.AssignedAt = time.Time{}
		if m.Mentor != "" {
			m.State, m.AssignedAt = MentorshipActive, now
		}
		if err := saveMentorship(ctx, tx, m); err != nil {
			return err
		}
		if m.Mentor != "" {
			if err := recordAssignment(ctx, tx, m, "new", now); err != nil {
				return err
			}
		}
		out, changed = m, true
		return nil
	})
	return out, changed, err
}

// Reassign hands a mentorship to another mentor chosen without the current
// one, and stores the effects plan gives for the change (plan may be nil)
// under the decision's key, in the same transaction. When nobody else can
// take it, nothing changes. When a decision under the same key (not "")
// was stored before, nothing is decided again and the error is ErrDecided:
// the caller applies what is pending.
func (db *DB) Reassign(ctx context.Context, repo string, number int, reason, decision string, choose Chooser, plan Plan) (before, after Mentorship, changed bool, err error) {
	err = db.tx(ctx, func(tx *sql.Tx) error {
		cur, err := getMentorship(ctx, tx, repo, number)
		if err != nil {
			return err
		}
		if err := db.dialect.lock(ctx, tx, lockMentors, cur.Owner); err != nil {
			return err
		}
		before, after = cur, cur
		if decision != "" {
			done, err := decided(ctx, tx, decision)
			if err != nil {
				return err
			}
			if done {
				return ErrDecided
			}
		}
		if cur.State == MentorshipEnded {
			return nil
		}
		loads, err := mentorLoads(ctx, tx, cur.Owner)
		if err != nil {
			return err
		}
		if l, ok := loads[cur.Mentor]; ok && cur.State == MentorshipActive {
			l.Active-- // the current pairing does not count against a new choice
			loads[cur.Mentor] = l
		}
		next := choose(loads, cur.Mentor)
		if next == "" || strings.EqualFold(next, cur.Mentor) {
			return nil
		}
		now := db.now()
		after.PreviousMentor, after.Mentor, after.State = cur.Mentor, next, MentorshipActive
		after.AssignedAt, after.FirstResponseAt, after.NudgedAt = now, time.Time{}, time.Time{}
		if err := saveMentorship(ctx, tx, after); err != nil {
			return err
		}
		changed = true
		if err := recordAssignment(ctx, tx, after, reason, now); err != nil {
			return err
		}
		if plan == nil {
			return nil
		}
		if decision == "" {
			decision = fmt.Sprintf("reassign:%s#%d:%d", repo, number, millis(now))
		}
		return insertPlanned(ctx, tx, now, decision, plan(before, after))
	})
	return before, after, changed, err
}

// ServeWaiting assigns mentors to waiting newcomers of owner, in order of
// waiting, while pick finds someone. pick gets the waiting list and the
// loads and returns the index it serves and the mentor, or ok=false. The
// effects plan gives for each pairing (plan may be nil) are stored in the
// same transaction, so a pairing is never made without its notice.
func (db *DB) ServeWaiting(ctx context.Context, owner string, pick func(waiting []Mentorship, loads map[string]MentorLoad) (int, string, bool), plan Plan) ([]Mentorship, error) {
	var served []Mentorship
	err := db.tx(ctx, func(tx *sql.Tx) error {
		if err := db.dialect.lock(ctx, tx, lockMentors, owner); err != nil {
			return err
		}
		waiting, err := queryMentorships(ctx, tx, `WHERE owner = $1 AND state = 'waiting' ORDER BY created_at, repo, number`, owner)
		if err != nil {
			return err
		}
		for len(waiting) > 0 {
			loads, err := mentorLoads(ctx, tx, owner)
			if err != nil {
				return err
			}
			i, mentor, ok := pick(waiting, loads)
			if !ok {
				return nil
			}
			m := waiting[i]
			now := db.now()
			m.Mentor, m.State, m.AssignedAt = mentor, MentorshipActive, now
			if err := saveMentorship(ctx, tx, m); err != nil {
				return err
			}
			if err := recordAssignment(ctx, tx, m, "waiting", now); err != nil {
				return err
			}
			if plan != nil {
				decision := fmt.Sprintf("waiting:%s#%d:%d", m.Repo, m.Number, millis(now))
				if err := insertPlanned(ctx, tx, now, decision, plan(waiting[i], m)); err != nil {
					return err
				}
			}
			served = append(served, m)
			waiting = append(waiting[:i:i], waiting[i+1:]...)
		}
		return nil
	})
	return served, err
}

// EndMentorship frees the mentor's place; ended reports whether it was open.
func (db *DB) EndMentorship(ctx context.Context, repo string, number int, reason string) (Mentorship, bool, error) {
	var m Mentorship
	var ended bool
	err := db.tx(ctx, func(tx *sql.Tx) error {
		var err error
		_, m, ended, err = db.endMentorship(ctx, tx, repo, number, reason)
		return err
	})
	return m, ended, err
}

// endMentorship ends the mentorship in tx, if it is not over yet, and
// returns it before and after.
func (db *DB) endMentorship(ctx context.Context, tx *sql.Tx, repo string, number int, reason string) (before, after Mentorship, ended bool, err error) {
	before, err = getMentorship(ctx, tx, repo, number)
	if err != nil || before.State == MentorshipEnded {
		return before, before, false, err
	}
	after = before
	after.State, after.EndedAt, after.EndReason = MentorshipEnded, db.now(), reason
	return before, after, true, saveMentorship(ctx, tx, after)
}

// EndMentorshipPlanned ends a mentorship and stores the effects plan
// gives it, in one transaction under the decision's key: a retry of the
// same decision ends nothing again (ErrDecided) and leaves the effects in
// the log to be applied.
func (db *DB) EndMentorshipPlanned(ctx context.Context, repo string, number int, reason, decision string, plan Plan) (Mentorship, bool, error) {
	var m Mentorship
	var ended bool
	err := db.tx(ctx, func(tx *sql.Tx) error {
		done, err := decided(ctx, tx, decision)
		if err != nil {
			return err
		}
		if done {
			return ErrDecided
		}
		var before Mentorship
		if before, m, ended, err = db.endMentorship(ctx, tx, repo, number, reason); err != nil || !ended {
			return err
		}
		return insertPlanned(ctx, tx, db.now(), decision, plan(before, m))
	})
	return m, ended, err
}

// GetMentorship returns the mentorship of a pull request or issue.
func (db *DB) GetMentorship(ctx context.Context, repo string, number int) (Mentorship, error) {
	return getMentorship(ctx, db.w, repo, number)
}

// OpenMentorships lists active and waiting mentorships of every owner.
func (db *DB) OpenMentorships(ctx context.Context) ([]Mentorship, error) {
	return queryMentorships(ctx, db.r, `WHERE state IN ('active', 'waiting') ORDER BY created_at`)
}

// WaitingMentorships lists the newcomers of owner waiting for a mentor,
// in order of waiting.
func (db *DB) WaitingMentorships(ctx context.Context, owner string) ([]Mentorship, error) {
	return queryMentorships(ctx, db.r, `WHERE owner = $1 AND state = 'waiting' ORDER BY created_at, repo, number`, owner)
}

// Nudge records that the mentor of an active, unanswered mentorship was
// reminded, and stores the reminder's effects under the decision's key in
// the same transaction; nudged is false (and nothing is stored) when the
// mentorship was nudged, answered, handed to another mentor or ended
// meanwhile.
func (db *DB) Nudge(ctx context.Context, repo string, number int, mentor string, at time.Time, decision string, effects []Effect) (nudged bool, err error) {
	err = db.tx(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `UPDATE mentorships SET nudged_at = $1
			WHERE repo = $2 AND number = $3 AND state = 'active' AND nudged_at = 0 AND first_response_at = 0 AND LOWER(mentor) = LOWER($4)`,
			millis(at), repo, number, mentor)
		if err != nil {
			return fmt.Errorf("nudge: %w", err)
		}
		if n, _ := res.RowsAffected(); n != 1 {
			return nil
		}
		nudged = true
		return insertPlanned(ctx, tx, at, decision, effects)
	})
	return nudged, err
}

// RecordMentorResponse notes the mentor's first comment or review.
func (db *DB) RecordMentorResponse(ctx context.Context, repo string, number int, login string, at time.Time) (bool, error) {
	res, err := db.w.ExecContext(ctx, `UPDATE mentorships SET first_response_at = $1
		WHERE repo = $2 AND number = $3 AND state = 'active' AND first_response_at = 0 AND LOWER(mentor) = LOWER($4)`,
		millis(at), repo, number, login)
	if err != nil {
		return false, fmt.Errorf("record mentor response: %w", err)
	}
	n, _ := res.RowsAffected()
	return n == 1, nil
}

// SetMentorAway takes a mentor out of the rotation (until a date, or until
// they say they are back) or puts them back.
func (db *DB) SetMentorAway(ctx context.Context, owner, login string, away bool, until time.Time) error {
	_, err := db.w.ExecContext(ctx, `INSERT INTO mentors (owner, login, away, away_until) VALUES ($1, $2, $3, $4)
		ON CONFLICT (owner, login) DO UPDATE SET away = excluded.away, away_until = excluded.away_until`,
		owner, strings.ToLower(login), boolInt(away), millis(until))
	if err != nil {
		return fmt.Errorf("set mentor away: %w", err)
	}
	return nil
}

// MentorLoads returns the owner's mentors' state, keyed by lower-case login.
func (db *DB) MentorLoads(ctx context.Context, owner string) (map[string]MentorLoad, error) {
	return mentorLoads(ctx, db.r, owner)
}

type querier interface {
	QueryContext(ctx context.Context, q string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, q string, args ...any) *sql.Row
	ExecContext(ctx context.Context, q string, args ...any) (sql.Result, error)
}

func mentorLoads(ctx context.Context, q querier, owner string) (map[string]MentorLoad, error) {
	loads := map[string]MentorLoad{}
	rows, err := q.QueryContext(ctx, `SELECT login, away, away_until, last_assigned_at FROM mentors WHERE owner = $1`, owner)
	if err != nil {
		return nil, fmt.Errorf("mentor loads: %w", err)
	}
	for rows.Next() {
		var login string
		var away int
		var until, last int64
		if err := rows.Scan(&login, &away, &until, &last); err != nil {
			rows.Close()
			return nil, fmt.Errorf("mentor loads: %w", err)
		}
		loads[login] = MentorLoad{Away: away == 1, AwayUntil: fromMillis(until), LastAssigned: fromMillis(last)}
	}
	rows.Close()
	rows, err = q.QueryContext(ctx, `SELECT LOWER(mentor), COUNT(DISTINCT LOWER(mentee)) FROM mentorships WHERE owner = $1 AND state = 'active' GROUP BY LOWER(mentor)`, owner)
	if err != nil {
		return nil, fmt.Errorf("mentor loads: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var login string
		var n int
		if err := rows.Scan(&login, &n); err != nil {
			return nil, fmt.Errorf("mentor loads: %w", err)
		}
		l := loads[login]
		l.Active = n
		loads[login] = l
	}
	return loads, rows.Err()
}

// markCurrent flags the mentors who mentor mentee now.
func markCurrent(ctx context.Context, q querier, owner, mentee string, loads map[string]MentorLoad) error {
	rows, err := q.QueryContext(ctx, `SELECT DISTINCT LOWER(mentor) FROM mentorships
		WHERE owner = $1 AND LOWER(mentee) = LOWER($2) AND state = 'active' AND mentor <> ''`, owner, mentee)
	if err != nil {
		return fmt.Errorf("current mentor: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var login string
		if err := rows.Scan(&login); err != nil {
			return fmt.Errorf("current mentor: %w", err)
		}
		l := loads[login]
		l.Current = true
		loads[login] = l
	}
	return rows.Err()
}

func lastMentorOf(ctx context.Context, q querier, owner, mentee string) (string, error) {
	var mentor string
	err := q.QueryRowContext(ctx, `SELECT mentor FROM assignments WHERE owner = $1 AND LOWER(mentee) = LOWER($2) ORDER BY assigned_at DESC, id DESC LIMIT 1`,
		owner, mentee).Scan(&mentor)
	if errors.Is(err, sql.ErrNoRows) {
		return "", nil
	}
	if err != nil {
		return "", fmt.Errorf("previous mentor: %w", err)
	}
	return mentor, nil
}

func recordAssignment(ctx context.Context, tx *sql.Tx, m Mentorship, reason string, now time.Time) error {
	_, err := tx.ExecContext(ctx, `INSERT INTO assignments (owner, repo, number, mentee, mentor, reason, assigned_at) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
		m.Owner, m.Repo, m.Number, m.Mentee, m.Mentor, reason, millis(now))
	if err != nil {
		return fmt.Errorf("record assignment: %w", err)
	}
	_, err = tx.ExecContext(ctx, `INSERT INTO mentors (owner, login, last_assigned_at) VALUES ($1, $2, $3)
		ON CONFLICT (owner, login) DO UPDATE SET last_assigned_at = excluded.last_assigned_at`,
		m.Owner, strings.ToLower(m.Mentor), millis(now))
	if err != nil {
		return fmt.Errorf("record assignment: %w", err)
	}
	return nil
}

func saveMentorship(ctx context.Context, tx *sql.Tx, m Mentorship) error {
	_, err := tx.ExecContext(ctx, `INSERT INTO mentorships (`+mentorshipColumns+`)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)
		ON CONFLICT (repo, number) DO UPDATE SET mentor = excluded.mentor, previous_mentor = excluded.previous_mentor,
			state = excluded.state, areas = excluded.areas, assigned_at = excluded.assigned_at,
			first_response_at = excluded.first_response_at, nudged_at = excluded.nudged_at,
			ended_at = excluded.ended_at, end_reason = excluded.end_reason, mentee = excluded.mentee,
			installation_id = excluded.installation_id, created_at = excluded.created_at`,
		m.Repo, m.Number, m.Owner, m.InstallationID, m.Kind, m.Mentee, m.Mentor, m.PreviousMentor, m.State,
		strings.Join(m.Areas, ","), millis(m.CreatedAt), millis(m.AssignedAt), millis(m.FirstResponseAt),
		millis(m.NudgedAt), millis(m.EndedAt), m.EndReason)
	if err != nil {
		return fmt.Errorf("save mentorship: %w", err)
	}
	return nil
}

func getMentorship(ctx context.Context, q querier, repo string, number int) (Mentorship, error) {
	ms, err := queryMentorships(ctx, q, `WHERE repo = $1 AND number = $2`, repo, number)
	if err != nil {
		return Mentorship{}, err
	}
	if len(ms) == 0 {
		return Mentorship{}, fmt.Errorf("mentorship %s#%d: %w", repo, number, ErrNotFound)
	}
	return ms[0], nil
}

func queryMentorships(ctx context.Context, q querier, where string, args ...any) ([]Mentorship, error) {
	rows, err := q.QueryContext(ctx, `SELECT `+mentorshipReadColumns+` FROM mentorships `+where, args...)
	if err != nil {
		return nil, fmt.Errorf("query mentorships: %w", err)
	}
	defer rows.Close()
	var out []Mentorship
	for rows.Next() {
		var m Mentorship
		var areas string
		var created, assigned, responded, nudged, ended, active int64
		if err := rows.Scan(&m.Repo, &m.Number, &m.Owner, &m.InstallationID, &m.Kind, &m.Mentee, &m.Mentor, &m.PreviousMentor,
			&m.State, &areas, &created, &assigned, &responded, &nudged, &ended, &m.EndReason, &m.KeptMentor, &active); err != nil {
			return nil, fmt.Errorf("query mentorships: %w", err)
		}
		if areas != "" {
			m.Areas = strings.Split(areas, ",")
		}
		m.CreatedAt, m.AssignedAt, m.FirstResponseAt = fromMillis(created), fromMillis(assigned), fromMillis(responded)
		m.NudgedAt, m.EndedAt, m.MenteeActiveAt = fromMillis(nudged), fromMillis(ended), fromMillis(active)
		out = append(out, m)
	}
	return out, rows.Err()
}
