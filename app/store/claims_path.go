package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"
)

// Steps of a contributor's path.
const (
	StepFirstContribution = "first_contribution" // their first pull request or issue (from contributions)
	StepStarterTask       = "starter_task"       // a good first issue done: their pull request closing it was merged
	StepNextStep          = "next_step"          // a next-step issue taken after a starter task
)

// PathStep is one step of a contributor's path.
type PathStep struct {
	Owner  string
	Login  string
	Step   string
	Repo   string
	Number int
	Kind   string // for the first contribution: KindPullRequest or KindIssue
	At     time.Time
}

// Path is a contributor's way through an owner's program.
type Path struct {
	Login string
	// First is their first pull request or issue the app saw; nil if none.
	First        *PathStep
	StarterTasks []PathStep
	NextSteps    []PathStep
}

// RecordPathStep adds a step (once); it reports whether it is new.
func (db *DB) RecordPathStep(ctx context.Context, s PathStep) (bool, error) {
	var added bool
	err := db.tx(ctx, func(tx *sql.Tx) error {
		var err error
		added, err = insertPathStep(ctx, tx, s)
		return err
	})
	return added, err
}

// ContributorPath returns login's path in owner's repositories.
func (db *DB) ContributorPath(ctx context.Context, owner, login string) (Path, error) {
	p := Path{Login: login}
	var first PathStep
	var at int64
	err := db.r.QueryRowContext(ctx, `SELECT repo, number, kind, opened_at FROM contributions WHERE owner = $1 AND LOWER(login) = LOWER($2)
		ORDER BY opened_at, repo, number LIMIT 1`, owner, login).Scan(&first.Repo, &first.Number, &first.Kind, &at)
	switch {
	case err == nil:
		first.Owner, first.Login, first.Step, first.At = owner, login, StepFirstContribution, fromMillis(at)
		p.First = &first
	case !errors.Is(err, sql.ErrNoRows):
		return p, fmt.Errorf("contributor path: %w", err)
	}
	rows, err := db.r.QueryContext(ctx, `SELECT step, repo, number, at FROM contributor_path WHERE owner = $1 AND login = $2 ORDER BY at, repo, number`,
		owner, strings.ToLower(login))
	if err != nil {
		return p, fmt.Errorf("contributor path: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		s := PathStep{Owner: owner, Login: login}
		if err := rows.Scan(&s.Step, &s.Repo, &s.Number, &at); err != nil {
			return p, fmt.Errorf("contributor path: %w", err)
		}
		s.At = fromMillis(at)
		switch s.Step {
		case StepStarterTask:
			p.StarterTasks = append(p.StarterTasks, s)
		case StepNextStep:
			p.NextSteps = append(p.NextSteps, s)
		}
	}
	return p, rows.Err()
}

func insertPathStep(ctx context.Context, tx *sql.Tx, s PathStep) (bool, error) {
	res, err := tx.ExecContext(ctx, `INSERT INTO contributor_path (owner, login, step, repo, number, at) VALUES ($1, $2, $3, $4, $5, $6)
		ON CONFLICT (owner, login, step, repo, number) DO NOTHING`,
		s.Owner, strings.ToLower(s.Login), s.Step, s.Repo, s.Number, millis(s.At))
	if err != nil {
		return false, fmt.Errorf("record path step: %w", err)
	}
	n, _ := res.RowsAffected()
	return n > 0, nil
}
