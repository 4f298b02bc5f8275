package app

import (
	"database/sql"
	"fmt"
	"strings"
	"testing"

	"github.com/mentorbot/mentorbot/app/store"
)

// readStore opens the test's SQLite store a second time, read-only, for
// what tests check and the app itself never reads back (who waits in
// line, a finished claim, the installations recorded).
func readStore(t testing.TB, cfg *Config) *sql.DB {
	t.Helper()
	path := strings.TrimPrefix(cfg.Database.URL, "sqlite://")
	db, err := sql.Open("sqlite", "file:"+path+"?_pragma=busy_timeout(10000)&_pragma=query_only(1)")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

// waitingLine lists who waits in line for a task (waiting or offered),
// in the order they joined.
func waitingLine(w *world, n int) []string {
	w.t.Helper()
	rows, err := readStore(w.t, w.cfg).Query(`SELECT login FROM claim_waiting
		WHERE repo = $1 AND number = $2 AND state IN ('waiting', 'offered') ORDER BY joined_at, id`, org+"/"+repoName, n)
	if err != nil {
		w.t.Fatal(err)
	}
	defer rows.Close()
	var line []string
	for rows.Next() {
		var login string
		if err := rows.Scan(&login); err != nil {
			w.t.Fatal(err)
		}
		line = append(line, login)
	}
	if err := rows.Err(); err != nil {
		w.t.Fatal(err)
	}
	return line
}

// claimsOn lists every claim made on a task, oldest first, as
// "login state linked-pr".
func claimsOn(w *world, n int) []string {
	w.t.Helper()
	rows, err := readStore(w.t, w.cfg).Query(`SELECT login, state, linked_pr FROM claims
		WHERE repo = $1 AND number = $2 ORDER BY claimed_at, id`, org+"/"+repoName, n)
	if err != nil {
		w.t.Fatal(err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var login, state string
		var pr int
		if err := rows.Scan(&login, &state, &pr); err != nil {
			w.t.Fatal(err)
		}
		out = append(out, fmt.Sprintf("%s %s %d", login, state, pr))
	}
	if err := rows.Err(); err != nil {
		w.t.Fatal(err)
	}
	return out
}

// installations lists the installations recorded, by id.
func installations(t testing.TB, cfg *Config) []store.Installation {
	t.Helper()
	rows, err := readStore(t, cfg).Query(`SELECT id, account, suspended FROM installations ORDER BY id`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var out []store.Installation
	for rows.Next() {
		var in store.Installation
		if err := rows.Scan(&in.ID, &in.Account, &in.Suspended); err != nil {
			t.Fatal(err)
		}
		out = append(out, in)
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

// repositoriesOf lists the full names of an installation's repositories.
func repositoriesOf(t testing.TB, cfg *Config, installationID int64) []string {
	t.Helper()
	rows, err := readStore(t, cfg).Query(`SELECT full_name FROM repositories WHERE installation_id = $1 ORDER BY full_name`, installationID)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var name string
		if err := rows.Scan(&name); err != nil {
			t.Fatal(err)
		}
		out = append(out, name)
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}
