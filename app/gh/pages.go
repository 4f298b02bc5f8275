package gh

import (
	"context"

	"github.com/google/go-github/v60/github"
	"github.com/rs/zerolog"
	"github.com/shurcooL/githubv4"
)

// MaxPages bounds every paginated listing: a stranger can make a pull
// request with thousands of files or an issue with thousands of comments,
// and no listing may read them all. Past it the rest is left out, and a
// log line says what was cut.
const MaxPages = 30

// EachPage calls list with page 1, 2, … until GitHub names no next page,
// or MaxPages pages were read. list sets the page on its options and
// returns GitHub's response.
func EachPage(ctx context.Context, what string, list func(page int) (*github.Response, error)) error {
	page := 1
	for n := 1; ; n++ {
		res, err := list(page)
		if err != nil {
			return err
		}
		if res.NextPage == 0 {
			return nil
		}
		if n == MaxPages {
			zerolog.Ctx(ctx).Warn().Str("listing", what).Int("pages", n).Msg("Stopped a listing at its page limit; the rest is left out")
			return nil
		}
		page = res.NextPage
	}
}

// EachCursor is EachPage for GraphQL connections: it calls read with the
// cursor to start after (nil for the first page) until the page names no
// next one, or MaxPages pages were read, and logs what was cut.
func EachCursor(ctx context.Context, what string, read func(after *githubv4.String) (pageInfo, error)) error {
	var after *githubv4.String
	for n := 1; ; n++ {
		pi, err := read(after)
		if err != nil {
			return err
		}
		if !pi.HasNextPage {
			return nil
		}
		if n == MaxPages {
			zerolog.Ctx(ctx).Warn().Str("listing", what).Int("pages", n).Msg("Stopped a listing at its page limit; the rest is left out")
			return nil
		}
		after = githubv4.NewString(pi.EndCursor)
	}
}
