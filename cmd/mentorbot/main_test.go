package main

import (
	"bytes"
	"crypto/hmac"
	"crypto/rand"
	"crypto/rsa"
	"crypto/sha256"
	"crypto/x509"
	"encoding/hex"
	"encoding/pem"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// binary is the real mentorbot, built once for the tests that run it as a
// child process.
var binary string

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "mentorbot-bin")
	if err != nil {
		panic(err)
	}
	binary = filepath.Join(dir, "mentorbot")
	build := exec.Command("go", "build", "-o", binary, ".")
	build.Env = append(os.Environ(), "CGO_ENABLED=0")
	if out, err := build.CombinedOutput(); err != nil {
		fmt.Fprintf(os.Stderr, "build mentorbot: %v\n%s", err, out)
		os.Exit(1)
	}
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

const secret = "crash-test-secret"

func keyPEM(t testing.TB) string {
	k, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		t.Fatal(err)
	}
	return string(pem.EncodeToMemory(&pem.Block{Type: "RSA PRIVATE KEY", Bytes: x509.MarshalPKCS1PrivateKey(k)}))
}

func freePort(t testing.TB) int {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port
}

// service is one child process of the real binary.
type service struct {
	cmd    *exec.Cmd
	url    string
	stderr *bytes.Buffer
}

func startService(t *testing.T, env []string, args ...string) *service {
	t.Helper()
	cmd := exec.Command(binary, append([]string{"serve"}, args...)...)
	cmd.Env = append(os.Environ(), env...)
	cmd.Dir = t.TempDir()
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	port := ""
	for _, e := range env {
		if p, ok := strings.CutPrefix(e, "MENTORBOT_PORT="); ok {
			port = p
		}
	}
	s := &service{cmd: cmd, url: "http://127.0.0.1:" + port, stderr: &stderr}
	t.Cleanup(func() {
		if cmd.ProcessState == nil {
			cmd.Process.Kill()
			cmd.Wait()
		}
	})
	deadline := time.Now().Add(20 * time.Second)
	for {
		res, err := http.Get(s.url + "/readyz")
		if err == nil {
			res.Body.Close()
			if res.StatusCode == 200 {
				return s
			}
		}
		if time.Now().After(deadline) {
			t.Fatalf("service not ready: %v\n%s", err, stderr.String())
		}
		time.Sleep(20 * time.Millisecond)
	}
}

func baseEnv(t *testing.T, dbURL string, port int) []string {
	return []string{
		"GITHUB_APP_INTEGRATION_ID=1",
		"GITHUB_APP_WEBHOOK_SECRET=" + secret,
		"GITHUB_APP_PRIVATE_KEY=" + keyPEM(t),
		"GITHUB_V3_API_URL=http://127.0.0.1:1/api/v3/",
		"GITHUB_V4_API_URL=http://127.0.0.1:1/api/graphql",
		"MENTORBOT_DATABASE_URL=" + dbURL,
		fmt.Sprintf("MENTORBOT_PORT=%d", port),
		"MENTORBOT_LOG_LEVEL=warn",
	}
}

func postSigned(t *testing.T, url, event, id string, body []byte) int {
	t.Helper()
	mac := hmac.New(sha256.New, []byte(secret))
	mac.Write(body)
	req, _ := http.NewRequest(http.MethodPost, url+"/api/github/hook", bytes.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("X-GitHub-Event", event)
	req.Header.Set("X-GitHub-Delivery", id)
	req.Header.Set("X-Hub-Signature-256", "sha256="+hex.EncodeToString(mac.Sum(nil)))
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	return res.StatusCode
}

// installationCreated is our variant of GitHub's installation.created
// example with its own installation ID, so every delivery has its own effect.
func installationCreated(t *testing.T, id int) []byte {
	b, err := os.ReadFile("../../testdata/webhooks/installation/created.payload.json")
	if err != nil {
		t.Fatal(err)
	}
	return bytes.Replace(b, []byte(`"id": 1,`), []byte(fmt.Sprintf(`"id": %d,`, 100000+id)), 1)
}
