package deploy

import (
	"context"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/compose-spec/compose-go/v2/cli"
	"github.com/compose-spec/compose-go/v2/types"
)

const (
	composeFile = "compose.yaml"
	envExample  = "mentorbot.env.example"
	stateDir    = "/var/lib/mentorbot"
)

// loadCompose loads compose.yaml the way `docker compose config` does
// (compose-go: the Compose Specification's JSON schema, interpolation,
// normalisation, consistency checks), with the env example as its .env,
// in a folder of its own so nothing of the machine leaks in.
func loadCompose(t *testing.T) *types.Project {
	t.Helper()
	dir := t.TempDir()
	for src, dst := range map[string]string{composeFile: composeFile, envExample: ".env"} {
		if err := os.WriteFile(filepath.Join(dir, dst), readFile(t, src), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	opts, err := cli.NewProjectOptions([]string{filepath.Join(dir, composeFile)},
		cli.WithWorkingDirectory(dir),
		cli.WithEnvFiles(),
		cli.WithDotEnv,
		cli.WithResolvedPaths(true),
	)
	if err != nil {
		t.Fatal(err)
	}
	p, err := opts.LoadProject(context.Background())
	if err != nil {
		t.Fatalf("compose: %v", err)
	}
	return p
}

func TestComposeService(t *testing.T) {
	p := loadCompose(t)
	if len(p.Services) != 1 {
		t.Fatalf("%d services, want 1", len(p.Services))
	}
	s, err := p.GetService("mentorbot")
	if err != nil {
		t.Fatal(err)
	}
	if s.Restart != types.RestartPolicyUnlessStopped {
		t.Errorf("restart %q, want unless-stopped", s.Restart)
	}
	if s.Build == nil || s.Build.Context != filepath.Dir(p.WorkingDir) || s.Build.Dockerfile != "deploy/Dockerfile" {
		t.Errorf("build %+v, want context .. (the repository root) and deploy/Dockerfile", s.Build)
	} else if _, err := os.Stat(filepath.Join("..", s.Build.Dockerfile)); err != nil {
		t.Errorf("build: %v", err)
	}
	if !s.ReadOnly || !slices.Equal(s.CapDrop, []string{"ALL"}) || !slices.Contains(s.SecurityOpt, "no-new-privileges:true") {
		t.Errorf("read_only %v, cap_drop %v, security_opt %v; want a read-only root, no capabilities, no new privileges", s.ReadOnly, s.CapDrop, s.SecurityOpt)
	}
	if s.StopGracePeriod == nil || time.Duration(*s.StopGracePeriod) < shutdownBudget+5*time.Second {
		t.Errorf("stop_grace_period %v, want room for the %v graceful stop", s.StopGracePeriod, shutdownBudget)
	}

	hc := s.HealthCheck
	if hc == nil || len(hc.Test) < 3 || hc.Test[0] != "CMD" || hc.Test[1] != imageEntrypoint(t) || hc.Test[2] != "healthcheck" {
		t.Errorf("healthcheck %+v, want [CMD %s healthcheck] (no shell in the image)", hc, imageEntrypoint(t))
	}

	// SQLite on a named volume mounted at the state folder.
	var state *types.ServiceVolumeConfig
	for i, v := range s.Volumes {
		if v.Target == stateDir {
			state = &s.Volumes[i]
		}
	}
	if state == nil || state.Type != types.VolumeTypeVolume {
		t.Fatalf("volumes %+v: want a named volume at %s", s.Volumes, stateDir)
	}
	if _, ok := p.Volumes[state.Source]; !ok {
		t.Errorf("volume %q is not declared under volumes:", state.Source)
	}

	// The environment, .env included, is the service configuration's and
	// the app accepts it once real credentials replace the placeholders.
	env := map[string]string{}
	for k, v := range s.Environment {
		if v != nil {
			env[k] = *v
		}
	}
	checkEnvNames(t, "compose service mentorbot", slices.Collect(maps.Keys(env)))
	for _, k := range credentialEnv {
		if _, ok := env[k]; !ok {
			t.Errorf("compose: %s does not reach the service", k)
		}
	}
	if key := env["GITHUB_APP_PRIVATE_KEY"]; !strings.HasPrefix(key, "-----BEGIN") || !strings.HasSuffix(key, "-----") || strings.Count(key, "\n") < 2 {
		t.Errorf("the multi-line private key did not survive .env parsing: %q", key)
	}
	env["GITHUB_APP_INTEGRATION_ID"] = "123456"
	env["GITHUB_APP_PRIVATE_KEY"] = testKey(t)
	cfg, err := loadConfigFromEnv(t, env)
	if err == nil {
		err = cfg.RequireApp()
	}
	if err != nil {
		t.Fatalf("the service's environment: %v", err)
	}
	if !strings.HasPrefix(cfg.Database.URL, "sqlite://"+stateDir+"/") {
		t.Errorf("database %s is not on the volume at %s", cfg.Database.URL, stateDir)
	}
	if cfg.Server.Address != "0.0.0.0" {
		t.Errorf("listens on %s; a published port needs 0.0.0.0", cfg.Server.Address)
	}
	published := false
	for _, port := range s.Ports {
		if int(port.Target) == cfg.Server.Port {
			published = true
			if port.HostIP != "127.0.0.1" {
				t.Errorf("port %d is published on %q; keep it on 127.0.0.1 behind a TLS proxy", port.Target, port.HostIP)
			}
		}
	}
	if !published {
		t.Errorf("ports %+v do not publish the service's port %d", s.Ports, cfg.Server.Port)
	}
}
