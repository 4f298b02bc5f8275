package mentoring

import (
	"context"
	"strings"
	"time"

	"github.com/mentorbot/mentorbot/app/program"
	"github.com/mentorbot/mentorbot/app/repoconfig"
)

// Service is the first-timer program over the store.
type Service struct {
	Store Store
	Now   func() time.Time
	// Started is when this service began handling events; a welcome skips
	// the look for an earlier one only for items opened since (zero:
	// always looks).
	Started time.Time
	// Resolve gives the GitHub client and configuration for a repository of
	// an installation, for work that starts from the store (follow-ups,
	// newcomers waiting for a mentor) rather than from an event.
	Resolve Resolver
	// ForgetConfig drops what is cached of a repository's configuration,
	// its own file and the owner's default (nil: nothing is cached). Scheduled work that a push made due calls it first, so
	// the change applies at once on every replica, not only on the one
	// that handled the push.
	ForgetConfig func(owner, name string)
	// Unassignable, when set, counts a mentor found unassignable at
	// pairing time (no access to the repository).
	Unassignable func()
}

// forgetConfig drops the repository's (owner/name) cached configuration.
func (s *Service) forgetConfig(repo string) {
	if s.ForgetConfig != nil {
		owner, name, _ := strings.Cut(repo, "/")
		s.ForgetConfig(owner, name)
	}
}

// Resolver finds the GitHub client and the repository configuration; a nil
// configuration means the app is off for that repository.
type Resolver func(ctx context.Context, installationID int64, r program.Repo) (GitHub, *repoconfig.Config, error)

func (s *Service) now() time.Time {
	if s.Now != nil {
		return s.Now()
	}
	return time.Now()
}
