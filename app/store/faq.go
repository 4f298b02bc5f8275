package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"
)

// FAQPage is the living FAQ discussion of one repository.
type FAQPage struct {
	Target string // owner/name of the repository holding it, lower case
	Owner  string
	NodeID string // "" until it is found or created
	Number int
	URL    string
	// Digest is that of the body last written successfully.
	Digest    string
	UpdatedAt time.Time
}

// FAQEntries returns the owner's FAQ entries, oldest first: at most limit,
// the newest ones.
func (db *DB) FAQEntries(ctx context.Context, owner string, limit int) ([]FAQEntry, error) {
	rows, err := db.r.QueryContext(ctx, `SELECT source, owner, author, excerpt, url, saved_at, question, area FROM (
		SELECT source, owner, author, excerpt, url, saved_at, question, area FROM hours_faq
		WHERE owner = $1 ORDER BY saved_at DESC, source DESC LIMIT $2) newest ORDER BY saved_at, source`, owner, limit)
	if err != nil {
		return nil, fmt.Errorf("faq entries of %s: %w", owner, err)
	}
	return scanFAQ(rows)
}

// GetFAQPage returns the FAQ page of a target (ErrNotFound when none was
// recorded).
func (db *DB) GetFAQPage(ctx context.Context, target string) (FAQPage, error) {
	p := FAQPage{Target: strings.ToLower(target)}
	var at int64
	err := db.r.QueryRowContext(ctx, `SELECT owner, node_id, number, url, digest, updated_at FROM faq_pages WHERE target = $1`, p.Target).
		Scan(&p.Owner, &p.NodeID, &p.Number, &p.URL, &p.Digest, &at)
	if errors.Is(err, sql.ErrNoRows) {
		return p, ErrNotFound
	}
	if err != nil {
		return p, fmt.Errorf("faq page of %s: %w", target, err)
	}
	p.UpdatedAt = fromMillis(at)
	return p, nil
}

// SaveFAQPage records where the FAQ discussion is and the digest of the
// body last written.
func (db *DB) SaveFAQPage(ctx context.Context, p FAQPage) error {
	_, err := db.w.ExecContext(ctx, `INSERT INTO faq_pages (target, owner, node_id, number, url, digest, updated_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7)
		ON CONFLICT (target) DO UPDATE SET owner = excluded.owner, node_id = excluded.node_id, number = excluded.number,
			url = excluded.url, digest = excluded.digest, updated_at = excluded.updated_at`,
		strings.ToLower(p.Target), p.Owner, p.NodeID, p.Number, p.URL, p.Digest, millis(db.now()))
	if err != nil {
		return fmt.Errorf("save faq page of %s: %w", p.Target, err)
	}
	return nil
}

// DueBy brings the job's items of the owner forward to at, where they
// were due later.
func (db *DB) DueBy(ctx context.Context, job, owner string, at time.Time) error {
	_, err := db.w.ExecContext(ctx, `UPDATE due_times SET due_at = $1 WHERE job = $2 AND owner = $3 AND due_at > $1`,
		millis(at), job, strings.ToLower(owner))
	if err != nil {
		return fmt.Errorf("make %s of %s due: %w", job, owner, err)
	}
	return nil
}
