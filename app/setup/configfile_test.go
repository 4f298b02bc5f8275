package setup

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"
)

var testCreds = Credentials{
	AppID:         4711,
	WebhookSecret: "s3cret: with # odd characters",
	PrivateKey:    "-----BEGIN RSA PRIVATE KEY-----\nMIIEabc\ndef==\n-----END RSA PRIVATE KEY-----\n",
	ClientID:      "Iv1.0123abcd",
	ClientSecret:  "client: secret # odd",
	SessionKey:    "c2Vzc2lvbi1rZXktb2YtdGhpcnR5LXR3by1ieXRlcw",
}

// appBlock decodes the github.app block back.
type appBlock struct {
	Github struct {
		App struct {
			IntegrationID int64  `yaml:"integration_id"`
			WebhookSecret string `yaml:"webhook_secret"`
			PrivateKey    string `yaml:"private_key"`
		} `yaml:"app"`
	} `yaml:"github"`
	Dashboard struct {
		OAuthClientID     string `yaml:"oauth_client_id"`
		OAuthClientSecret string `yaml:"oauth_client_secret"`
		SessionKey        string `yaml:"session_key"`
	} `yaml:"dashboard"`
}

func TestSetCredentials(t *testing.T) {
	cases := []struct {
		name   string
		before string
		keep   []string // text that must survive
		absent []string // text that must be gone
	}{
		{"new file", "", []string{`written by "mentorbot setup"`}, nil},
		{"comment only", "# my notes\n", []string{"# my notes"}, []string{"written by"}},
		{"other keys and comments kept, in order", `# mentorbot for the octo community
server:
  address: 0.0.0.0 # all interfaces
  port: 8080
github:
  # our GitHub Enterprise Server
  web_url: https://ghe.example.com
database:
  url: sqlite:///var/lib/mentorbot/mentorbot.db
workers: 8
`, []string{"# mentorbot for the octo community", "address: 0.0.0.0 # all interfaces", "# our GitHub Enterprise Server",
			"web_url: https://ghe.example.com", "url: sqlite:///var/lib/mentorbot/mentorbot.db", "workers: 8"}, nil},
		{"old credentials replaced with the comments about them", `github:
  app:
    # from the app's settings page
    integration_id: 12 # the staging app
    webhook_secret: old-secret
    private_key: |
      -----BEGIN RSA PRIVATE KEY-----
      OLD
      -----END RSA PRIVATE KEY-----
`, []string{"# from the app's settings page"}, []string{"old-secret", "OLD", ": 12", "staging"}},
		{"empty github key", "github:\nworkers: 2\n", []string{"workers: 2"}, nil},
		{"github key with a scalar", "github: none\n", nil, []string{"none"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "mentorbot.yml")
			if c.before != "" {
				if err := os.WriteFile(path, []byte(c.before), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			f, err := ReadConfigFile(path)
			if err != nil {
				t.Fatal(err)
			}
			f.SetCredentials(testCreds)
			if err := f.Write(); err != nil {
				t.Fatal(err)
			}
			data, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			var got appBlock
			if err := yaml.Unmarshal(data, &got); err != nil {
				t.Fatalf("written file is not YAML: %v\n%s", err, data)
			}
			if a := got.Github.App; a.IntegrationID != testCreds.AppID || a.WebhookSecret != testCreds.WebhookSecret || a.PrivateKey != testCreds.PrivateKey {
				t.Errorf("credentials read back as %+v\n%s", a, data)
			}
			if d := got.Dashboard; d.OAuthClientID != testCreds.ClientID || d.OAuthClientSecret != testCreds.ClientSecret || d.SessionKey != testCreds.SessionKey {
				t.Errorf("sign-in settings read back as %+v\n%s", d, data)
			}
			for _, s := range c.keep {
				if !strings.Contains(string(data), s) {
					t.Errorf("lost %q:\n%s", s, data)
				}
			}
			for _, s := range c.absent {
				if strings.Contains(string(data), s) {
					t.Errorf("still has %q:\n%s", s, data)
				}
			}
			if !strings.Contains(string(data), "private_key: |") {
				t.Errorf("the key is not a literal block:\n%s", data)
			}
			st, err := os.Stat(path)
			if err != nil || st.Mode().Perm() != 0o600 {
				t.Errorf("mode %v, want 0600 (%v)", st.Mode().Perm(), err)
			}
			if entries, _ := os.ReadDir(filepath.Dir(path)); len(entries) != 1 {
				t.Errorf("left files behind: %v", entries)
			}
		})
	}
}

func TestConfigFileOrder(t *testing.T) {
	before := "server:\n  port: 9000\ngithub:\n  web_url: https://ghe.example.com\nworkers: 2\n"
	f, err := parseConfigFile("x.yml", []byte(before))
	if err != nil {
		t.Fatal(err)
	}
	f.SetCredentials(testCreds)
	f.SetString("https://bot.example.org", "server", "public_url")
	data, err := f.Bytes()
	if err != nil {
		t.Fatal(err)
	}
	s := string(data)
	order := []string{"server:", "port: 9000", "public_url: https://bot.example.org", "github:", "web_url:", "app:", "integration_id: 4711", "workers: 2"}
	last := -1
	for _, want := range order {
		i := strings.Index(s, want)
		if i < 0 || i < last {
			t.Fatalf("%q missing or out of order:\n%s", want, s)
		}
		last = i
	}
}

func TestLookupAndAppID(t *testing.T) {
	cases := []struct {
		file string
		id   int64
		web  string
	}{
		{"", 0, ""},
		{"github:\n  app:\n    integration_id: 99\n", 99, ""},
		{"github:\n  web_url: https://ghe.example.com\n  app:\n    integration_id: ~\n", 0, "https://ghe.example.com"},
		{"github:\n  app: nothing\n", 0, ""},
	}
	for _, c := range cases {
		f, err := parseConfigFile("x.yml", []byte(c.file))
		if err != nil {
			t.Fatal(err)
		}
		web, _ := f.Lookup("github", "web_url")
		if f.AppID() != c.id || web != c.web {
			t.Errorf("%q: AppID %d, web_url %q; want %d, %q", c.file, f.AppID(), web, c.id, c.web)
		}
	}
}

func TestReadConfigFileErrors(t *testing.T) {
	for _, bad := range []string{"- a list\n- of things\n", "server: [unclosed\n"} {
		if _, err := parseConfigFile("x.yml", []byte(bad)); err == nil || !strings.Contains(err.Error(), "x.yml") {
			t.Errorf("%q: error %v, want one naming the file", bad, err)
		}
	}
	dir := t.TempDir()
	if _, err := ReadConfigFile(dir); err == nil {
		t.Error("a directory read as a configuration file")
	}
	f, err := ReadConfigFile(filepath.Join(dir, "missing", "mentorbot.yml"))
	if err != nil {
		t.Fatal(err)
	}
	if err := f.CheckWritable(); err == nil || !strings.Contains(err.Error(), "missing") {
		t.Errorf("a file in a missing folder: %v", err)
	}
	ok, _ := ReadConfigFile(filepath.Join(dir, "mentorbot.yml"))
	if err := ok.CheckWritable(); err != nil {
		t.Error(err)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 0 {
		t.Errorf("the check left %v behind", entries)
	}
}

func TestWriteFollowsSymlink(t *testing.T) {
	dir := t.TempDir()
	real := filepath.Join(dir, "real.yml")
	if err := os.WriteFile(real, []byte("workers: 3\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	link := filepath.Join(dir, "mentorbot.yml")
	if err := os.Symlink(real, link); err != nil {
		t.Skip("no symlinks here:", err)
	}
	f, err := ReadConfigFile(link)
	if err != nil {
		t.Fatal(err)
	}
	f.SetCredentials(testCreds)
	if err := f.Write(); err != nil {
		t.Fatal(err)
	}
	if fi, err := os.Lstat(link); err != nil || fi.Mode()&os.ModeSymlink == 0 {
		t.Fatalf("the link was replaced: %v", err)
	}
	if data, _ := os.ReadFile(real); !strings.Contains(string(data), "integration_id: 4711") || !strings.Contains(string(data), "workers: 3") {
		t.Fatalf("target not updated:\n%s", data)
	}
}
