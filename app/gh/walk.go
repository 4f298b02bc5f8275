package gh

import (
	"context"
	"errors"
	"fmt"

	"github.com/google/go-github/v60/github"
)

// ErrStopWalk, returned by a visit, ends EachRepository early; the walk
// then reports no error of its own for it.
var ErrStopWalk = errors.New("stop the walk")

// listPage is the page size of the installation and repository lists.
const listPage = 100

// EachRepository calls visit with each page of the repositories of every
// installation of the app that is not suspended, with that installation's
// client. It reads every page on purpose: an organization's thousands of
// repositories must all be seen (unlike EachPage, which bounds what
// strangers can make long). An installation that cannot be listed, or a
// visit that fails, is reported in the joined error and the walk goes on;
// a visit that returns ErrStopWalk ends it.
func (in *Installations) EachRepository(ctx context.Context, visit func(installationID int64, client *github.Client, repos []*github.Repository) error) error {
	app, err := in.NewAppClient()
	if err != nil {
		return fmt.Errorf("app client: %w", err)
	}
	var errs []error
	opt := &github.ListOptions{PerPage: listPage}
	for {
		insts, res, err := app.Apps.ListInstallations(ctx, opt)
		if err != nil {
			return errors.Join(append(errs, fmt.Errorf("list installations: %w", err))...)
		}
		for _, inst := range insts {
			if inst.SuspendedAt != nil {
				continue
			}
			err := in.eachRepositoryOf(ctx, inst.GetID(), visit)
			if errors.Is(err, ErrStopWalk) {
				return errors.Join(errs...)
			}
			if err != nil {
				errs = append(errs, fmt.Errorf("installation %d: %w", inst.GetID(), err))
			}
		}
		if res.NextPage == 0 {
			return errors.Join(errs...)
		}
		opt.Page = res.NextPage
	}
}

// eachRepositoryOf is EachRepository for one installation; it returns
// ErrStopWalk as soon as a visit does.
func (in *Installations) eachRepositoryOf(ctx context.Context, id int64, visit func(int64, *github.Client, []*github.Repository) error) error {
	client, err := in.NewInstallationClient(id)
	if err != nil {
		return fmt.Errorf("installation client: %w", err)
	}
	var errs []error
	opt := &github.ListOptions{PerPage: listPage}
	for {
		list, res, err := client.Apps.ListRepos(ctx, opt)
		if err != nil {
			return errors.Join(append(errs, fmt.Errorf("list repositories: %w", err))...)
		}
		if err := visit(id, client, list.Repositories); errors.Is(err, ErrStopWalk) {
			return ErrStopWalk
		} else if err != nil {
			errs = append(errs, err)
		}
		if res.NextPage == 0 {
			return errors.Join(errs...)
		}
		opt.Page = res.NextPage
	}
}
