package app

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net/url"
	"os"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/palantir/go-githubapp/githubapp"
	"gopkg.in/yaml.v3"

	"github.com/mentorbot/mentorbot/app/store"
)

// Defaults of the service configuration.
const (
	DefaultConfigFile = "mentorbot.yml"
	DefaultAddress    = "127.0.0.1"
	DefaultPort       = 8080
	DefaultWorkers    = 4
	DefaultWebURL     = "https://github.com"
	DefaultV3APIURL   = "https://api.github.com/"
	DefaultV4APIURL   = "https://api.github.com/graphql"
	DefaultLogLevel   = "info"
	// DefaultShutdownTimeout is how long a stopping service lets running
	// handlers finish; it stays below the grace periods in deploy/.
	DefaultShutdownTimeout = 30 * time.Second
)

// Config is the service configuration (the README's "Service configuration"). The github
// block is go-githubapp's own.
type Config struct {
	Server   ServerConfig     `yaml:"server"`
	Github   githubapp.Config `yaml:"github"`
	Database DatabaseConfig   `yaml:"database"`
	Workers  int              `yaml:"workers"`
	Queue    QueueConfig      `yaml:"queue"`
	Limits   LimitsConfig     `yaml:"limits"`
	Logging  LoggingConfig    `yaml:"logging"`
}

// ServerConfig is where the service listens.
type ServerConfig struct {
	Address   string `yaml:"address"`
	Port      int    `yaml:"port"`
	PublicURL string `yaml:"public_url"`
	// Dashboard serves the program dashboard at GET / (default true).
	Dashboard *bool `yaml:"dashboard"`
	// ShutdownTimeout is how long running handlers may finish after
	// SIGTERM; then their contexts are cancelled and their deliveries stay
	// queued for the next start.
	ShutdownTimeout time.Duration `yaml:"shutdown_timeout"`
}

// DashboardEnabled tells whether GET / serves the dashboard.
func (s ServerConfig) DashboardEnabled() bool { return s.Dashboard == nil || *s.Dashboard }

// DatabaseConfig names the store.
type DatabaseConfig struct {
	URL string `yaml:"url"`
}

// QueueConfig tunes retries of failed deliveries.
type QueueConfig struct {
	MaxAttempts int           `yaml:"max_attempts"`
	RetryBase   time.Duration `yaml:"retry_base"`
	Retention   time.Duration `yaml:"retention"`
	// Lease is how long a worker holds a delivery; with several replicas, a
	// replica that dies leaves its deliveries to the others after this.
	Lease time.Duration `yaml:"lease"`
	// HandlerTimeout bounds each handler run (queue.RunnerOptions).
	HandlerTimeout time.Duration `yaml:"handler_timeout"`
}

// LimitsConfig tunes how gently the app treats GitHub.
type LimitsConfig struct {
	// WriteInterval spaces content-creating requests per installation
	// (GitHub asks for at least a second).
	WriteInterval time.Duration `yaml:"write_interval"`
}

// LoggingConfig chooses log level and format.
type LoggingConfig struct {
	Level string `yaml:"level"`
	JSON  *bool  `yaml:"json"`
}

// ConfigError names the key that stopped start-up.
type ConfigError struct {
	Key string
	Err error
}

func (e *ConfigError) Error() string { return fmt.Sprintf("config: %s: %v", e.Key, e.Err) }
func (e *ConfigError) Unwrap() error { return e.Err }

// LoadConfig reads the file (strict YAML; a missing file is fine when
// allowMissing, so a container can run on the environment alone), then
// the environment, then the defaults, and validates the result, all but
// the app's credentials (see RequireApp). Every problem is reported at
// once: the error joins one *ConfigError per key.
func LoadConfig(path string, allowMissing bool) (*Config, error) {
	return load(path, allowMissing, false)
}

// LoadServiceConfig is LoadConfig and RequireApp in one, for the commands
// that talk to GitHub: every missing or malformed setting is reported at
// once, not one per run.
func LoadServiceConfig(path string, allowMissing bool) (*Config, error) {
	return load(path, allowMissing, true)
}

func load(path string, allowMissing, requireApp bool) (*Config, error) {
	c := Config{Workers: DefaultWorkers} // 0 is a meaningful setting: intake only
	data, err := os.ReadFile(path)
	switch {
	case errors.Is(err, fs.ErrNotExist) && allowMissing:
	case err != nil:
		return nil, &ConfigError{Key: "file", Err: err}
	default:
		dec := yaml.NewDecoder(bytes.NewReader(data))
		dec.KnownFields(true)
		if err := dec.Decode(&c); err != nil && !errors.Is(err, io.EOF) {
			return nil, &ConfigError{Key: path, Err: yamlError(err)}
		}
	}
	problems := c.fromEnv(os.LookupEnv)
	c.defaults()
	later := c.problems()
	if requireApp {
		later = append(later, c.appProblems()...)
	}
	// A malformed environment value was not used; what the file or the
	// default left in its place is not worth a second line.
	for _, p := range later {
		if !slices.ContainsFunc(problems, func(env *ConfigError) bool { return strings.Contains(p.Key, "("+env.Key+")") }) {
			problems = append(problems, p)
		}
	}
	if err := joinProblems(problems); err != nil {
		return nil, err
	}
	return &c, nil
}

// joinProblems is nil, the one problem, or all of them joined (one line each).
func joinProblems(ps []*ConfigError) error {
	switch len(ps) {
	case 0:
		return nil
	case 1:
		return ps[0]
	}
	errs := make([]error, len(ps))
	for i, p := range ps {
		errs[i] = p
	}
	return errors.Join(errs...)
}

// yamlError puts the decoder's complaints on one line, in the words of the
// configuration: "line 2: unknown key \"adress\"".
func yamlError(err error) error {
	var te *yaml.TypeError
	if !errors.As(err, &te) {
		return errors.New(strings.TrimPrefix(err.Error(), "yaml: "))
	}
	msgs := make([]string, 0, len(te.Errors))
	for _, m := range te.Errors {
		if i := strings.Index(m, ": field "); i >= 0 && strings.Contains(m, " not found in type ") {
			field := strings.TrimPrefix(m[i:], ": field ")
			field = field[:strings.Index(field, " not found in type ")]
			m = fmt.Sprintf("%s: unknown key %q", m[:i], field)
		}
		msgs = append(msgs, m)
	}
	return errors.New(strings.Join(msgs, "; "))
}

// fromEnv reads the environment over the file; it returns every value it
// could not read and goes on with the others.
func (c *Config) fromEnv(lookup func(string) (string, bool)) []*ConfigError {
	var problems []*ConfigError
	str := func(key string, dst *string) {
		if v, ok := lookup(key); ok {
			*dst = v
		}
	}
	integer := func(key string, dst *int) {
		if v, ok := lookup(key); ok {
			n, err := strconv.Atoi(strings.TrimSpace(v))
			if err != nil {
				problems = append(problems, &ConfigError{Key: key, Err: fmt.Errorf("%q is not a whole number", v)})
				return
			}
			*dst = n
		}
	}
	duration := func(key, example string, dst *time.Duration) {
		if v, ok := lookup(key); ok {
			d, err := time.ParseDuration(v)
			if err != nil {
				problems = append(problems, &ConfigError{Key: key, Err: fmt.Errorf("%q is not a duration such as %s", v, example)})
				return
			}
			*dst = d
		}
	}
	str("GITHUB_WEB_URL", &c.Github.WebURL)
	str("GITHUB_V3_API_URL", &c.Github.V3APIURL)
	str("GITHUB_V4_API_URL", &c.Github.V4APIURL)
	str("GITHUB_APP_WEBHOOK_SECRET", &c.Github.App.WebhookSecret)
	str("GITHUB_APP_PRIVATE_KEY", &c.Github.App.PrivateKey)
	if v, ok := lookup("GITHUB_APP_INTEGRATION_ID"); ok {
		id, err := strconv.ParseInt(strings.TrimSpace(v), 10, 64)
		if err != nil {
			problems = append(problems, &ConfigError{Key: "GITHUB_APP_INTEGRATION_ID", Err: fmt.Errorf("%q is not a whole number", v)})
		} else {
			c.Github.App.IntegrationID = id
		}
	}
	str("MENTORBOT_ADDRESS", &c.Server.Address)
	str("MENTORBOT_PUBLIC_URL", &c.Server.PublicURL)
	str("MENTORBOT_DATABASE_URL", &c.Database.URL)
	str("MENTORBOT_LOG_LEVEL", &c.Logging.Level)
	if v, ok := lookup("MENTORBOT_DASHBOARD"); ok {
		on, err := strconv.ParseBool(strings.TrimSpace(v))
		if err != nil {
			problems = append(problems, &ConfigError{Key: "MENTORBOT_DASHBOARD", Err: fmt.Errorf("%q is not true or false", v)})
		} else {
			c.Server.Dashboard = &on
		}
	}
	duration("MENTORBOT_QUEUE_LEASE", "5m", &c.Queue.Lease)
	duration("MENTORBOT_SHUTDOWN_TIMEOUT", "30s", &c.Server.ShutdownTimeout)
	duration("MENTORBOT_WRITE_INTERVAL", "1s", &c.Limits.WriteInterval)
	integer("MENTORBOT_PORT", &c.Server.Port)
	integer("MENTORBOT_WORKERS", &c.Workers)
	return problems
}

func (c *Config) defaults() {
	if c.Server.Address == "" {
		c.Server.Address = DefaultAddress
	}
	if c.Server.Port == 0 {
		c.Server.Port = DefaultPort
	}
	if c.Server.ShutdownTimeout == 0 {
		c.Server.ShutdownTimeout = DefaultShutdownTimeout
	}
	if c.Github.WebURL == "" {
		c.Github.WebURL = DefaultWebURL
	}
	if c.Github.V3APIURL == "" {
		c.Github.V3APIURL = DefaultV3APIURL
	}
	if c.Github.V4APIURL == "" {
		c.Github.V4APIURL = DefaultV4APIURL
	}
	if !strings.HasSuffix(c.Github.V3APIURL, "/") {
		c.Github.V3APIURL += "/"
	}
	if c.Database.URL == "" {
		c.Database.URL = store.DefaultURL
	}
	if c.Logging.Level == "" {
		c.Logging.Level = DefaultLogLevel
	}
}

// problems checks the values that start-up needs, all of them.
func (c *Config) problems() []*ConfigError {
	var ps []*ConfigError
	add := func(key string, err error) { ps = append(ps, &ConfigError{Key: key, Err: err}) }
	if c.Server.Port < 1 || c.Server.Port > 65535 {
		add("server.port (MENTORBOT_PORT)", fmt.Errorf("%d is not a port number (1-65535)", c.Server.Port))
	}
	if c.Server.PublicURL != "" {
		if err := checkURL(c.Server.PublicURL); err != nil {
			add("server.public_url (MENTORBOT_PUBLIC_URL)", err)
		}
	}
	if c.Server.ShutdownTimeout < 0 {
		add("server.shutdown_timeout (MENTORBOT_SHUTDOWN_TIMEOUT)", fmt.Errorf("%v is negative", c.Server.ShutdownTimeout))
	}
	for _, u := range []struct{ key, val string }{
		{"github.web_url (GITHUB_WEB_URL)", c.Github.WebURL},
		{"github.v3_api_url (GITHUB_V3_API_URL)", c.Github.V3APIURL},
		{"github.v4_api_url (GITHUB_V4_API_URL)", c.Github.V4APIURL},
	} {
		if err := checkURL(u.val); err != nil {
			add(u.key, err)
		}
	}
	if _, err := url.Parse(c.Database.URL); err != nil || !strings.Contains(c.Database.URL, "://") {
		add("database.url (MENTORBOT_DATABASE_URL)", errors.New("not a URL such as sqlite://mentorbot.db or postgres://user@host/db"))
	}
	if c.Workers < 0 {
		add("workers (MENTORBOT_WORKERS)", fmt.Errorf("%d is negative", c.Workers))
	}
	if c.Limits.WriteInterval < 0 {
		add("limits.write_interval", errors.New("must not be negative"))
	}
	if c.Queue.MaxAttempts < 0 || c.Queue.RetryBase < 0 || c.Queue.Retention < 0 || c.Queue.Lease < 0 || c.Queue.HandlerTimeout < 0 {
		add("queue", errors.New("values must not be negative"))
	}
	if _, err := parseLevel(c.Logging.Level); err != nil {
		add("logging.level (MENTORBOT_LOG_LEVEL)", err)
	}
	return ps
}

// RequireApp checks the GitHub App credentials, which only the commands
// that talk to GitHub need; it reports every one that is missing or
// malformed.
func (c *Config) RequireApp() error { return joinProblems(c.appProblems()) }

func (c *Config) appProblems() []*ConfigError {
	var ps []*ConfigError
	if c.Github.App.IntegrationID <= 0 {
		ps = append(ps, &ConfigError{Key: "github.app.integration_id (GITHUB_APP_INTEGRATION_ID)", Err: errors.New("missing: the GitHub App's ID is required")})
	}
	if c.Github.App.WebhookSecret == "" {
		ps = append(ps, &ConfigError{Key: "github.app.webhook_secret (GITHUB_APP_WEBHOOK_SECRET)", Err: errors.New("missing: webhooks are always signed, so a secret is required")})
	}
	if err := checkPrivateKey(c.Github.App.PrivateKey); err != nil {
		ps = append(ps, &ConfigError{Key: "github.app.private_key (GITHUB_APP_PRIVATE_KEY)", Err: err})
	}
	return ps
}

// IsAppSetting tells whether a configuration problem is about the GitHub
// App's registration, which `mentorbot setup` writes.
func (e *ConfigError) IsAppSetting() bool {
	// github.app.private_key, or GITHUB_APP_PRIVATE_KEY from the environment
	return strings.HasPrefix(strings.ToLower(strings.ReplaceAll(e.Key, "_", ".")), "github.app.")
}

func checkURL(s string) error {
	u, err := url.Parse(s)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return fmt.Errorf("%q is not an http(s) URL", s)
	}
	return nil
}

// Addr is the listen address.
func (c *Config) Addr() string {
	return fmt.Sprintf("%s:%d", c.Server.Address, c.Server.Port)
}
