package claims

import (
	"context"
	"time"
)

// Task is an open starter task nobody holds or has been offered.
type Task struct {
	Repo   string // "owner/name"
	Number int
	Title  string
	URL    string
	Labels []string
	// Since is when it became a starter task.
	Since time.Time
}

// OpenStarterTasks lists a repository's open, unclaimed starter tasks,
// oldest first: the digest for office-hours announcements and reports.
func (s *Service) OpenStarterTasks(ctx context.Context, repo string) ([]Task, error) {
	ts, err := s.Store.OpenStarterTasks(ctx, repo)
	if err != nil {
		return nil, err
	}
	out := make([]Task, 0, len(ts))
	for _, t := range ts {
		out = append(out, Task{Repo: t.Repo, Number: t.Number, Title: t.Title, URL: t.URL, Labels: t.Labels, Since: t.OpenedAt})
	}
	return out, nil
}
