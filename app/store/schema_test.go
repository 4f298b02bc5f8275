package store

import (
	"context"
	"os"
	"slices"
	"strings"
	"testing"
)

// TestSchemasMatch checks that the two migration folders, applied in
// full, build the same schema: the same tables, the same columns with
// types of the same kind, and the same named indexes.
func TestSchemasMatch(t *testing.T) {
	if os.Getenv("MENTORBOT_TEST_POSTGRES_URL") == "" {
		t.Skip("MENTORBOT_TEST_POSTGRES_URL is not set: the SQLite and PostgreSQL schemas are not compared (.ci/run sets it)")
	}
	dbs := openTest(t)
	lite, pg := schemaOf(t, dbs[0]), schemaOf(t, dbs[1])
	if len(lite.columns) == 0 {
		t.Fatal("no tables found in the SQLite schema")
	}
	for table, cols := range lite.columns {
		if _, ok := pg.columns[table]; !ok {
			t.Errorf("table %s is in SQLite only", table)
			continue
		}
		for col, kind := range cols {
			switch other, ok := pg.columns[table][col]; {
			case !ok:
				t.Errorf("column %s.%s is in SQLite only", table, col)
			case other != kind:
				t.Errorf("column %s.%s is %s in SQLite, %s in PostgreSQL", table, col, kind, other)
			}
		}
		for col := range pg.columns[table] {
			if _, ok := cols[col]; !ok && !builtInSQLite[table+"."+col] {
				t.Errorf("column %s.%s is in PostgreSQL only", table, col)
			}
		}
	}
	for table := range pg.columns {
		if _, ok := lite.columns[table]; !ok {
			t.Errorf("table %s is in PostgreSQL only", table)
		}
	}
	if !slices.Equal(lite.indexes, pg.indexes) {
		t.Errorf("indexes differ:\n  SQLite:     %v\n  PostgreSQL: %v", lite.indexes, pg.indexes)
	}
}

// builtInSQLite lists the PostgreSQL columns that stand for what SQLite
// has built in: deliveries.seq orders arrivals as SQLite's rowid does.
var builtInSQLite = map[string]bool{"deliveries.seq": true}

type schema struct {
	columns map[string]map[string]string // table → column → kind of type
	indexes []string                     // named indexes (not those behind keys), sorted
}

// schemaOf reads the tables the migrations made (not goose's own).
func schemaOf(t *testing.T, db *DB) schema {
	t.Helper()
	ctx := context.Background()
	q := map[string]struct{ columns, indexes string }{
		sqlite.name: {
			columns: `SELECT m.name, c.name, c.type FROM sqlite_master m, pragma_table_info(m.name) c
				WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%' AND m.name <> 'goose_db_version'`,
			indexes: `SELECT name FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL ORDER BY name`,
		},
		postgres.name: {
			columns: `SELECT table_name, column_name, data_type FROM information_schema.columns
				WHERE table_schema = current_schema() AND table_name <> 'goose_db_version'`,
			indexes: `SELECT indexname FROM pg_indexes WHERE schemaname = current_schema()
				AND indexname NOT IN (SELECT conname FROM pg_constraint) ORDER BY indexname`,
		},
	}[db.dialect.name]
	s := schema{columns: map[string]map[string]string{}}
	rows, err := db.r.QueryContext(ctx, q.columns)
	if err != nil {
		t.Fatalf("%s columns: %v", db.dialect.name, err)
	}
	defer rows.Close()
	for rows.Next() {
		var table, col, typ string
		if err := rows.Scan(&table, &col, &typ); err != nil {
			t.Fatal(err)
		}
		if s.columns[table] == nil {
			s.columns[table] = map[string]string{}
		}
		s.columns[table][col] = typeKind(typ)
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	idx, err := db.r.QueryContext(ctx, q.indexes)
	if err != nil {
		t.Fatalf("%s indexes: %v", db.dialect.name, err)
	}
	defer idx.Close()
	for idx.Next() {
		var name string
		if err := idx.Scan(&name); err != nil {
			t.Fatal(err)
		}
		s.indexes = append(s.indexes, name)
	}
	if err := idx.Err(); err != nil {
		t.Fatal(err)
	}
	return s
}

// typeKind maps a declared type to what the Go code scans it into, so
// INTEGER (SQLite) and BIGINT (PostgreSQL) count as the same.
func typeKind(typ string) string {
	switch t := strings.ToLower(typ); {
	case strings.Contains(t, "int"), strings.Contains(t, "serial"):
		return "integer"
	case t == "text", strings.Contains(t, "char"):
		return "text"
	case t == "blob", t == "bytea":
		return "bytes"
	case t == "real", strings.HasPrefix(t, "double"), strings.HasPrefix(t, "float"), t == "numeric":
		return "real"
	default:
		return t
	}
}
