package gh

import (
	"context"
	"errors"
	"testing"

	"github.com/google/go-github/v60/github"
)

func TestEachPage(t *testing.T) {
	pages := func(total int) func(page int) (*github.Response, error) {
		return func(page int) (*github.Response, error) {
			res := &github.Response{}
			if page < total {
				res.NextPage = page + 1
			}
			return res, nil
		}
	}
	for _, tt := range []struct {
		name  string
		total int
		want  int
	}{
		{"one page", 1, 1},
		{"three pages", 3, 3},
		{"a stranger's thousands of pages stop at the limit", 10 * MaxPages, MaxPages},
	} {
		t.Run(tt.name, func(t *testing.T) {
			read := 0
			list := pages(tt.total)
			err := EachPage(context.Background(), "test", func(page int) (*github.Response, error) {
				read++
				if page != read {
					t.Fatalf("asked for page %d as call %d", page, read)
				}
				return list(page)
			})
			if err != nil || read != tt.want {
				t.Fatalf("read %d pages, err %v; want %d", read, err, tt.want)
			}
		})
	}
	boom := errors.New("boom")
	if err := EachPage(context.Background(), "test", func(int) (*github.Response, error) { return nil, boom }); !errors.Is(err, boom) {
		t.Fatalf("err = %v", err)
	}
}
