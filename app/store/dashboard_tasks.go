package store

import (
	"cmp"
	"context"
	"database/sql"
	"fmt"
	"slices"

	"github.com/mentorbot/mentorbot/app/figures"
)

// Bounds of OpenTasksIn: the repositories named in one query, and the
// chunks read before it reads the scope's tasks in order instead, keeping
// the visible ones until it has enough.
const (
	tasksInChunk  = 500
	tasksInChunks = 4
)

// OpenTasksIn is OpenTasks for a visitor who may see only some
// repositories: the first limit open starter tasks of scope s in the
// repositories allow accepts (unclaimed first, oldest first), and how many
// such tasks there are. The count is read per repository, and only the
// visible repositories' tasks are read, limit per chunk of repositories,
// so hidden repositories' titles never leave the store.
func (db *DB) OpenTasksIn(ctx context.Context, s figures.Scope, allow func(repo string) bool, limit int) ([]figures.Task, int, error) {
	var repos []string
	total := 0
	err := scan(ctx, db.r, "metrics: open starter tasks per repository",
		`SELECT repo, COUNT(*) FROM starter_tasks WHERE state = 'open'`+scopeFilter(s, 1, "owner", "repo")+` GROUP BY repo`,
		scopeArgs(s), func(rows *sql.Rows) error {
			var repo string
			var n int
			if err := rows.Scan(&repo, &n); err != nil {
				return err
			}
			if allow(repo) {
				repos, total = append(repos, repo), total+n
			}
			return nil
		})
	if err != nil || len(repos) == 0 || limit <= 0 {
		return nil, total, err
	}
	if len(repos) > tasksInChunk*tasksInChunks {
		tasks, err := db.firstOpenTasks(ctx, s, allow, limit)
		return tasks, total, err
	}
	var tasks []figures.Task
	for chunk := range slices.Chunk(repos, tasksInChunk) {
		args := []any{limit}
		for _, r := range chunk {
			args = append(args, r)
		}
		err := scan(ctx, db.r, "metrics: open starter tasks", openTasksQuery(` AND t.repo IN (`+placeholders(2, len(chunk))+`)`)+` LIMIT $1`,
			args, appendTask(&tasks))
		if err != nil {
			return nil, 0, err
		}
	}
	// The chunks' first tasks, merged in the same order.
	slices.SortFunc(tasks, func(a, b figures.Task) int {
		claimed := func(t figures.Task) int {
			if t.Claimant == "" {
				return 0
			}
			return 1
		}
		return cmp.Or(cmp.Compare(claimed(a), claimed(b)), a.OpenedAt.Compare(b.OpenedAt),
			cmp.Compare(a.Repo, b.Repo), cmp.Compare(a.Number, b.Number))
	})
	return tasks[:min(limit, len(tasks))], total, nil
}

// firstOpenTasks reads the scope's open tasks in the page's order and
// keeps the first limit that allow accepts, then stops reading.
func (db *DB) firstOpenTasks(ctx context.Context, s figures.Scope, allow func(repo string) bool, limit int) ([]figures.Task, error) {
	rows, err := db.r.QueryContext(ctx, openTasksQuery(scopeFilter(s, 1, "t.owner", "t.repo")), scopeArgs(s)...)
	if err != nil {
		return nil, fmt.Errorf("metrics: open starter tasks: %w", err)
	}
	defer rows.Close()
	var tasks []figures.Task
	for len(tasks) < limit && rows.Next() {
		t, err := scanTask(rows)
		if err != nil {
			return nil, fmt.Errorf("metrics: open starter tasks: %w", err)
		}
		if allow(t.Repo) {
			tasks = append(tasks, t)
		}
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("metrics: open starter tasks: %w", err)
	}
	return tasks, nil
}
