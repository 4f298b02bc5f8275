package store

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/mentorbot/mentorbot/app/figures"
)

// LoadMetrics reads what the program figures of scope s need over range r
// (see figures.Needs): first-timers' contributions, first-timers, mentor
// assignments, open mentorships, mentors, claims, path steps and
// office-hours posts. Each is a range read on an index that holds the
// columns it needs; progress, if not nil, learns of each finished read.
func (db *DB) LoadMetrics(ctx context.Context, s figures.Scope, r figures.Range, progress func(done, total int)) (figures.Data, error) {
	d := figures.Data{Now: r.Until}
	since, newcomersSince, until := millis(r.ItemsSince), millis(r.NewcomersSince), millis(r.Until)
	reads := []func() error{
		func() (err error) {
			d.Items, err = loadItems(ctx, db.r, s, since, until)
			return err
		},
		func() error {
			return scan(ctx, db.r, "metrics: newcomers", `SELECT repo, first_at, returned_at FROM metric_newcomers
				WHERE first_at >= $1 AND first_at < $2`+scopeFilter(s, 3, "owner", "repo"), append([]any{newcomersSince, until}, scopeArgs(s)...),
				func(rows *sql.Rows) error {
					var n figures.Newcomer
					var first, back int64
					err := rows.Scan(&n.Repo, &first, &back)
					n.FirstAt, n.ReturnedAt = fromMillis(first), fromMillis(back)
					d.Newcomers = append(d.Newcomers, n)
					return err
				})
		},
		func() error {
			return scan(ctx, db.r, "metrics: assignments", `SELECT repo, mentor, assigned_at FROM assignments
				WHERE assigned_at >= $1 AND assigned_at < $2`+scopeFilter(s, 3, "owner", "repo"), append([]any{since, until}, scopeArgs(s)...),
				func(rows *sql.Rows) error {
					var a figures.Assignment
					var at int64
					err := rows.Scan(&a.Repo, &a.Mentor, &at)
					a.At = fromMillis(at)
					d.Assignments = append(d.Assignments, a)
					return err
				})
		},
		func() error {
			return scan(ctx, db.r, "metrics: open mentorships", `SELECT repo, mentor, state, created_at FROM mentorships
				WHERE state IN ('active', 'waiting')`+scopeFilter(s, 1, "owner", "repo"), scopeArgs(s),
				func(rows *sql.Rows) error {
					var m figures.Mentorship
					var state string
					var at int64
					err := rows.Scan(&m.Repo, &m.Mentor, &state, &at)
					m.Waiting, m.Since = state == MentorshipWaiting, fromMillis(at)
					d.Open = append(d.Open, m)
					return err
				})
		},
		func() error {
			// Only who is away: who mentors shows in assignments and mentorships.
			return scan(ctx, db.r, "metrics: mentors", `SELECT owner, login, away FROM mentors WHERE away = 1`+ownerFilter(s, 1, "owner"), ownerArgs(s),
				func(rows *sql.Rows) error {
					var m figures.Mentor
					var away int
					err := rows.Scan(&m.Owner, &m.Login, &away)
					m.Away = away == 1
					d.Mentors = append(d.Mentors, m)
					return err
				})
		},
		func() error {
			// Claims held now, made in the range, or ended in it: three
			// disjoint reads, each on an index that holds every column.
			f := scopeFilter(s, 3, "owner", "repo")
			return scan(ctx, db.r, "metrics: claims", `SELECT repo, state, claimed_at, ended_at FROM claims
				WHERE state = 'active' AND claimed_at < $2`+f+`
				UNION ALL SELECT repo, state, claimed_at, ended_at FROM claims
				WHERE claimed_at >= $1 AND claimed_at < $2 AND state <> 'active'`+f+`
				UNION ALL SELECT repo, state, claimed_at, ended_at FROM claims
				WHERE ended_at >= $1 AND ended_at < $2 AND claimed_at < $1 AND state <> 'active'`+f,
				append([]any{since, until}, scopeArgs(s)...),
				func(rows *sql.Rows) error {
					var c figures.Claim
					var claimed, ended int64
					err := rows.Scan(&c.Repo, &c.State, &claimed, &ended)
					c.ClaimedAt, c.EndedAt = fromMillis(claimed), fromMillis(ended)
					d.Claims = append(d.Claims, c)
					return err
				})
		},
		func() error {
			return scan(ctx, db.r, "metrics: path steps", `SELECT repo, login, step, at FROM contributor_path
				WHERE step IN ('starter_task', 'next_step') AND at >= $1 AND at < $2`+scopeFilter(s, 3, "owner", "repo"),
				append([]any{since, until}, scopeArgs(s)...),
				func(rows *sql.Rows) error {
					var st figures.Step
					var at int64
					err := rows.Scan(&st.Repo, &st.Login, &st.Step, &at)
					st.At = fromMillis(at)
					d.Steps = append(d.Steps, st)
					return err
				})
		},
		func() error {
			where, args := `WHERE state = 'posted' AND ((posted_at >= $1 AND posted_at < $2) OR (kind = 'announcement' AND starts_at > $2))`, []any{since, until}
			switch s.Kind() {
			case figures.ScopeOwner:
				where, args = where+` AND LOWER(owner) = LOWER($3)`, append(args, s.Owner)
			case figures.ScopeRepository:
				where, args = where+` AND (LOWER(target) = LOWER($3) OR LOWER(config_repo) = LOWER($3))`, append(args, s.Repo)
			}
			return scan(ctx, db.r, "metrics: office hours", `SELECT target, config_repo, kind, starts_at, posted_at, url, attending + maybe, pulse_up, pulse_down
				FROM hours_posts `+where, args,
				func(rows *sql.Rows) error {
					var p figures.Post
					var start, posted int64
					err := rows.Scan(&p.Target, &p.Repo, &p.Kind, &start, &posted, &p.URL, &p.RSVPs, &p.PulseUp, &p.PulseDown)
					p.Start, p.PostedAt = fromMillis(start), fromMillis(posted)
					d.Posts = append(d.Posts, p)
					return err
				})
		},
		func() (err error) {
			d.ClaimOwners, err = owners(ctx, db.r, "metrics: claim owners",
				`SELECT owner FROM starter_tasks GROUP BY owner UNION SELECT owner FROM claims GROUP BY owner`)
			return err
		},
		func() (err error) {
			d.HoursOwners, err = owners(ctx, db.r, "metrics: office-hours owners", `SELECT owner FROM hours_posts WHERE state = 'posted' GROUP BY owner`)
			return err
		},
	}
	for i, read := range reads {
		if err := read(); err != nil {
			return figures.Data{}, err
		}
		if progress != nil {
			progress(i+1, len(reads))
		}
	}
	return d, nil
}

func loadItems(ctx context.Context, q querier, s figures.Scope, since, until int64) ([]figures.Item, error) {
	var items []figures.Item
	err := scan(ctx, q, "metrics: first-timer contributions", `SELECT repo, number, kind, login, opened_at, first_response_at, merged_at, closed_at
		FROM contributions WHERE first_timer = 1 AND opened_at >= $1 AND opened_at < $2`+scopeFilter(s, 3, "owner", "repo"),
		append([]any{since, until}, scopeArgs(s)...),
		func(rows *sql.Rows) error {
			var it figures.Item
			var opened, responded, merged, closed int64
			err := rows.Scan(&it.Repo, &it.Number, &it.Kind, &it.Login, &opened, &responded, &merged, &closed)
			it.OpenedAt, it.FirstResponseAt, it.MergedAt, it.ClosedAt = fromMillis(opened), fromMillis(responded), fromMillis(merged), fromMillis(closed)
			items = append(items, it)
			return err
		})
	return items, err
}

// OpenTasks lists up to limit open starter tasks of scope s, free ones
// first and then oldest first, with the number of open tasks in all.
func (db *DB) OpenTasks(ctx context.Context, s figures.Scope, limit int) ([]figures.Task, int, error) {
	var total int
	err := db.r.QueryRowContext(ctx, `SELECT COUNT(*) FROM starter_tasks WHERE state = 'open'`+scopeFilter(s, 1, "owner", "repo"), scopeArgs(s)...).Scan(&total)
	if err != nil {
		return nil, 0, fmt.Errorf("metrics: open starter tasks: %w", err)
	}
	var tasks []figures.Task
	err = scan(ctx, db.r, "metrics: open starter tasks", openTasksQuery(scopeFilter(s, 2, "t.owner", "t.repo"))+` LIMIT $1`,
		append([]any{limit}, scopeArgs(s)...), appendTask(&tasks))
	return tasks, total, err
}

// openTasksQuery selects the open starter tasks matching where (a
// condition on t, starting with " AND", or ""), each with its active
// claimant, free ones first, then oldest first; scanTask reads its rows.
func openTasksQuery(where string) string {
	return `SELECT t.repo, t.number, t.title, t.url, t.opened_at, COALESCE(c.login, '')
		FROM starter_tasks t LEFT JOIN claims c ON c.repo = t.repo AND c.number = t.number AND c.state = 'active'
		WHERE t.state = 'open'` + where + ` ORDER BY CASE WHEN c.login IS NULL THEN 0 ELSE 1 END, t.opened_at, t.repo, t.number`
}

// scanTask reads one row of openTasksQuery.
func scanTask(rows *sql.Rows) (figures.Task, error) {
	var t figures.Task
	var opened int64
	err := rows.Scan(&t.Repo, &t.Number, &t.Title, &t.URL, &opened, &t.Claimant)
	t.OpenedAt = fromMillis(opened)
	return t, err
}

// appendTask appends each row of openTasksQuery to tasks.
func appendTask(tasks *[]figures.Task) func(*sql.Rows) error {
	return func(rows *sql.Rows) error {
		t, err := scanTask(rows)
		*tasks = append(*tasks, t)
		return err
	}
}

// ProgramCounts are the program gauges of one owner now.
type ProgramCounts struct {
	ActiveMentorships int
	WaitingNewcomers  int
	OpenClaims        int
}

// ProgramCounts counts, per owner, active mentorships, newcomers waiting
// for a mentor and claims held, for the Prometheus gauges.
func (db *DB) ProgramCounts(ctx context.Context) (map[string]ProgramCounts, error) {
	out := map[string]ProgramCounts{}
	err := scan(ctx, db.r, "program counts", `SELECT owner, state, COUNT(*) FROM mentorships WHERE state IN ('active', 'waiting') GROUP BY owner, state`, nil,
		func(rows *sql.Rows) error {
			var owner, state string
			var n int
			err := rows.Scan(&owner, &state, &n)
			c := out[owner]
			if state == MentorshipActive {
				c.ActiveMentorships = n
			} else {
				c.WaitingNewcomers = n
			}
			out[owner] = c
			return err
		})
	if err != nil {
		return nil, err
	}
	err = scan(ctx, db.r, "program counts", `SELECT owner, COUNT(*) FROM claims WHERE state = 'active' GROUP BY owner`, nil,
		func(rows *sql.Rows) error {
			var owner string
			var n int
			err := rows.Scan(&owner, &n)
			c := out[owner]
			c.OpenClaims = n
			out[owner] = c
			return err
		})
	return out, err
}

// scan runs a query and hands each row to fn.
func scan(ctx context.Context, q querier, what, query string, args []any, fn func(*sql.Rows) error) error {
	rows, err := q.QueryContext(ctx, query, args...)
	if err != nil {
		return fmt.Errorf("%s: %w", what, err)
	}
	defer rows.Close()
	for rows.Next() {
		if err := fn(rows); err != nil {
			return fmt.Errorf("%s: %w", what, err)
		}
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("%s: %w", what, err)
	}
	return nil
}

func owners(ctx context.Context, q querier, what, query string) ([]string, error) {
	var out []string
	err := scan(ctx, q, what, query, nil, func(rows *sql.Rows) error {
		var o string
		err := rows.Scan(&o)
		out = append(out, o)
		return err
	})
	return out, err
}

// scopeFilter is the AND clause that keeps scope s, its argument numbered
// n; owners and repositories compare without regard to case, as on GitHub.
func scopeFilter(s figures.Scope, n int, ownerCol, repoCol string) string {
	switch s.Kind() {
	case figures.ScopeRepository:
		return fmt.Sprintf(" AND LOWER(%s) = LOWER($%d)", repoCol, n)
	case figures.ScopeOwner:
		return fmt.Sprintf(" AND LOWER(%s) = LOWER($%d)", ownerCol, n)
	default:
		return ""
	}
}

func scopeArgs(s figures.Scope) []any {
	if s.Kind() == figures.ScopeAll {
		return nil
	}
	return []any{s.String()}
}

// ownerFilter keeps the owner of scope s, for owner-wide records.
func ownerFilter(s figures.Scope, n int, ownerCol string) string {
	if s.Kind() == figures.ScopeAll {
		return ""
	}
	return fmt.Sprintf(" AND LOWER(%s) = LOWER($%d)", ownerCol, n)
}

func ownerArgs(s figures.Scope) []any {
	if s.Kind() == figures.ScopeAll {
		return nil
	}
	return []any{figures.OwnerOf(s.String())}
}
