package main

import (
	"bytes"
	"context"
	"crypto/x509"
	"encoding/json"
	"encoding/pem"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/rs/zerolog"
)

func TestCheckLoopback(t *testing.T) {
	cases := []struct {
		url string
		ok  bool
	}{
		{"http://127.0.0.1:8080/api/github/hook", true},
		{"http://127.1.2.3/x", true},
		{"https://localhost:8443/", true},
		{"http://LOCALHOST/", true},
		{"http://[::1]:8080/", true},
		{"http://[::ffff:127.0.0.1]/", true},
		{"http://10.0.0.1/", false},
		{"http://0.0.0.0:8080/", false},
		{"http://192.168.1.10/", false},
		{"http://example.com/", false},
		{"http://localhost.example.com/", false},
		{"http://[::2]/", false},
		{"ftp://127.0.0.1/", false},
		{"127.0.0.1:8080", false},
		{"http:///path", false},
	}
	for _, c := range cases {
		_, err := checkLoopback(c.url)
		if (err == nil) != c.ok {
			t.Errorf("%s: err %v, want ok=%v", c.url, err, c.ok)
		}
	}
}

func TestSizePayload(t *testing.T) {
	pretty := []byte("{\n  \"action\": \"opened\",\n  \"number\": 1\n}\n")
	compact := `{"action":"opened","number":1}`
	cases := []struct {
		name    string
		raw     []byte
		size    int
		want    int // length; -1: an error
		padding bool
	}{
		{"as is", pretty, 0, len(compact), false},
		{"exact", pretty, len(compact), len(compact), false},
		{"padded", pretty, 25000, 25000, true},
		{"gap too small for a field", pretty, len(compact) + 3, len(compact) + 3, false},
		{"smallest gap for a field", pretty, len(compact) + len(`,"`+paddingField+`":""`), len(compact) + len(`,"`+paddingField+`":""`), true},
		{"empty object", []byte("{}"), 100, 100, true},
		{"too large", pretty, 10, -1, false},
		{"not json", []byte("zen=hi"), 100, -1, false},
		{"not an object", []byte("[1,2]"), 100, -1, false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			out, err := sizePayload(c.raw, c.size)
			if c.want < 0 {
				if err == nil {
					t.Fatalf("want an error, got %d bytes", len(out))
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if len(out) != c.want {
				t.Fatalf("%d bytes, want %d", len(out), c.want)
			}
			var m map[string]any
			if err := json.Unmarshal(out, &m); err != nil {
				t.Fatalf("not valid JSON: %v", err)
			}
			if _, ok := m[paddingField]; ok != c.padding {
				t.Fatalf("padding field present %v, want %v", ok, c.padding)
			}
			if len(c.raw) > 2 && m["action"] != "opened" {
				t.Fatalf("lost the original fields: %v", m)
			}
		})
	}
}

func TestDefaultPayloadIsPullRequestOpenedAt25KB(t *testing.T) {
	root, err := repositoryRoot()
	if err != nil {
		t.Fatal(err)
	}
	for event, want := range map[string]string{
		"pull_request":              "pull_request/opened.payload.json",
		"installation_repositories": "installation_repositories/added.payload.json",
	} {
		path, err := defaultPayloadPath(root, event)
		if err != nil || !strings.HasSuffix(path, filepath.FromSlash(want)) {
			t.Fatalf("%s: %s %v", event, path, err)
		}
		body, err := readPayload(path, defaultSize)
		if err != nil || len(body) != defaultSize {
			t.Fatalf("%s: %d bytes, %v", event, len(body), err)
		}
	}
	if _, err := defaultPayloadPath(root, "no_such_event"); err == nil {
		t.Fatal("an event without examples needs -payload")
	}
}

func TestDeliveryIDsAreFreshUUIDs(t *testing.T) {
	uuid := regexp.MustCompile(`^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$`)
	a, b := newDeliveryIDs(), newDeliveryIDs()
	seen := map[string]bool{}
	for i := 0; i < 1000; i++ {
		for _, id := range []string{a.next(), b.next()} {
			if !uuid.MatchString(id) {
				t.Fatalf("%q is not UUID-shaped", id)
			}
			if seen[id] {
				t.Fatalf("%q twice", id)
			}
			seen[id] = true
		}
	}
}

func TestPercentiles(t *testing.T) {
	ms := func(n int) time.Duration { return time.Duration(n) * time.Millisecond }
	hundred := make([]time.Duration, 100)
	for i := range hundred {
		hundred[99-i] = ms(i + 1) // reversed: summarize sorts
	}
	cases := []struct {
		name string
		in   []time.Duration
		want Latencies
	}{
		{"none", nil, Latencies{}},
		{"one", []time.Duration{ms(7)}, Latencies{P50: 7, P90: 7, P99: 7, Max: 7, Mean: 7}},
		{"1 to 100", hundred, Latencies{P50: 50, P90: 90, P99: 99, Max: 100, Mean: 50.5}},
		{"one slow in ten", []time.Duration{ms(1), ms(1), ms(1), ms(1), ms(1), ms(1), ms(1), ms(1), ms(1), ms(91)},
			Latencies{P50: 1, P90: 1, P99: 91, Max: 91, Mean: 10}},
	}
	for _, c := range cases {
		if got := summarize(c.in); got != c.want {
			t.Errorf("%s: %+v, want %+v", c.name, got, c.want)
		}
	}
}

func TestProcMemory(t *testing.T) {
	status := "Name:\tmentorbot\nVmPeak:\t 1300000 kB\nVmHWM:\t   41234 kB\nVmRSS:\t   39000 kB\nThreads:\t9\n"
	rss, hwm, err := procMemory([]byte(status))
	if err != nil || rss != 39000 || hwm != 41234 {
		t.Fatalf("rss %d hwm %d err %v", rss, hwm, err)
	}
	for _, bad := range []string{"Name:\tx\n", "VmRSS:\tlots kB\nVmHWM:\t1 kB\n", "VmRSS:\nVmHWM:\t1 kB\n"} {
		if _, _, err := procMemory([]byte(bad)); err == nil {
			t.Errorf("%q: want an error", bad)
		}
	}
	s := startRSS(os.Getpid())
	time.Sleep(2 * rssInterval)
	if got := s.finish(); got.Samples < 2 || got.PeakKB <= 0 || got.VmHWMKB < got.PeakKB {
		t.Fatalf("sampling this process: %+v", got)
	}
}

func TestSumQueueDepth(t *testing.T) {
	text := `# HELP mentorbot_queue_depth Stored deliveries by state.
# TYPE mentorbot_queue_depth gauge
mentorbot_queue_depth{state="dead"} 1
mentorbot_queue_depth{state="done"} 20
mentorbot_queue_depth{state="pending"} 300
mentorbot_queue_depth{state="running"} 4
mentorbot_queue_depth_other 1000
`
	if n, err := sumQueueDepth(strings.NewReader(text)); err != nil || n != 325 {
		t.Fatalf("%d %v, want 325", n, err)
	}
	if _, err := sumQueueDepth(strings.NewReader("go_goroutines 9\n")); err == nil {
		t.Fatal("metrics without the queue depth must be an error")
	}
}

func TestLimits(t *testing.T) {
	ok := loadConfig{url: defaultURL, secret: "s", event: "ping", concurrency: 1, duration: time.Second}
	cases := []struct {
		name string
		edit func(*loadConfig)
	}{
		{"over two minutes", func(c *loadConfig) { c.duration = 121 * time.Second }},
		{"no duration", func(c *loadConfig) { c.duration = 0 }},
		{"too many requests", func(c *loadConfig) { c.requests = maxRequests + 1 }},
		{"no workers", func(c *loadConfig) { c.concurrency = 0 }},
		{"negative rate", func(c *loadConfig) { c.rate = -1 }},
		{"no secret", func(c *loadConfig) { c.secret = "" }},
		{"remote target", func(c *loadConfig) { c.url = "http://203.0.113.7/api/github/hook" }},
	}
	if err := ok.validate(); err != nil {
		t.Fatal(err)
	}
	for _, c := range cases {
		cfg := ok
		c.edit(&cfg)
		if err := cfg.validate(); err == nil {
			t.Errorf("%s: accepted", c.name)
		}
	}
}

func startTestBaseline(t *testing.T, queue, workers int, work time.Duration) *baseline {
	t.Helper()
	b, err := startBaseline("127.0.0.1:0", baselineOptions{event: "pull_request", secret: "s", queue: queue, workers: workers, work: work, logger: zerolog.Nop()})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { b.stop() })
	return b
}

func testBody(t *testing.T) []byte {
	body, err := sizePayload([]byte(`{"action":"opened"}`), 2000)
	if err != nil {
		t.Fatal(err)
	}
	return body
}

func TestClosedLoopAgainstBaseline(t *testing.T) {
	b := startTestBaseline(t, 100, 4, 0)
	res, err := runLoad(context.Background(), &loadConfig{url: b.url, secret: "s", event: "pull_request", body: testBody(t),
		concurrency: 8, duration: 10 * time.Second, requests: 300, pid: os.Getpid()})
	if err != nil {
		t.Fatal(err)
	}
	if res.Sent != 300 || res.Acknowledged != 300 || res.Status["200"] != 300 || res.AckPerSecond <= 0 {
		t.Fatalf("result %+v", res)
	}
	if res.Latency.P50 <= 0 || res.Latency.Max < res.Latency.P99 || res.RSS == nil || res.RSS.Samples == 0 {
		t.Fatalf("latency %+v rss %+v", res.Latency, res.RSS)
	}
	deadline := time.Now().Add(5 * time.Second)
	for b.handler.calls.Load() < 300 && time.Now().Before(deadline) {
		time.Sleep(time.Millisecond)
	}
	if n := b.handler.calls.Load(); n != 300 {
		t.Fatalf("the handler ran %d times for 300 signed deliveries", n)
	}
}

func TestOpenLoopKeepsTheSchedule(t *testing.T) {
	b := startTestBaseline(t, 100, 4, 0)
	start := time.Now()
	res, err := runLoad(context.Background(), &loadConfig{url: b.url, secret: "s", event: "pull_request", body: testBody(t),
		rate: 200, concurrency: 8, duration: 500 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	if res.Planned != 100 || res.Sent != 100 || res.Acknowledged != 100 {
		t.Fatalf("result %+v", res)
	}
	if took := time.Since(start); took < 490*time.Millisecond || took > 3*time.Second {
		t.Fatalf("100 sends at 200/s took %v", took)
	}
}

func TestOpenLoopCountsTheWaitOfAStalledTarget(t *testing.T) {
	// One sender, a target that takes 20 ms, 200 sends a second for 250 ms:
	// the sends fall behind the schedule, and their latency must count the
	// time they waited, not only the 20 ms each took once sent.
	slow := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		time.Sleep(20 * time.Millisecond)
	}))
	defer slow.Close()
	res, err := runLoad(context.Background(), &loadConfig{url: slow.URL, secret: "s", event: "ping", body: testBody(t),
		rate: 200, concurrency: 1, duration: 250 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	if res.Planned != 50 || res.Sent != 50 {
		t.Fatalf("sent %d of %d", res.Sent, res.Planned)
	}
	// The last send was due at 245 ms and went out after 49 others of 20 ms.
	if res.Latency.Max < 500 || res.Latency.P50 < 100 {
		t.Fatalf("latency %+v hides the wait", res.Latency)
	}
}

func TestWarnings(t *testing.T) {
	full := startTestBaseline(t, 0, 1, 100*time.Millisecond)
	res, err := runLoad(context.Background(), &loadConfig{url: full.url, secret: "s", event: "pull_request", body: testBody(t),
		concurrency: 8, duration: 10 * time.Second, requests: 40})
	if err != nil {
		t.Fatal(err)
	}
	res.warn()
	if res.Status["503"] == 0 || !strings.Contains(strings.Join(res.Warnings, "\n"), "503") {
		t.Fatalf("a full queue must show as 503s: %+v", res)
	}

	b := startTestBaseline(t, 100, 1, 0)
	res, err = runLoad(context.Background(), &loadConfig{url: b.url, secret: "s", event: "issues", body: testBody(t),
		concurrency: 2, duration: 10 * time.Second, requests: 10})
	if err != nil {
		t.Fatal(err)
	}
	lost := 5
	res.Stored = &lost
	res.warn()
	warnings := strings.Join(res.Warnings, "\n")
	if res.Status["202"] != 10 || !strings.Contains(warnings, "NOT a figure of a durable intake") {
		t.Fatalf("an unhandled event must be flagged: %+v", res)
	}
	if strings.Contains(warnings, "lost") {
		t.Fatalf("202s are not promised to be stored: %s", warnings)
	}
}

func TestRun(t *testing.T) {
	dir := t.TempDir()
	var out, errOut bytes.Buffer
	if code := run(context.Background(), []string{"-url", "http://198.51.100.1/api/github/hook", "-secret", "s"}, &out, &errOut); code != exitUsage ||
		!strings.Contains(errOut.String(), "loopback") {
		t.Fatalf("remote target: exit %d, %s", code, errOut.String())
	}
	errOut.Reset()
	if code := run(context.Background(), []string{"-baseline", "-requests", "50", "-json", "-label", "b"}, &out, &errOut); code != exitOK {
		t.Fatalf("baseline run: exit %d, %s", code, errOut.String())
	}
	var res Result
	if err := json.Unmarshal(out.Bytes(), &res); err != nil || res.Acknowledged != 50 || res.PayloadBytes != defaultSize || res.Label != "b" {
		t.Fatalf("result %+v %v", res, err)
	}
	file := filepath.Join(dir, "b.json")
	os.WriteFile(file, out.Bytes(), 0o600)
	out.Reset()
	if code := run(context.Background(), []string{"-table", file}, &out, &errOut); code != exitOK {
		t.Fatalf("table: exit %d, %s", code, errOut.String())
	}
	if lines := strings.Split(strings.TrimSpace(out.String()), "\n"); len(lines) != 2 || !strings.Contains(lines[1], "closed x64") ||
		!strings.Contains(lines[0], "p99 ms") {
		t.Fatalf("table:\n%s", out.String())
	}
	out.Reset()
	if code := run(context.Background(), []string{"-genkey"}, &out, &errOut); code != exitOK {
		t.Fatalf("genkey: exit %d", code)
	}
	block, _ := pem.Decode(out.Bytes())
	if block == nil {
		t.Fatal("genkey: no PEM")
	}
	if _, err := x509.ParsePKCS1PrivateKey(block.Bytes); err != nil {
		t.Fatalf("genkey: %v", err)
	}
}

func TestCPUAccounting(t *testing.T) {
	stat := []byte("cpu  100 5 50 9000 7 3 2 1 0 0\ncpu0 50 2 25 4500 3 1 1 0 0 0\n")
	if busy, err := machineBusy(stat); err != nil || busy != 100+5+50+3+2+1 {
		t.Fatalf("machine busy %d %v", busy, err)
	}
	if _, err := machineBusy([]byte("intr 1 2 3\n")); err == nil {
		t.Fatal("want an error for a stat without the cpu line")
	}
	pstat := []byte("1234 (mentor bot) S 1 1234 1234 0 -1 4194560 500 0 0 0 250 70 0 0 20 0 9 0 100 1000000 900 18446744073709551615")
	if n, err := processBusy(pstat); err != nil || n != 320 {
		t.Fatalf("process busy %d %v", n, err)
	}
	t0 := time.Now()
	before := cpuSnapshot{at: t0, machine: 1000, ours: 400}
	after := cpuSnapshot{at: t0.Add(2 * time.Second), machine: 1500, ours: 600}
	if others, err := otherCores(before, after); err != nil || others != 1.5 {
		t.Fatalf("others %v %v, want 1.5 cores", others, err)
	}
	if s := takeCPU(os.Getpid()); s.err != nil || s.machine <= 0 {
		t.Fatalf("reading this machine: %+v", s)
	}
}
