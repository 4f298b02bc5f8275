package claims

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/mentorbot/mentorbot/app/mentoring"
	"github.com/mentorbot/mentorbot/app/program"
	"github.com/mentorbot/mentorbot/app/repoconfig"
)

// OfferHold is how long a released task is kept for the next in line
// before it passes to the one after (or to anyone).
const OfferHold = 72 * time.Hour

// Service is the good-first-issue program over the store.
type Service struct {
	Store Store
	// Program is the first-timer program, whose mentor rotation pairs claimers.
	Program *mentoring.Service
	Now     func() time.Time
	// Resolve gives the client and configuration for work that starts from
	// the store (the scheduler).
	Resolve Resolver
	// ForgetConfig drops a repository's cached configuration (nil: none
	// is cached); see mentoring.Service.
	ForgetConfig func(owner, name string)
}

func (s *Service) now() time.Time {
	if s.Now != nil {
		return s.Now()
	}
	return time.Now()
}

// resolve finds the client and configuration of a repository; a nil
// configuration means the app is off there.
func (s *Service) resolve(ctx context.Context, installationID int64, repo string) (GitHub, *repoconfig.Config, error) {
	if s.Resolve == nil {
		return nil, nil, fmt.Errorf("no resolver for %s", repo)
	}
	r := repoOf(repo)
	gh, cfg, err := s.Resolve(ctx, installationID, r)
	if err != nil {
		return nil, nil, fmt.Errorf("resolve %s: %w", repo, err)
	}
	return gh, cfg, nil
}

// Resolver finds the GitHub client and the repository configuration; a nil
// configuration means the app is off there.
type Resolver func(ctx context.Context, installationID int64, r program.Repo) (GitHub, *repoconfig.Config, error)

func repoOf(fullName string) program.Repo {
	owner, name, _ := strings.Cut(fullName, "/")
	return program.Repo{Owner: owner, Name: name}
}

func taskKey(repo string, number int) string { return fmt.Sprintf("%s#%d", repo, number) }

// starterLabel returns the good-first-issue label among labels, or "".
func starterLabel(cfg *repoconfig.Config, labels []string) string {
	for _, l := range labels {
		if isOneOf(l, cfg.GoodFirstIssues.Labels) {
			return l
		}
	}
	return ""
}

// isOneOf compares label names as GitHub does, ignoring case.
func isOneOf(label string, set []string) bool {
	for _, s := range set {
		if strings.EqualFold(s, label) {
			return true
		}
	}
	return false
}
