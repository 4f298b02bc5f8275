package app

import (
	"bytes"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"
)

func TestLogDurationsHaveUnits(t *testing.T) {
	var buf bytes.Buffer
	no := false
	console := NewLogger(LoggingConfig{Level: "info", JSON: &no}, &buf)
	console.Info().Dur("late", 41*time.Hour+35*time.Minute).Msg("x")
	json := true
	lines := NewLogger(LoggingConfig{Level: "info", JSON: &json}, &buf)
	lines.Info().Dur("took", 1500*time.Millisecond).Msg("x")
	for _, want := range []string{"41h35m0s", `"took":"1.5s"`} {
		if !strings.Contains(buf.String(), want) {
			t.Errorf("log lacks %s:\n%s", want, buf.String())
		}
	}
}

// TestCountersAtZeroFromStartUp: an alert on dead letters sees 0 before
// the first failure, not "no data".
func TestCountersAtZeroFromStartUp(t *testing.T) {
	r := start(t, testConfig(t, ""))
	res, err := http.Get(r.url + "/metrics")
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(res.Body)
	res.Body.Close()
	for _, want := range []string{
		`mentorbot_dead_letters_total{event="pull_request"} 0`,
		`mentorbot_dead_letters_total{event="issue_comment"} 0`,
		`mentorbot_delivery_retries_total{event="issues"} 0`,
		`mentorbot_deliveries_received_total{event="pull_request",outcome="stored"} 0`,
		`mentorbot_deliveries_received_total{event="unverified",outcome="rejected"} 0`,
		`mentorbot_handler_duration_seconds_count{event="pull_request",result="error"} 0`,
		`mentorbot_panics_total{where="handler"} 0`,
		`mentorbot_queue_depth{state="dead"} 0`,
	} {
		if !strings.Contains(string(body), want) {
			t.Errorf("/metrics lacks %s", want)
		}
	}
}
