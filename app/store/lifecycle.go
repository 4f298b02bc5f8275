package store

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
)

// WorkScope names work that went away with its installation, its
// repositories or its item: an installation (InstallationID), repositories
// by full name (Repos), or one item (one repository and Number).
type WorkScope struct {
	InstallationID int64
	Repos          []string
	Number         int
}

// WorkEnded counts what EndWork ended.
type WorkEnded struct {
	Mentorships, Claims, StarterTasks, Waiting, Effects int64
}

// where is the scope as a condition on a table's repo (or installation)
// columns; its arguments are numbered after the first skip ones.
func (s WorkScope) where(byInstallation bool, skip int) (string, []any) {
	n := func(i int) string { return fmt.Sprintf("$%d", skip+i) }
	if s.InstallationID != 0 && byInstallation {
		return "installation_id = " + n(1), []any{s.InstallationID}
	}
	if s.InstallationID != 0 {
		return "repo IN (SELECT repo FROM starter_tasks WHERE installation_id = " + n(1) + ")", []any{s.InstallationID}
	}
	marks := make([]string, len(s.Repos))
	args := make([]any, 0, len(s.Repos)+1)
	for i, r := range s.Repos {
		marks[i] = "LOWER(" + n(i+1) + ")"
		args = append(args, r)
	}
	cond := "LOWER(repo) IN (" + strings.Join(marks, ", ") + ")"
	if s.Number != 0 {
		cond += " AND number = " + n(len(args)+1)
		args = append(args, s.Number)
	}
	return cond, args
}

// EndWork ends, in one transaction, the open mentorships, active claims,
// open starter tasks and waiting lines of the scope, and drops the claim
// effects still to do there: the installation, repository or item is gone,
// so nothing of it is written to GitHub again. Mentors' capacity is freed
// with their mentorships. Running it twice ends nothing the second time.
func (db *DB) EndWork(ctx context.Context, scope WorkScope, reason string) (WorkEnded, error) {
	var out WorkEnded
	if scope.InstallationID == 0 && len(scope.Repos) == 0 {
		return out, nil
	}
	now := millis(db.now())
	err := db.tx(ctx, func(tx *sql.Tx) error {
		steps := []struct {
			n              *int64
			byInstallation bool
			sql            string
			args           []any
		}{
			{&out.Waiting, false, `UPDATE claim_waiting SET state = 'left', left_at = $1 WHERE state IN ('waiting', 'offered') AND `, []any{now}},
			{&out.Mentorships, true, `UPDATE mentorships SET state = 'ended', ended_at = $1, end_reason = $2 WHERE state IN ('active', 'waiting') AND `, []any{now, reason}},
			{&out.Claims, true, `UPDATE claims SET state = 'closed', ended_at = $1, end_reason = $2 WHERE state = 'active' AND `, []any{now, reason}},
			{&out.StarterTasks, true, `UPDATE starter_tasks SET state = 'closed', ended_at = $1 WHERE state = 'open' AND `, []any{now}},
			{&out.Effects, true, `UPDATE claim_effects SET done_at = $1 WHERE done_at = 0 AND `, []any{now}},
		}
		for _, st := range steps {
			cond, args := scope.where(st.byInstallation, len(st.args))
			res, err := tx.ExecContext(ctx, st.sql+cond, append(st.args, args...)...)
			if err != nil {
				return fmt.Errorf("end work: %w", err)
			}
			*st.n, _ = res.RowsAffected()
		}
		return nil
	})
	return out, err
}

// SetRepositoryArchived parks (or resumes) the work of a repository.
func (db *DB) SetRepositoryArchived(ctx context.Context, installationID int64, r Repository, archived bool) error {
	flag := 0
	if archived {
		flag = 1
	}
	_, err := db.w.ExecContext(ctx, `INSERT INTO installations (id, account, created_at, updated_at) VALUES ($1, $2, $3, $3)
		ON CONFLICT (id) DO NOTHING`, installationID, strings.SplitN(r.FullName, "/", 2)[0], millis(db.now()))
	if err != nil {
		return fmt.Errorf("archive repository: %w", err)
	}
	_, err = db.w.ExecContext(ctx, `INSERT INTO repositories (id, installation_id, full_name, added_at, archived) VALUES ($1, $2, $3, $4, $5)
		ON CONFLICT (id) DO UPDATE SET full_name = excluded.full_name, archived = excluded.archived`,
		r.ID, installationID, r.FullName, millis(db.now()), flag)
	if err != nil {
		return fmt.Errorf("archive repository: %w", err)
	}
	return nil
}

// Parked tells whether work of a repository must wait: its installation is
// suspended or the repository is archived.
func (db *DB) Parked(ctx context.Context, installationID int64, repo string) (bool, error) {
	var n int
	err := db.r.QueryRowContext(ctx, `SELECT
		(SELECT COUNT(*) FROM installations WHERE id = $1 AND suspended <> 0) +
		(SELECT COUNT(*) FROM repositories WHERE LOWER(full_name) = LOWER($2) AND archived <> 0)`, installationID, repo).Scan(&n)
	if err != nil {
		return false, fmt.Errorf("parked: %w", err)
	}
	return n > 0, nil
}

// repoTables are the tables that name a repository in a repo column.
var repoTables = []string{"contributions", "mentorships", "assignments", "bot_comments", "starter_tasks",
	"claims", "claim_waiting", "claim_effects", "contributor_path", "hours_notices", "metric_newcomers"}

// RenameRepository moves a repository's records to its new name, so its
// work goes on under the name GitHub now uses.
func (db *DB) RenameRepository(ctx context.Context, id int64, from, to string) error {
	return db.tx(ctx, func(tx *sql.Tx) error {
		for _, t := range repoTables {
			if _, err := tx.ExecContext(ctx, `UPDATE `+t+` SET repo = $1 WHERE LOWER(repo) = LOWER($2)`, to, from); err != nil {
				return fmt.Errorf("rename repository in %s: %w", t, err)
			}
		}
		if _, err := tx.ExecContext(ctx, `UPDATE repositories SET full_name = $1 WHERE id = $2 OR LOWER(full_name) = LOWER($3)`, to, id, from); err != nil {
			return fmt.Errorf("rename repository: %w", err)
		}
		return nil
	})
}
