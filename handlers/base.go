// Package handlers holds one type per GitHub event. Each Handle parses the
// payload, filters the action, gets an installation client, loads the
// repository's configuration and hands over to a feature. Handlers build
// nothing: the app's composition root gives them what they use.
package handlers

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/google/go-github/v60/github"
	"github.com/palantir/go-githubapp/githubapp"
	"github.com/rs/zerolog"

	"github.com/mentorbot/mentorbot/app/claims"
	"github.com/mentorbot/mentorbot/app/gatherings"
	"github.com/mentorbot/mentorbot/app/gh"
	"github.com/mentorbot/mentorbot/app/mentoring"
	"github.com/mentorbot/mentorbot/app/program"
	"github.com/mentorbot/mentorbot/app/queue"
	"github.com/mentorbot/mentorbot/app/repoconfig"
	"github.com/mentorbot/mentorbot/app/store"
)

// Base is what every handler shares.
type Base struct {
	GitHub *gh.Installations
	Store  Store
	// Program runs first-timers and their mentors.
	Program *mentoring.Service
	// Claims runs good first issues: starter tasks, claims, progression.
	Claims *claims.Service
	// Gatherings runs office hours and the other gatherings.
	Gatherings *gatherings.Service
	// Commands are the features that act on comments, in order.
	Commands []CommandRunner
}

// Store is what the handlers record themselves: the installations and
// repositories the app serves, claim activity, where a gathering's
// configuration lives, and scheduled work a configuration change makes due.
type Store interface {
	SaveInstallation(ctx context.Context, in store.Installation) error
	DeleteInstallation(ctx context.Context, id int64) error
	AddRepositories(ctx context.Context, installationID int64, repos []store.Repository) error
	RemoveRepositories(ctx context.Context, ids []int64) error
	RecordClaimActivity(ctx context.Context, repo string, number int, login string, at time.Time, pr int) (bool, error)
	HoursPostByDiscussion(ctx context.Context, discussionID string) (store.HoursPost, error)
	EndWork(ctx context.Context, scope store.WorkScope, reason string) (store.WorkEnded, error)
	SetRepositoryArchived(ctx context.Context, installationID int64, r store.Repository, archived bool) error
	RenameRepository(ctx context.Context, id int64, from, to string) error
	SetDue(ctx context.Context, d store.Due) error
	DueNow(ctx context.Context, owner, name string) error
}

// All returns the handlers of every event the app acts on; app.yml's
// default_events must list each event they handle.
func All(b *Base) []githubapp.EventHandler {
	return []githubapp.EventHandler{
		&Installation{Base: b},
		&InstallationRepositories{Base: b},
		&Ping{},
		&PullRequest{Base: b},
		&Issues{Base: b},
		&IssueComment{Base: b},
		&PullRequestReview{Base: b},
		&DiscussionComment{Base: b},
		&Repository{Base: b},
		&Push{Base: b},
	}
}

// endWork ends the work of an installation, repositories or an item that
// went away, freeing mentors' capacity.
func (b *Base) endWork(ctx context.Context, scope store.WorkScope, reason string) error {
	ended, err := b.Store.EndWork(ctx, scope, reason)
	if err != nil {
		return err
	}
	zerolog.Ctx(ctx).Info().Str("reason", reason).Int64("mentorships", ended.Mentorships).Int64("claims", ended.Claims).
		Int64("starter_tasks", ended.StarterTasks).Msg("Ended the work of what went away")
	return nil
}

// client returns the installation's client and ID.
func (b *Base) client(ctx context.Context, installationID int64, repo *github.Repository) (*github.Client, int64, error) {
	return b.GitHub.Client(ctx, installationID, repo.GetOwner().GetLogin(), repo.GetName())
}

// decodeError marks a payload that will never parse: retrying cannot help.
func decodeError(event string, err error) error {
	return queue.Permanent(fmt.Errorf("parse %s payload: %w", event, err))
}

func repoOf(r *github.Repository) program.Repo {
	return program.Repo{Owner: r.GetOwner().GetLogin(), Name: r.GetName()}
}

func labelNames(ls []*github.Label) []string {
	out := make([]string, 0, len(ls))
	for _, l := range ls {
		out = append(out, l.GetName())
	}
	return out
}

// skip turns a configuration outcome into the handler's answer: skip is
// true when the handler should return err (nil for "off" or "invalid").
func skip(ctx context.Context, err error) (bool, error) {
	var invalid *gh.InvalidConfigError
	switch {
	case err == nil:
		return false, nil
	case errors.Is(err, gh.ErrNoConfig):
		zerolog.Ctx(ctx).Debug().Msg("No mentorship.yml; the app is off for this repository")
		return true, nil
	case errors.As(err, &invalid):
		zerolog.Ctx(ctx).Warn().Str("source", invalid.Source).Str("problems", repoconfig.FormatProblems(invalid.Source, invalid.Err)).
			Msg("Skipping event: mentorship.yml is invalid")
		return true, nil
	default:
		return true, err
	}
}
