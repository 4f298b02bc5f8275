// Package handlers holds one type per GitHub event. Each Handle parses the
// payload, filters the action, gets an installation client, loads the
// repository's configuration and hands over to domain code.
package handlers

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/google/go-github/v60/github"
	"github.com/palantir/go-githubapp/appconfig"
	"github.com/palantir/go-githubapp/githubapp"
	"github.com/rs/zerolog"

	"github.com/mentorbot/mentorbot/app/claims"
	"github.com/mentorbot/mentorbot/app/gh"
	"github.com/mentorbot/mentorbot/app/mentoring"
	"github.com/mentorbot/mentorbot/app/program"
	"github.com/mentorbot/mentorbot/app/queue"
	"github.com/mentorbot/mentorbot/app/repoconfig"
	"github.com/mentorbot/mentorbot/app/store"
)

// Where the repository configuration lives.
const (
	ConfigPath      = ".github/mentorship.yml"
	OwnerConfigRepo = ".github"
	OwnerConfigPath = "mentorship.yml"
)

// Base is what every handler shares.
type Base struct {
	githubapp.ClientCreator
	Store   *store.DB
	Program *mentoring.Service
	// Claims runs good first issues: starter tasks, claims, progression.
	Claims *claims.Service
	Loader *appconfig.Loader
	// Commands are the features that act on comments, in order.
	Commands []CommandRunner
	programs programCache // repositories running office hours
}

// CommandRunner is one feature's share of comment commands.
type CommandRunner interface {
	// Wants tells, without any GitHub call, whether the body may hold
	// something for this feature.
	Wants(body string) bool
	Run(ctx context.Context, client *github.Client, cfg *repoconfig.Config, it program.Item, c program.Comment) error
}

// NewBase builds the shared part of the handlers; now is the program's
// clock (time.Now, or a fixed time for `schedule run --now`).
func NewBase(cc githubapp.ClientCreator, db *store.DB, now func() time.Time) *Base {
	b := &Base{
		ClientCreator: cc,
		Store:         db,
		Loader:        appconfig.NewLoader([]string{ConfigPath}, appconfig.WithOwnerDefault(OwnerConfigRepo, []string{OwnerConfigPath})),
	}
	b.Program = &mentoring.Service{Store: db, Resolve: b.Resolve, Now: now}
	b.Claims = &claims.Service{Store: db, Program: b.Program, Resolve: b.Resolve, Now: now}
	b.Commands = []CommandRunner{mentorCommands{b.Program}, claimCommands{b.Claims}, hoursCommands{b}}
	return b
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
	}
}

// errNoConfig means the repository has no mentorship.yml: the app is off there.
var errNoConfig = errors.New("no mentorship.yml")

// InvalidConfigError is a mentorship.yml the app cannot use.
type InvalidConfigError struct {
	Source string // where the file was read
	Err    error  // mentorship.Problems
}

func (e *InvalidConfigError) Error() string {
	return fmt.Sprintf("invalid %s: %v", e.Source, e.Err)
}

// LoadConfig reads and validates the repository's configuration from its
// default branch, falling back to the owner's .github repository. The
// three outcomes: errNoConfig (off), an *InvalidConfigError (the user's
// mistake, not worth retrying), or another error (GitHub unreachable: retry).
func (b *Base) LoadConfig(ctx context.Context, client *github.Client, owner, repo string) (*repoconfig.Config, error) {
	c, err := b.Loader.LoadConfig(ctx, client, owner, repo, "")
	if err != nil {
		return nil, fmt.Errorf("load %s: %w", ConfigPath, err)
	}
	if c.IsUndefined() {
		return nil, errNoConfig
	}
	cfg, err := repoconfig.Parse(c.Content)
	if err != nil {
		return nil, &InvalidConfigError{Source: c.Source + ":" + c.Path, Err: err}
	}
	return cfg, nil
}

// client returns the installation's client, finding the installation
// through the app when the payload does not say (GitHub's documentation
// examples leave it out; real deliveries to an app carry it).
func (b *Base) client(ctx context.Context, installationID int64, owner, repo string) (*github.Client, int64, error) {
	if installationID == 0 {
		app, err := b.NewAppClient()
		if err != nil {
			return nil, 0, fmt.Errorf("app client: %w", err)
		}
		inst, _, err := app.Apps.FindRepositoryInstallation(ctx, owner, repo)
		if err != nil {
			return nil, 0, fmt.Errorf("find installation of %s/%s: %w", owner, repo, err)
		}
		installationID = inst.GetID()
	}
	c, err := b.NewInstallationClient(installationID)
	if err != nil {
		return nil, 0, fmt.Errorf("installation client: %w", err)
	}
	return c, installationID, nil
}

// Resolve serves the program's work that starts from the store.
func (b *Base) Resolve(ctx context.Context, installationID int64, r program.Repo) (mentoring.GitHub, *repoconfig.Config, error) {
	client, _, err := b.client(ctx, installationID, r.Owner, r.Name)
	if err != nil {
		return nil, nil, err
	}
	cfg, err := b.LoadConfig(ctx, client, r.Owner, r.Name)
	var invalid *InvalidConfigError
	if errors.Is(err, errNoConfig) || errors.As(err, &invalid) {
		return gh.New(client), nil, nil
	}
	if err != nil {
		return nil, nil, err
	}
	return gh.New(client), cfg, nil
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
func (b *Base) skip(ctx context.Context, err error) (bool, error) {
	var invalid *InvalidConfigError
	switch {
	case err == nil:
		return false, nil
	case errors.Is(err, errNoConfig):
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

// mentorCommands runs /mentor and friends.
type mentorCommands struct{ svc *mentoring.Service }

func (m mentorCommands) Wants(body string) bool { return mentoring.HasCommands(body) }

func (m mentorCommands) Run(ctx context.Context, client *github.Client, cfg *repoconfig.Config, it program.Item, c program.Comment) error {
	return m.svc.Commands(ctx, gh.New(client), cfg, it, c)
}

// claimCommands runs /claim, /unclaim and plain-language requests.
type claimCommands struct{ svc *claims.Service }

func (c claimCommands) Wants(body string) bool { return claims.Wants(body) }

func (c claimCommands) Run(ctx context.Context, client *github.Client, cfg *repoconfig.Config, it program.Item, cm program.Comment) error {
	return c.svc.Commands(ctx, gh.New(client), cfg, it, cm)
}
