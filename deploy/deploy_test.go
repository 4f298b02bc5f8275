package deploy

import (
	"bytes"
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"encoding/pem"
	"errors"
	"go/ast"
	"go/parser"
	"go/token"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"gopkg.in/yaml.v3"

	"github.com/mentorbot/mentorbot/app"
)

// envVar is an environment variable of the service configuration, with a
// probe value and where LoadConfig puts it.
type envVar struct {
	name, value string
	get         func(*app.Config) any
	want        any
}

// configEnv is every variable of the service configuration.
// TestConfigEnvIsHonoured proves the table against app.LoadConfig, so that
// the deployment files can be checked against the table.
var configEnv = []envVar{
	{"GITHUB_WEB_URL", "https://ghe.example.org", func(c *app.Config) any { return c.Github.WebURL }, "https://ghe.example.org"},
	{"GITHUB_V3_API_URL", "https://ghe.example.org/api/v3", func(c *app.Config) any { return c.Github.V3APIURL }, "https://ghe.example.org/api/v3/"},
	{"GITHUB_V4_API_URL", "https://ghe.example.org/api/graphql", func(c *app.Config) any { return c.Github.V4APIURL }, "https://ghe.example.org/api/graphql"},
	{"GITHUB_APP_INTEGRATION_ID", "4242", func(c *app.Config) any { return c.Github.App.IntegrationID }, int64(4242)},
	{"GITHUB_APP_WEBHOOK_SECRET", "probe-secret", func(c *app.Config) any { return c.Github.App.WebhookSecret }, "probe-secret"},
	{"GITHUB_APP_PRIVATE_KEY", "probe-key", func(c *app.Config) any { return c.Github.App.PrivateKey }, "probe-key"},
	{"MENTORBOT_ADDRESS", "0.0.0.0", func(c *app.Config) any { return c.Server.Address }, "0.0.0.0"},
	{"MENTORBOT_PORT", "9099", func(c *app.Config) any { return c.Server.Port }, 9099},
	{"MENTORBOT_PUBLIC_URL", "https://bot.example.org", func(c *app.Config) any { return c.Server.PublicURL }, "https://bot.example.org"},
	{"MENTORBOT_DATABASE_URL", "postgres://u@db/m", func(c *app.Config) any { return c.Database.URL }, "postgres://u@db/m"},
	{"MENTORBOT_WORKERS", "0", func(c *app.Config) any { return c.Workers }, 0},
	{"MENTORBOT_LOG_LEVEL", "debug", func(c *app.Config) any { return c.Logging.Level }, "debug"},
	{"MENTORBOT_DASHBOARD", "false", func(c *app.Config) any { return c.Server.DashboardEnabled() }, false},
	{"MENTORBOT_QUEUE_LEASE", "90s", func(c *app.Config) any { return c.Queue.Lease }, 90 * time.Second},
	{"MENTORBOT_SHUTDOWN_TIMEOUT", "12s", func(c *app.Config) any { return c.Server.ShutdownTimeout }, 12 * time.Second},
	{"MENTORBOT_WRITE_INTERVAL", "2s", func(c *app.Config) any { return c.Limits.WriteInterval }, 2 * time.Second},
}

// otherEnv are variables the deployment files may set that are not the
// service configuration's: the PostgreSQL driver reads libpq's PGPASSWORD,
// the Go runtime GOMEMLIMIT.
var otherEnv = []string{"PGPASSWORD", "GOMEMLIMIT"}

// credentialEnv are the GitHub App's credentials, the only values a
// deployment keeps secret besides the database password.
var credentialEnv = []string{"GITHUB_APP_INTEGRATION_ID", "GITHUB_APP_WEBHOOK_SECRET", "GITHUB_APP_PRIVATE_KEY"}

func isConfigEnv(name string) bool {
	return slices.ContainsFunc(configEnv, func(e envVar) bool { return e.name == name })
}

// checkEnvNames reports every name that neither the configuration nor the
// runtime reads: a misspelt variable is silently ignored otherwise.
func checkEnvNames(t *testing.T, where string, names []string) {
	t.Helper()
	for _, n := range names {
		if !isConfigEnv(n) && !slices.Contains(otherEnv, n) {
			t.Errorf("%s sets %s, which the service does not read (known: the configuration's variables and %v)", where, n, otherEnv)
		}
	}
}

// clearConfigEnv unsets the configuration's variables for the test, so that
// the machine's environment cannot leak into LoadConfig.
func clearConfigEnv(t *testing.T) {
	t.Helper()
	for _, e := range configEnv {
		t.Setenv(e.name, "")
		os.Unsetenv(e.name)
	}
}

// loadConfigFromEnv runs app.LoadConfig with only env set (and no file).
func loadConfigFromEnv(t *testing.T, env map[string]string) (*app.Config, error) {
	t.Helper()
	clearConfigEnv(t)
	for k, v := range env {
		t.Setenv(k, v)
	}
	return app.LoadConfig(filepath.Join(t.TempDir(), "absent.yml"), true)
}

func TestConfigEnvIsHonoured(t *testing.T) {
	for _, e := range configEnv {
		t.Run(e.name, func(t *testing.T) {
			cfg, err := loadConfigFromEnv(t, map[string]string{e.name: e.value})
			if err != nil {
				t.Fatalf("LoadConfig with %s=%q: %v", e.name, e.value, err)
			}
			if got := e.get(cfg); got != e.want {
				t.Errorf("%s=%q gave %#v, want %#v", e.name, e.value, got, e.want)
			}
		})
	}
}

// TestConfigEnvIsComplete finds every variable name the app package's
// sources spell out in full and wants it in configEnv, so that a variable
// added to the app is checked here too.
func TestConfigEnvIsComplete(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("..", "app", "*.go"))
	if err != nil || len(files) == 0 {
		t.Fatalf("app sources: %v", err)
	}
	full := regexp.MustCompile(`^(?:GITHUB|MENTORBOT)_[A-Z0-9_]+$`)
	found := map[string]bool{}
	fset := token.NewFileSet()
	for _, path := range files {
		if strings.HasSuffix(path, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, path, nil, parser.SkipObjectResolution)
		if err != nil {
			t.Fatal(err)
		}
		ast.Inspect(f, func(n ast.Node) bool {
			if lit, ok := n.(*ast.BasicLit); ok && lit.Kind == token.STRING {
				if v, err := strconv.Unquote(lit.Value); err == nil && full.MatchString(v) {
					found[v] = true
				}
			}
			return true
		})
	}
	if len(found) < len(credentialEnv) {
		t.Fatalf("found only %v in the app's sources", found)
	}
	for name := range found {
		if !isConfigEnv(name) {
			t.Errorf("the app reads %s, which configEnv (and so the checks of the deployment files) does not know", name)
		}
	}
}

// TestYAMLFilesParse decodes every document of every YAML file under
// deploy/ (duplicate keys and tabs are errors in yaml.v3).
func TestYAMLFilesParse(t *testing.T) {
	var files []string
	err := filepath.WalkDir(".", func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.IsDir() && (strings.HasSuffix(path, ".yaml") || strings.HasSuffix(path, ".yml")) {
			files = append(files, filepath.ToSlash(path))
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"compose.yaml", "mentorbot.example.yml", "kubernetes/base/deployment.yaml", "kubernetes/sqlite/kustomization.yaml"} {
		if !slices.Contains(files, want) {
			t.Errorf("walk found %v, not %s", files, want)
		}
	}
	for _, f := range files {
		t.Run(f, func(t *testing.T) {
			dec := yaml.NewDecoder(bytes.NewReader(readFile(t, f)))
			docs := 0
			for {
				var n yaml.Node
				err := dec.Decode(&n)
				if errors.Is(err, io.EOF) {
					break
				}
				if err != nil {
					t.Fatalf("document %d: %v", docs+1, err)
				}
				if len(n.Content) > 0 && n.Content[0].Kind == yaml.MappingNode && len(n.Content[0].Content) > 0 {
					docs++
				}
			}
			if docs == 0 {
				t.Error("no document with content")
			}
		})
	}
}

func readFile(t *testing.T, path string) []byte {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// testKey is a fresh RSA key in PEM form, as GitHub hands one out.
func testKey(t *testing.T) string {
	t.Helper()
	k, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		t.Fatal(err)
	}
	return string(pem.EncodeToMemory(&pem.Block{Type: "RSA PRIVATE KEY", Bytes: x509.MarshalPKCS1PrivateKey(k)}))
}
