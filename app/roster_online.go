package app

import (
	"context"
	"fmt"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/mentorbot/mentorbot/app/gh"
	"github.com/mentorbot/mentorbot/app/program"
)

// UnassignableMentors asks GitHub, as the app's installation on
// owner/name, which of the logins it would not assign there (GET
// /repos/{owner}/{name}/assignees/{login} answers 404: no access, for
// example an organization member while the base permission is none).
// GitHub leaves such a login out of the assignees without an error, so
// `mentorbot check --online` names them before a newcomer meets it.
func UnassignableMentors(ctx context.Context, cfg *Config, owner, name string, logins []string) ([]string, error) {
	cc, err := newClientCreator(cfg, prometheus.NewRegistry())
	if err != nil {
		return nil, err
	}
	in := gh.NewInstallations(cc, cfg.Github.App.IntegrationID, time.Now)
	client, _, err := in.Client(ctx, 0, owner, name)
	if err != nil {
		return nil, err
	}
	api, r := in.API(client), program.Repo{Owner: owner, Name: name}
	var out []string
	for _, login := range logins {
		can, err := api.CanBeAssigned(ctx, r, login)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", login, err)
		}
		if !can {
			out = append(out, login)
		}
	}
	return out, nil
}
