package figurestest

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
)

// writer batches rows into multi-row INSERTs, a transaction per chunk.
type writer struct {
	ctx     context.Context
	db      *sql.DB
	pending map[string]*batch
	order   []string
	err     error
}

type batch struct {
	columns string
	rows    [][]any
}

const (
	rowsPerInsert = 400
	rowsPerTx     = 40_000
)

func newWriter(ctx context.Context, db *sql.DB) *writer {
	return &writer{ctx: ctx, db: db, pending: map[string]*batch{}}
}

func (w *writer) row(table, columns string, values ...any) {
	bt, ok := w.pending[table]
	if !ok {
		bt = &batch{columns: columns}
		w.pending[table] = bt
		w.order = append(w.order, table)
	}
	bt.rows = append(bt.rows, values)
	if len(bt.rows) >= rowsPerTx && w.err == nil {
		w.err = w.insert(table, bt)
	}
}

func (w *writer) flush() error {
	for _, table := range w.order {
		if w.err != nil {
			return w.err
		}
		w.err = w.insert(table, w.pending[table])
	}
	return w.err
}

// insert writes a table's pending rows in one transaction.
func (w *writer) insert(table string, bt *batch) error {
	if len(bt.rows) == 0 {
		return nil
	}
	tx, err := w.db.BeginTx(w.ctx, nil)
	if err != nil {
		return fmt.Errorf("bulk %s: %w", table, err)
	}
	defer tx.Rollback()
	cols := len(bt.rows[0])
	for start := 0; start < len(bt.rows); start += rowsPerInsert {
		chunk := bt.rows[start:min(start+rowsPerInsert, len(bt.rows))]
		var q strings.Builder
		fmt.Fprintf(&q, "INSERT INTO %s (%s) VALUES ", table, bt.columns)
		args := make([]any, 0, len(chunk)*cols)
		for i, r := range chunk {
			if i > 0 {
				q.WriteString(", ")
			}
			q.WriteString("(" + strings.TrimSuffix(strings.Repeat("?, ", cols), ", ") + ")")
			args = append(args, r...)
		}
		if _, err := tx.ExecContext(w.ctx, q.String(), args...); err != nil {
			return fmt.Errorf("bulk %s: %w", table, err)
		}
	}
	bt.rows = bt.rows[:0]
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("bulk %s: %w", table, err)
	}
	return nil
}
