package store

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/mentorbot/mentorbot/app/figures"
)

// OpenTasksIn reads the visible repositories' tasks in chunks of
// repositories and merges them in the page's order, counting only those.
func TestOpenTasksIn(t *testing.T) {
	forEachStore(t, func(t *testing.T, db *DB) {
		ctx := context.Background()
		start := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
		const repos = tasksInChunk + 100
		for i := range repos {
			// Newer the lower the number, so the oldest are in the last chunk.
			at := start.Add(time.Duration(repos-i) * time.Hour)
			db.SetClock(func() time.Time { return at })
			task := StarterTask{Repo: fmt.Sprintf("Octo/repo-%03d", i), Number: 1, Owner: "Octo", InstallationID: 1,
				Title: fmt.Sprintf("task %03d", i), Labels: []string{"good first issue"}, OpenedAt: at}
			if _, _, err := db.OpenStarterTask(ctx, task); err != nil {
				t.Fatal(err)
			}
		}
		even := func(repo string) bool {
			var n int
			fmt.Sscanf(repo[strings.Index(repo, "-")+1:], "%d", &n)
			return n%2 == 0
		}
		tasks, total, err := db.OpenTasksIn(ctx, figures.Scope{Owner: "octo"}, even, 3)
		if err != nil {
			t.Fatal(err)
		}
		if total != repos/2 {
			t.Errorf("total %d, want %d", total, repos/2)
		}
		var got []string
		for _, x := range tasks {
			got = append(got, x.Title)
		}
		if want := fmt.Sprintf("[task %03d task %03d task %03d]", repos-2, repos-4, repos-6); fmt.Sprint(got) != want {
			t.Errorf("tasks %v, want %s (the oldest visible, across chunks)", got, want)
		}
		// Read in order instead of by chunks: the same answer.
		streamed, err := db.firstOpenTasks(ctx, figures.Scope{Owner: "octo"}, even, 3)
		if err != nil || fmt.Sprint(streamed) != fmt.Sprint(tasks) {
			t.Errorf("read in order: %v (%v), by chunks: %v", streamed, err, tasks)
		}
		if tasks, total, err := db.OpenTasksIn(ctx, figures.Scope{}, func(string) bool { return false }, 3); err != nil || total != 0 || len(tasks) != 0 {
			t.Errorf("nothing visible: %v %d %v", tasks, total, err)
		}
	})
}
