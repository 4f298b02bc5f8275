package store

import (
	"context"
	"database/sql"
	"fmt"
	"time"
)

// Kudo is a "/kudos @user reason" for the next office-hours recap.
type Kudo struct {
	Source    string // the comment and command it came from; unique
	Owner     string
	Giver     string
	Recipient string
	Reason    string // as written; neutralise before showing it
	URL       string // the comment
	GivenAt   time.Time
}

// FAQEntry is a mentor's comment saved with /faq.
type FAQEntry struct {
	Source  string
	Owner   string
	Author  string
	Excerpt string // as written; neutralise before showing it
	URL     string
	SavedAt time.Time
	// Question is the title of the issue, pull request or discussion the
	// answer was written in (as written; neutralise it); may be "".
	Question string
	// Area is the configured area the entry belongs to; "" for none.
	Area string
}

// ActionItem is an "/action text" written about an office-hours session.
type ActionItem struct {
	Source       string
	Target       string
	SessionKey   string
	SessionStart time.Time
	Author       string
	Text         string // as written; neutralise before showing it
	CreatedAt    time.Time
}

// AddKudo records a kudo; false means its Source was recorded before.
func (db *DB) AddKudo(ctx context.Context, k Kudo) (bool, error) {
	return db.insertOnce(ctx, "kudo", `INSERT INTO hours_kudos (source, owner, giver, recipient, reason, url, given_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (source) DO NOTHING`,
		k.Source, k.Owner, k.Giver, k.Recipient, k.Reason, k.URL, millis(k.GivenAt))
}

// AddFAQEntry records an FAQ entry; false means its Source was recorded before.
func (db *DB) AddFAQEntry(ctx context.Context, e FAQEntry) (bool, error) {
	return db.insertOnce(ctx, "faq entry", `INSERT INTO hours_faq (source, owner, author, excerpt, url, saved_at, question, area)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (source) DO NOTHING`,
		e.Source, e.Owner, e.Author, e.Excerpt, e.URL, millis(e.SavedAt), e.Question, e.Area)
}

// AddActionItem records an action item; false means its Source was
// recorded before.
func (db *DB) AddActionItem(ctx context.Context, a ActionItem) (bool, error) {
	return db.insertOnce(ctx, "action item", `INSERT INTO hours_actions (source, target, session_key, session_start, author, text, created_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (source) DO NOTHING`,
		a.Source, a.Target, a.SessionKey, millis(a.SessionStart), a.Author, a.Text, millis(a.CreatedAt))
}

func (db *DB) insertOnce(ctx context.Context, what, q string, args ...any) (bool, error) {
	res, err := db.w.ExecContext(ctx, q, args...)
	if err != nil {
		return false, fmt.Errorf("add %s: %w", what, err)
	}
	n, _ := res.RowsAffected()
	return n == 1, nil
}

// RecapNotes are the kudos, FAQ entries and action items a recap shows.
type RecapNotes struct {
	Kudos   []Kudo
	FAQ     []FAQEntry
	Actions []ActionItem
}

// RecapPeriod says which notes a recap takes.
type RecapPeriod struct {
	Owner, Target string
	// Report names the recap; notes it took before come back again, so a
	// retried recap shows the same notes.
	Report string
	// Until: kudos and FAQ entries recorded up to this time.
	Until time.Time
	// SessionStart: action items of sessions that started up to this time
	// (the recap's session, and earlier ones whose recap was out already).
	SessionStart time.Time
}

// TakeRecapNotes marks the notes no recap has shown yet as shown in
// p.Report and returns every note shown there, in the order written.
func (db *DB) TakeRecapNotes(ctx context.Context, p RecapPeriod) (RecapNotes, error) {
	var out RecapNotes
	err := db.tx(ctx, func(tx *sql.Tx) error {
		for _, q := range []string{
			`UPDATE hours_kudos SET reported_in = $1 WHERE owner = $2 AND reported_in = '' AND given_at <= $3`,
			`UPDATE hours_faq SET reported_in = $1 WHERE owner = $2 AND reported_in = '' AND saved_at <= $3`,
		} {
			if _, err := tx.ExecContext(ctx, q, p.Report, p.Owner, millis(p.Until)); err != nil {
				return fmt.Errorf("take recap notes: %w", err)
			}
		}
		_, err := tx.ExecContext(ctx, `UPDATE hours_actions SET reported_in = $1 WHERE target = $2 AND reported_in = '' AND session_start <= $3`,
			p.Report, p.Target, millis(p.SessionStart))
		if err != nil {
			return fmt.Errorf("take recap notes: %w", err)
		}
		if out.Kudos, err = reportedKudos(ctx, tx, p.Report); err != nil {
			return err
		}
		if out.FAQ, err = reportedFAQ(ctx, tx, p.Report); err != nil {
			return err
		}
		out.Actions, err = reportedActions(ctx, tx, p.Report)
		return err
	})
	return out, err
}

func reportedKudos(ctx context.Context, q querier, report string) ([]Kudo, error) {
	rows, err := q.QueryContext(ctx, `SELECT source, owner, giver, recipient, reason, url, given_at FROM hours_kudos
		WHERE reported_in = $1 ORDER BY given_at, source`, report)
	if err != nil {
		return nil, fmt.Errorf("recap kudos: %w", err)
	}
	defer rows.Close()
	var out []Kudo
	for rows.Next() {
		var k Kudo
		var at int64
		if err := rows.Scan(&k.Source, &k.Owner, &k.Giver, &k.Recipient, &k.Reason, &k.URL, &at); err != nil {
			return nil, fmt.Errorf("recap kudos: %w", err)
		}
		k.GivenAt = fromMillis(at)
		out = append(out, k)
	}
	return out, rows.Err()
}

func reportedFAQ(ctx context.Context, q querier, report string) ([]FAQEntry, error) {
	rows, err := q.QueryContext(ctx, `SELECT source, owner, author, excerpt, url, saved_at, question, area FROM hours_faq
		WHERE reported_in = $1 ORDER BY saved_at, source`, report)
	if err != nil {
		return nil, fmt.Errorf("recap faq: %w", err)
	}
	return scanFAQ(rows)
}

func scanFAQ(rows *sql.Rows) ([]FAQEntry, error) {
	defer rows.Close()
	var out []FAQEntry
	for rows.Next() {
		var e FAQEntry
		var at int64
		if err := rows.Scan(&e.Source, &e.Owner, &e.Author, &e.Excerpt, &e.URL, &at, &e.Question, &e.Area); err != nil {
			return nil, fmt.Errorf("faq entries: %w", err)
		}
		e.SavedAt = fromMillis(at)
		out = append(out, e)
	}
	return out, rows.Err()
}

func reportedActions(ctx context.Context, q querier, report string) ([]ActionItem, error) {
	rows, err := q.QueryContext(ctx, `SELECT source, target, session_key, session_start, author, text, created_at FROM hours_actions
		WHERE reported_in = $1 ORDER BY created_at, source`, report)
	if err != nil {
		return nil, fmt.Errorf("recap action items: %w", err)
	}
	defer rows.Close()
	var out []ActionItem
	for rows.Next() {
		var a ActionItem
		var start, at int64
		if err := rows.Scan(&a.Source, &a.Target, &a.SessionKey, &start, &a.Author, &a.Text, &at); err != nil {
			return nil, fmt.Errorf("recap action items: %w", err)
		}
		a.SessionStart, a.CreatedAt = fromMillis(start), fromMillis(at)
		out = append(out, a)
	}
	return out, rows.Err()
}
