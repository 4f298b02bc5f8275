package store

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"path/filepath"
	"testing"
)

func TestTruncateWALRule(t *testing.T) {
	for _, tt := range []struct {
		failed      bool
		log, copied int
		want        bool
	}{
		{false, 10, 10, false}, // short: PASSIVE is enough
		{false, walTruncateFrames + 1, walTruncateFrames, false}, // long, not all copied yet
		{false, walTruncateFrames + 1, walTruncateFrames + 1, true},
		{true, 10, 10, true}, // the first checkpoint that works after a failure (a full disk)
	} {
		if got := truncateWAL(tt.failed, tt.log, tt.copied); got != tt.want {
			t.Errorf("truncateWAL(%v, %d, %d) = %v", tt.failed, tt.log, tt.copied, got)
		}
	}
}

// A long WAL gives its space back once it is copied, and so does any WAL
// after a failed checkpoint.
func TestLongWALIsTruncated(t *testing.T) {
	defer func(n int) { walTruncateFrames = n }(walTruncateFrames)
	walTruncateFrames = 8
	path := filepath.Join(t.TempDir(), "wal.db")
	db, err := Open(context.Background(), "sqlite://"+path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	db.stopCk() // drive the checkpoints by hand
	db.stopCk = func() {}
	ck, err := sql.Open("sqlite", "file:"+path)
	if err != nil {
		t.Fatal(err)
	}
	defer ck.Close()
	for i := range 40 {
		if err := db.SaveInstallation(context.Background(), Installation{ID: int64(i + 1), Account: fmt.Sprintf("acct-%d", i)}); err != nil {
			t.Fatal(err)
		}
	}
	if fi, err := os.Stat(path + "-wal"); err != nil || fi.Size() == 0 {
		t.Fatalf("no WAL to truncate: %v", err)
	}
	var w walState
	w.checkpoint(ck)
	if fi, err := os.Stat(path + "-wal"); err != nil || fi.Size() != 0 {
		t.Fatalf("WAL not truncated: %v, %d bytes", err, fi.Size())
	}
}
