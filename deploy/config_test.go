package deploy

import (
	"bytes"
	"errors"
	"maps"
	"reflect"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"gopkg.in/yaml.v3"

	"github.com/mentorbot/mentorbot/app"
	"github.com/mentorbot/mentorbot/app/gh/transport"
	"github.com/mentorbot/mentorbot/app/queue"
	"github.com/mentorbot/mentorbot/app/store"
)

const exampleConfig = "mentorbot.example.yml"

// TestExampleConfigShowsTheDefaults decodes the example strictly, without
// the defaults LoadConfig fills in, and wants every value it states to be
// the default the code uses (placeholders for the credentials).
func TestExampleConfigShowsTheDefaults(t *testing.T) {
	var got app.Config
	dec := yaml.NewDecoder(bytes.NewReader(readFile(t, exampleConfig)))
	dec.KnownFields(true)
	if err := dec.Decode(&got); err != nil {
		t.Fatalf("strict decode into app.Config: %v", err)
	}
	cases := []struct {
		key       string
		got, want any
	}{
		{"server.address", got.Server.Address, app.DefaultAddress},
		{"server.port", got.Server.Port, app.DefaultPort},
		{"server.public_url", got.Server.PublicURL, ""},
		{"server.shutdown_timeout", got.Server.ShutdownTimeout, app.DefaultShutdownTimeout},
		{"github.web_url", got.Github.WebURL, app.DefaultWebURL},
		{"github.v3_api_url", got.Github.V3APIURL, app.DefaultV3APIURL},
		{"github.v4_api_url", got.Github.V4APIURL, app.DefaultV4APIURL},
		{"github.oauth.client_id", got.Github.OAuth.ClientID, ""},
		{"github.oauth.client_secret", got.Github.OAuth.ClientSecret, ""},
		{"database.url", got.Database.URL, store.DefaultURL},
		{"workers", got.Workers, app.DefaultWorkers},
		{"queue.max_attempts", got.Queue.MaxAttempts, queue.DefaultMaxAttempts},
		{"queue.retry_base", got.Queue.RetryBase, queue.DefaultRetryBase},
		{"queue.retention", got.Queue.Retention, app.DefaultRetention},
		{"queue.lease", got.Queue.Lease, queue.DefaultLease},
		{"queue.handler_timeout", got.Queue.HandlerTimeout, queue.DefaultHandlerTimeout},
		{"limits.write_interval", got.Limits.WriteInterval, transport.DefaultWriteInterval},
		{"logging.level", got.Logging.Level, app.DefaultLogLevel},
	}
	for _, c := range cases {
		if c.got != c.want {
			t.Errorf("%s: example says %v, the default is %v", c.key, c.got, c.want)
		}
	}
	if got.Server.Dashboard == nil || !*got.Server.Dashboard {
		t.Errorf("server.dashboard: want true, the default, got %v", got.Server.Dashboard)
	}
	if got.Logging.JSON == nil || !*got.Logging.JSON {
		t.Errorf("logging.json: want true (JSON lines for a service), got %v", got.Logging.JSON)
	}
}

// TestExampleConfigLoads runs the example through the service's own
// loader (strict YAML, then validation), then shows that its credentials
// are placeholders that stop start-up, and that the environment's win.
func TestExampleConfigLoads(t *testing.T) {
	clearConfigEnv(t)
	cfg, err := app.LoadConfig(exampleConfig, false)
	if err != nil {
		t.Fatalf("app.LoadConfig(%s): %v", exampleConfig, err)
	}
	err = cfg.RequireApp()
	var ce *app.ConfigError
	if !errors.As(err, &ce) || !strings.Contains(ce.Key, "GITHUB_APP_INTEGRATION_ID") {
		t.Errorf("RequireApp on the placeholders: %v, want a ConfigError naming GITHUB_APP_INTEGRATION_ID", err)
	}
	// The key placeholder alone is refused too.
	cfg.Github.App.IntegrationID = 1
	if err := cfg.RequireApp(); err == nil || !strings.Contains(err.Error(), "private_key") {
		t.Errorf("RequireApp on the private key placeholder: %v, want an error naming private_key", err)
	}

	key := testKey(t)
	t.Setenv("GITHUB_APP_INTEGRATION_ID", "123456")
	t.Setenv("GITHUB_APP_WEBHOOK_SECRET", "from-the-environment")
	t.Setenv("GITHUB_APP_PRIVATE_KEY", key)
	cfg, err = app.LoadConfig(exampleConfig, false)
	if err != nil {
		t.Fatal(err)
	}
	if err := cfg.RequireApp(); err != nil {
		t.Errorf("RequireApp with credentials from the environment: %v", err)
	}
	if cfg.Github.App.WebhookSecret != "from-the-environment" || cfg.Github.App.PrivateKey != key {
		t.Error("the environment did not win over the example's placeholders")
	}
}

// TestExampleConfigNamesEveryKey walks app.Config's YAML keys and the
// example's, and wants the same set: a key added to the code is documented.
func TestExampleConfigNamesEveryKey(t *testing.T) {
	want := yamlKeys(reflect.TypeOf(app.Config{}), "")
	doc := exampleNode(t)
	var got []string
	for _, k := range leafKeys(doc, "") {
		got = append(got, k.path)
	}
	slices.Sort(want)
	slices.Sort(got)
	if !slices.Equal(got, want) {
		t.Errorf("example keys differ from app.Config's\n got: %v\nwant: %v", got, want)
	}
}

var envToken = regexp.MustCompile(`\b(?:GITHUB|MENTORBOT)_[A-Z0-9_]+\b`)

// TestExampleConfigNamesEnvVars wants each key's comment to name exactly
// the environment variable that sets it, and no other.
func TestExampleConfigNamesEnvVars(t *testing.T) {
	envOf := map[string]string{
		"server.address":            "MENTORBOT_ADDRESS",
		"server.port":               "MENTORBOT_PORT",
		"server.public_url":         "MENTORBOT_PUBLIC_URL",
		"server.dashboard":          "MENTORBOT_DASHBOARD",
		"server.shutdown_timeout":   "MENTORBOT_SHUTDOWN_TIMEOUT",
		"queue.lease":               "MENTORBOT_QUEUE_LEASE",
		"limits.write_interval":     "MENTORBOT_WRITE_INTERVAL",
		"github.web_url":            "GITHUB_WEB_URL",
		"github.v3_api_url":         "GITHUB_V3_API_URL",
		"github.v4_api_url":         "GITHUB_V4_API_URL",
		"github.app.integration_id": "GITHUB_APP_INTEGRATION_ID",
		"github.app.webhook_secret": "GITHUB_APP_WEBHOOK_SECRET",
		"github.app.private_key":    "GITHUB_APP_PRIVATE_KEY",
		"database.url":              "MENTORBOT_DATABASE_URL",
		"workers":                   "MENTORBOT_WORKERS",
		"logging.level":             "MENTORBOT_LOG_LEVEL",
	}
	// The mapping covers the whole configEnv table.
	for _, e := range configEnv {
		if !slices.Contains(slices.Collect(maps.Values(envOf)), e.name) {
			t.Errorf("%s is in configEnv but no key of the example maps to it", e.name)
		}
	}
	for _, k := range leafKeys(exampleNode(t), "") {
		named := envToken.FindAllString(k.comment, -1)
		want := envOf[k.path]
		switch {
		case want == "" && len(named) > 0:
			t.Errorf("%s: the comment names %v, but no environment variable sets this key", k.path, named)
		case want != "" && (len(named) != 1 || named[0] != want):
			t.Errorf("%s: the comment names %v, want exactly %s", k.path, named, want)
		}
	}
}

type leafKey struct{ path, comment string }

// leafKeys lists the scalar keys of a mapping with their comments, dotted.
func leafKeys(n *yaml.Node, prefix string) []leafKey {
	var out []leafKey
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		path := prefix + k.Value
		if v.Kind == yaml.MappingNode {
			out = append(out, leafKeys(v, path+".")...)
			continue
		}
		out = append(out, leafKey{path, k.HeadComment + "\n" + k.LineComment + "\n" + v.LineComment})
	}
	return out
}

func exampleNode(t *testing.T) *yaml.Node {
	t.Helper()
	var doc yaml.Node
	if err := yaml.Unmarshal(readFile(t, exampleConfig), &doc); err != nil {
		t.Fatal(err)
	}
	if len(doc.Content) != 1 || doc.Content[0].Kind != yaml.MappingNode {
		t.Fatalf("%s: not one mapping", exampleConfig)
	}
	return doc.Content[0]
}

// yamlKeys lists the dotted YAML keys of a struct type's leaves.
func yamlKeys(typ reflect.Type, prefix string) []string {
	var out []string
	for f := range typ.Fields() {
		name, _, _ := strings.Cut(f.Tag.Get("yaml"), ",")
		if name == "" || name == "-" {
			continue
		}
		ft := f.Type
		if ft.Kind() == reflect.Struct && ft != reflect.TypeOf(time.Time{}) {
			out = append(out, yamlKeys(ft, prefix+name+".")...)
			continue
		}
		out = append(out, prefix+name)
	}
	return out
}
