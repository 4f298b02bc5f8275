package mentoring

import (
	"context"
	"time"

	"github.com/mentorbot/mentorbot/app/program"
	"github.com/mentorbot/mentorbot/app/repoconfig"
)

// Service is the first-timer program over the store.
type Service struct {
	Store Store
	Now   func() time.Time
	// Resolve gives the GitHub client and configuration for a repository of
	// an installation, for work that starts from the store (follow-ups,
	// newcomers waiting for a mentor) rather than from an event.
	Resolve Resolver
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
