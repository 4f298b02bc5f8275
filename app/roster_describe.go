package app

import (
	"context"
	"fmt"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/mentorbot/mentorbot/app/gh"
	"github.com/mentorbot/mentorbot/app/mentoring/roster"
	"github.com/mentorbot/mentorbot/app/repoconfig"
)

// DescribeRoster resolves the roster of a mentorship configuration for the
// repository owner/name with the app's credentials, as the service would
// (`mentorbot check --online`): the installation is found through the app,
// teams and CODEOWNERS are read, and each mentor's "Busy" status. It opens
// no store.
func DescribeRoster(ctx context.Context, cfg *Config, owner, name string, mentorship *repoconfig.Config) (*repoconfig.Config, []roster.Origin, error) {
	cc, err := newClientCreator(cfg, prometheus.NewRegistry())
	if err != nil {
		return nil, nil, fmt.Errorf("github clients: %w", err)
	}
	in := gh.NewInstallations(cc, cfg.Github.App.IntegrationID, time.Now)
	client, _, err := in.Client(ctx, 0, owner, name)
	if err != nil {
		return nil, nil, err
	}
	return in.DescribeRoster(ctx, client, owner, name, mentorship)
}
