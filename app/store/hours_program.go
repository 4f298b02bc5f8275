package store

import (
	"context"
	"fmt"
	"github.com/mentorbot/mentorbot/app/program"
	"time"
)

// Newcomer is a first-time contributor and when they first showed up.
type Newcomer struct {
	Login string
	Since time.Time
}

// Newcomers lists the owner's first-time contributors whose first pull
// request or issue was opened in (from, to], in order of arrival, each once.
func (db *DB) Newcomers(ctx context.Context, owner string, from, to time.Time) ([]Newcomer, error) {
	rows, err := db.r.QueryContext(ctx, `SELECT LOWER(login), MIN(login), MIN(opened_at) FROM contributions
		WHERE owner = $1 AND first_timer = 1 AND opened_at > $2 AND opened_at <= $3
		GROUP BY LOWER(login) ORDER BY MIN(opened_at), LOWER(login)`, owner, millis(from), millis(to))
	if err != nil {
		return nil, fmt.Errorf("newcomers: %w", err)
	}
	defer rows.Close()
	var out []Newcomer
	for rows.Next() {
		var key string
		var n Newcomer
		var at int64
		if err := rows.Scan(&key, &n.Login, &at); err != nil {
			return nil, fmt.Errorf("newcomers: %w", err)
		}
		n.Since = fromMillis(at)
		out = append(out, n)
	}
	return out, rows.Err()
}

// MergedFirstPullRequests lists the owner's first-timer pull requests
// merged in (from, to], in merge order.
func (db *DB) MergedFirstPullRequests(ctx context.Context, owner string, from, to time.Time) ([]Contribution, error) {
	rows, err := db.r.QueryContext(ctx, `SELECT repo, number, login, opened_at, merged_at FROM contributions
		WHERE owner = $1 AND first_timer = 1 AND kind = 'pull_request' AND merged_at > $2 AND merged_at <= $3
		ORDER BY merged_at, repo, number`, owner, millis(from), millis(to))
	if err != nil {
		return nil, fmt.Errorf("merged first pull requests: %w", err)
	}
	defer rows.Close()
	var out []Contribution
	for rows.Next() {
		c := Contribution{Owner: owner, Kind: program.KindPullRequest, FirstTimer: true}
		var opened, merged int64
		if err := rows.Scan(&c.Repo, &c.Number, &c.Login, &opened, &merged); err != nil {
			return nil, fmt.Errorf("merged first pull requests: %w", err)
		}
		c.OpenedAt, c.MergedAt = fromMillis(opened), fromMillis(merged)
		out = append(out, c)
	}
	return out, rows.Err()
}
