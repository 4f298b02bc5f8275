package setup

import (
	"bytes"
	"crypto/rand"
	"encoding/base64"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"

	"gopkg.in/yaml.v3"
)

// newFileComment heads a configuration file that setup creates.
const newFileComment = `mentorbot service configuration, written by "mentorbot setup".
Every key can also come from the environment, which wins over this file.`

// ConfigFile is the service configuration file as a YAML node tree, so
// that an update keeps the keys, order and comments it does not touch.
type ConfigFile struct {
	path string
	doc  *yaml.Node // a document holding one mapping
}

// ReadConfigFile reads the file at path; a missing file is an empty one.
func ReadConfigFile(path string) (*ConfigFile, error) {
	data, err := os.ReadFile(path)
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("read %s: %w", path, err)
	}
	return parseConfigFile(path, data)
}

func parseConfigFile(path string, data []byte) (*ConfigFile, error) {
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		return nil, fmt.Errorf("read %s: %w", path, err)
	}
	if doc.Kind == 0 {
		// Empty, or only comments (which the decoder drops): keep those.
		doc = yaml.Node{Kind: yaml.DocumentNode, HeadComment: string(bytes.TrimSpace(data))}
		if doc.HeadComment == "" {
			doc.HeadComment = newFileComment
		}
	}
	if len(doc.Content) == 0 {
		doc.Content = []*yaml.Node{{Kind: yaml.MappingNode, Tag: "!!map"}}
	}
	if doc.Content[0].Kind != yaml.MappingNode {
		return nil, fmt.Errorf("read %s: the file is not a YAML mapping of keys", path)
	}
	return &ConfigFile{path: path, doc: &doc}, nil
}

// Path is where the file is written.
func (f *ConfigFile) Path() string { return f.path }

// Lookup returns the scalar at the key path (github, app, integration_id).
func (f *ConfigFile) Lookup(keys ...string) (string, bool) {
	n := f.doc.Content[0]
	for _, k := range keys {
		if n.Kind != yaml.MappingNode {
			return "", false
		}
		_, v := entry(n, k)
		if v == nil {
			return "", false
		}
		n = v
	}
	if n.Kind != yaml.ScalarNode || n.Tag == "!!null" {
		return "", false
	}
	return n.Value, true
}

// AppID returns github.app.integration_id when the file has one.
func (f *ConfigFile) AppID() int64 {
	s, _ := f.Lookup("github", "app", "integration_id")
	id, _ := strconv.ParseInt(s, 10, 64)
	return id
}

// SetString sets a string at the key path, creating mappings on the way.
func (f *ConfigFile) SetString(value string, keys ...string) {
	f.set(&yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: value}, keys)
}

// SetCredentials writes the app's ID, webhook secret and private key and,
// when GitHub handed them out, its OAuth client and a session key, for
// "Sign in with GitHub" on the dashboard.
func (f *ConfigFile) SetCredentials(c Credentials) {
	f.set(&yaml.Node{Kind: yaml.ScalarNode, Tag: "!!int", Value: strconv.FormatInt(c.AppID, 10)}, []string{"github", "app", "integration_id"})
	f.set(&yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: c.WebhookSecret, Style: yaml.DoubleQuotedStyle}, []string{"github", "app", "webhook_secret"})
	f.set(&yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: c.PrivateKey, Style: yaml.LiteralStyle}, []string{"github", "app", "private_key"})
	quoted := func(value string, keys ...string) {
		if value != "" {
			f.set(&yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: value, Style: yaml.DoubleQuotedStyle}, keys)
		}
	}
	quoted(c.ClientID, "dashboard", "oauth_client_id")
	quoted(c.ClientSecret, "dashboard", "oauth_client_secret")
	quoted(c.SessionKey, "dashboard", "session_key")
}

// NewSessionKey is 32 random bytes, base64url: a dashboard.session_key.
func NewSessionKey() (string, error) {
	b := make([]byte, 32)
	if _, err := rand.Read(b); err != nil {
		return "", fmt.Errorf("session key: %w", err)
	}
	return base64.RawURLEncoding.EncodeToString(b), nil
}

// set puts value at the key path. A value that is replaced keeps the
// comments above and below it, not the one on its line (which described
// the old value); a key on the way that holds no mapping gets one.
func (f *ConfigFile) set(value *yaml.Node, keys []string) {
	n := f.doc.Content[0]
	for i, k := range keys {
		_, v := entry(n, k)
		if v == nil {
			v = &yaml.Node{Kind: yaml.MappingNode, Tag: "!!map"}
			n.Content = append(n.Content, &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: k}, v)
		}
		if i == len(keys)-1 {
			value.HeadComment, value.FootComment = v.HeadComment, v.FootComment
			*v = *value
			return
		}
		if v.Kind != yaml.MappingNode {
			*v = yaml.Node{Kind: yaml.MappingNode, Tag: "!!map", HeadComment: v.HeadComment, LineComment: v.LineComment}
		}
		n = v
	}
}

// entry finds a key in a mapping node.
func entry(m *yaml.Node, key string) (k, v *yaml.Node) {
	for i := 0; i+1 < len(m.Content); i += 2 {
		if m.Content[i].Value == key {
			return m.Content[i], m.Content[i+1]
		}
	}
	return nil, nil
}

// Bytes is the file's new content.
func (f *ConfigFile) Bytes() ([]byte, error) {
	var buf bytes.Buffer
	enc := yaml.NewEncoder(&buf)
	enc.SetIndent(2)
	if err := enc.Encode(f.doc); err != nil {
		return nil, fmt.Errorf("encode %s: %w", f.path, err)
	}
	if err := enc.Close(); err != nil {
		return nil, fmt.Errorf("encode %s: %w", f.path, err)
	}
	return buf.Bytes(), nil
}

// CheckWritable makes sure Write can replace the file, before GitHub hands
// out credentials that could otherwise be lost.
func (f *ConfigFile) CheckWritable() error {
	tmp, err := f.createTemp()
	if err != nil {
		return err
	}
	tmp.Close()
	if err := os.Remove(tmp.Name()); err != nil {
		return fmt.Errorf("write %s: %w", f.path, err)
	}
	return nil
}

// realPath is the file a symbolic link at the path points to.
func (f *ConfigFile) realPath() string {
	if real, err := filepath.EvalSymlinks(f.path); err == nil {
		return real
	}
	return f.path
}

// createTemp makes the file that replaces the configuration, next to it.
func (f *ConfigFile) createTemp() (*os.File, error) {
	path := f.realPath()
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*")
	if err != nil {
		return nil, fmt.Errorf("write %s: %w", f.path, err)
	}
	return tmp, nil
}

// Write replaces the file atomically with mode 0600: it holds secrets.
func (f *ConfigFile) Write() error {
	data, err := f.Bytes()
	if err != nil {
		return err
	}
	tmp, err := f.createTemp()
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name()) // after a successful rename there is nothing to remove
	if err := tmp.Chmod(0o600); err != nil {
		tmp.Close()
		return fmt.Errorf("write %s: %w", f.path, err)
	}
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		return fmt.Errorf("write %s: %w", f.path, err)
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return fmt.Errorf("write %s: %w", f.path, err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("write %s: %w", f.path, err)
	}
	if err := os.Rename(tmp.Name(), f.realPath()); err != nil {
		return fmt.Errorf("write %s: %w", f.path, err)
	}
	return nil
}
