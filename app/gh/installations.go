package gh

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/google/go-github/v60/github"
	"github.com/palantir/go-githubapp/githubapp"

	"github.com/mentorbot/mentorbot/app/mentoring/roster"
	"github.com/mentorbot/mentorbot/app/program"
	"github.com/mentorbot/mentorbot/app/repoconfig"
)

// ErrNoConfig means the repository has no mentorship.yml: the app is off there.
var ErrNoConfig = errors.New("no mentorship.yml")

// InvalidConfigError is a mentorship.yml the app cannot use.
type InvalidConfigError struct {
	Source string // where the file was read
	Err    error  // repoconfig.Problems
}

func (e *InvalidConfigError) Error() string {
	return fmt.Sprintf("invalid %s: %v", e.Source, e.Err)
}

// Installations reaches GitHub as the app's installations: their clients
// and their repositories' mentorship.yml, resolved through a cache (see
// ConfigTTL).
type Installations struct {
	githubapp.ClientCreator
	appID    int64 // this app's ID: its bot's comments are found as its own
	configs  *configCache
	statuses Statuses
	teams    teamCache
	perms    *permCache
}

// NewInstallations wraps the app's client creator; now is the clock of
// the configuration cache (time.Now when nil).
func NewInstallations(cc githubapp.ClientCreator, appID int64, now func() time.Time) *Installations {
	if now == nil {
		now = time.Now
	}
	return &Installations{ClientCreator: cc, appID: appID, configs: newConfigCache(now), perms: newPermCache(now)}
}

// API wraps an installation client as this app: FindComment finds only
// this app's own comments.
func (in *Installations) API(client *github.Client) *Client {
	return &Client{gh: client, appID: in.appID, perms: in.perms}
}

// ForgetConfig drops what is known of the repository's mentorship.yml, so
// the next read asks GitHub; with repo "" or the owner's .github
// repository, the owner's default too. A push that changes the file
// calls it.
func (in *Installations) ForgetConfig(owner, repo string) { in.configs.forget(owner, repo) }

// ForgetResolution drops both levels the repository's configuration is
// resolved from: its own file and the owner's default. Scheduled work
// that a push made due calls it, not knowing which of the two changed.
func (in *Installations) ForgetResolution(owner, repo string) {
	in.configs.forget(owner, repo)
	in.configs.forget(owner, "")
}

// Client returns the installation's client, finding the installation
// through the app when the payload does not say (GitHub's documentation
// examples leave it out; real deliveries to an app carry it).
func (in *Installations) Client(ctx context.Context, installationID int64, owner, repo string) (*github.Client, int64, error) {
	if installationID == 0 {
		app, err := in.NewAppClient()
		if err != nil {
			return nil, 0, fmt.Errorf("app client: %w", err)
		}
		inst, _, err := app.Apps.FindRepositoryInstallation(ctx, owner, repo)
		if err != nil {
			return nil, 0, fmt.Errorf("find installation of %s/%s: %w", owner, repo, err)
		}
		installationID = inst.GetID()
	}
	c, err := in.NewInstallationClient(installationID)
	if err != nil {
		return nil, 0, fmt.Errorf("installation client: %w", err)
	}
	return c, installationID, nil
}

// Discussions builds the REST and GraphQL clients of an installation.
func (in *Installations) Discussions(installationID int64) (*Discussions, error) {
	v3, err := in.NewInstallationClient(installationID)
	if err != nil {
		return nil, fmt.Errorf("installation client: %w", err)
	}
	v4, err := in.NewInstallationV4Client(installationID)
	if err != nil {
		return nil, fmt.Errorf("installation graphql client: %w", err)
	}
	return &Discussions{Client: in.API(v3), v4: v4}, nil
}

// LoadConfig reads and validates the repository's configuration from its
// default branch, falling back to the owner's .github repository (each
// level read at most every ConfigTTL), and resolves its roster
// (mentor_teams, CODEOWNERS; see roster.Resolve) with each mentor's GitHub
// "Busy" status (see Statuses). The three outcomes: ErrNoConfig (off), an
// *InvalidConfigError (the user's mistake, not worth retrying), or another
// error (GitHub unreachable: retry).
func (in *Installations) LoadConfig(ctx context.Context, client *github.Client, owner, repo string) (*repoconfig.Config, error) {
	c, err := in.configs.load(ctx, client, owner, repo)
	if err != nil {
		return nil, fmt.Errorf("load %s: %w", repoconfig.Path, err)
	}
	if c.IsUndefined() {
		return nil, ErrNoConfig
	}
	cfg, err := repoconfig.Parse(c.Content)
	if err != nil {
		return nil, &InvalidConfigError{Source: c.Source + ":" + c.Path, Err: err}
	}
	if cfg, err = roster.Resolve(ctx, cachedSource{in.API(client), &in.teams}, owner, repo, cfg); err != nil {
		return nil, err
	}
	in.statuses.Mark(ctx, in.API(client), cfg)
	return cfg, nil
}

// Resolve serves the program's work that starts from the store: the
// repository's client and configuration (nil where the app is off or the
// file is invalid).
func (in *Installations) Resolve(ctx context.Context, installationID int64, r program.Repo) (*Client, *repoconfig.Config, error) {
	client, _, err := in.Client(ctx, installationID, r.Owner, r.Name)
	if err != nil {
		return nil, nil, err
	}
	cfg, err := in.LoadConfig(ctx, client, r.Owner, r.Name)
	var invalid *InvalidConfigError
	if errors.Is(err, ErrNoConfig) || errors.As(err, &invalid) {
		return in.API(client), nil, nil
	}
	if err != nil {
		return nil, nil, err
	}
	return in.API(client), cfg, nil
}
