package app

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net/url"
	"os"
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
)

// Config is the service configuration (contract section 2). The github
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
// the app's credentials (see RequireApp).
func LoadConfig(path string, allowMissing bool) (*Config, error) {
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
	if err := c.fromEnv(os.LookupEnv); err != nil {
		return nil, err
	}
	c.defaults()
	if err := c.validate(); err != nil {
		return nil, err
	}
	return &c, nil
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

func (c *Config) fromEnv(lookup func(string) (string, bool)) error {
	str := func(key string, dst *string) {
		if v, ok := lookup(key); ok {
			*dst = v
		}
	}
	integer := func(key string, dst *int) error {
		if v, ok := lookup(key); ok {
			n, err := strconv.Atoi(strings.TrimSpace(v))
			if err != nil {
				return &ConfigError{Key: key, Err: fmt.Errorf("%q is not a whole number", v)}
			}
			*dst = n
		}
		return nil
	}
	str("GITHUB_WEB_URL", &c.Github.WebURL)
	str("GITHUB_V3_API_URL", &c.Github.V3APIURL)
	str("GITHUB_V4_API_URL", &c.Github.V4APIURL)
	str("GITHUB_APP_WEBHOOK_SECRET", &c.Github.App.WebhookSecret)
	str("GITHUB_APP_PRIVATE_KEY", &c.Github.App.PrivateKey)
	if v, ok := lookup("GITHUB_APP_INTEGRATION_ID"); ok {
		id, err := strconv.ParseInt(strings.TrimSpace(v), 10, 64)
		if err != nil {
			return &ConfigError{Key: "GITHUB_APP_INTEGRATION_ID", Err: fmt.Errorf("%q is not a whole number", v)}
		}
		c.Github.App.IntegrationID = id
	}
	str("MENTORBOT_ADDRESS", &c.Server.Address)
	str("MENTORBOT_PUBLIC_URL", &c.Server.PublicURL)
	str("MENTORBOT_DATABASE_URL", &c.Database.URL)
	str("MENTORBOT_LOG_LEVEL", &c.Logging.Level)
	if v, ok := lookup("MENTORBOT_DASHBOARD"); ok {
		on, err := strconv.ParseBool(strings.TrimSpace(v))
		if err != nil {
			return &ConfigError{Key: "MENTORBOT_DASHBOARD", Err: fmt.Errorf("%q is not true or false", v)}
		}
		c.Server.Dashboard = &on
	}
	if v, ok := lookup("MENTORBOT_QUEUE_LEASE"); ok {
		d, err := time.ParseDuration(v)
		if err != nil {
			return &ConfigError{Key: "MENTORBOT_QUEUE_LEASE", Err: fmt.Errorf("%q is not a duration such as 5m", v)}
		}
		c.Queue.Lease = d
	}
	if v, ok := lookup("MENTORBOT_WRITE_INTERVAL"); ok {
		d, err := time.ParseDuration(v)
		if err != nil {
			return &ConfigError{Key: "MENTORBOT_WRITE_INTERVAL", Err: fmt.Errorf("%q is not a duration such as 1s", v)}
		}
		c.Limits.WriteInterval = d
	}
	if err := integer("MENTORBOT_PORT", &c.Server.Port); err != nil {
		return err
	}
	return integer("MENTORBOT_WORKERS", &c.Workers)
}

func (c *Config) defaults() {
	if c.Server.Address == "" {
		c.Server.Address = DefaultAddress
	}
	if c.Server.Port == 0 {
		c.Server.Port = DefaultPort
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

// validate checks the values that start-up needs; the first problem stops it.
func (c *Config) validate() error {
	if c.Server.Port < 1 || c.Server.Port > 65535 {
		return &ConfigError{Key: "server.port (MENTORBOT_PORT)", Err: fmt.Errorf("%d is not a port number (1-65535)", c.Server.Port)}
	}
	if c.Server.PublicURL != "" {
		if err := checkURL(c.Server.PublicURL); err != nil {
			return &ConfigError{Key: "server.public_url (MENTORBOT_PUBLIC_URL)", Err: err}
		}
	}
	for _, u := range []struct{ key, val string }{
		{"github.web_url (GITHUB_WEB_URL)", c.Github.WebURL},
		{"github.v3_api_url (GITHUB_V3_API_URL)", c.Github.V3APIURL},
		{"github.v4_api_url (GITHUB_V4_API_URL)", c.Github.V4APIURL},
	} {
		if err := checkURL(u.val); err != nil {
			return &ConfigError{Key: u.key, Err: err}
		}
	}
	if _, err := url.Parse(c.Database.URL); err != nil || !strings.Contains(c.Database.URL, "://") {
		return &ConfigError{Key: "database.url (MENTORBOT_DATABASE_URL)", Err: errors.New("not a URL such as sqlite://mentorbot.db or postgres://user@host/db")}
	}
	if c.Workers < 0 {
		return &ConfigError{Key: "workers (MENTORBOT_WORKERS)", Err: fmt.Errorf("%d is negative", c.Workers)}
	}
	if c.Limits.WriteInterval < 0 {
		return &ConfigError{Key: "limits.write_interval", Err: errors.New("must not be negative")}
	}
	if c.Queue.MaxAttempts < 0 || c.Queue.RetryBase < 0 || c.Queue.Retention < 0 || c.Queue.Lease < 0 || c.Queue.HandlerTimeout < 0 {
		return &ConfigError{Key: "queue", Err: errors.New("values must not be negative")}
	}
	if _, err := parseLevel(c.Logging.Level); err != nil {
		return &ConfigError{Key: "logging.level (MENTORBOT_LOG_LEVEL)", Err: err}
	}
	return nil
}

// RequireApp checks the GitHub App credentials, which only the commands
// that talk to GitHub need.
func (c *Config) RequireApp() error {
	if c.Github.App.IntegrationID <= 0 {
		return &ConfigError{Key: "github.app.integration_id (GITHUB_APP_INTEGRATION_ID)", Err: errors.New("missing: the GitHub App's ID is required")}
	}
	if c.Github.App.WebhookSecret == "" {
		return &ConfigError{Key: "github.app.webhook_secret (GITHUB_APP_WEBHOOK_SECRET)", Err: errors.New("missing: webhooks are always signed, so a secret is required")}
	}
	if err := checkPrivateKey(c.Github.App.PrivateKey); err != nil {
		return &ConfigError{Key: "github.app.private_key (GITHUB_APP_PRIVATE_KEY)", Err: err}
	}
	return nil
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
