package app

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"github.com/prometheus/client_golang/prometheus/testutil"

	"github.com/mentorbot/mentorbot/app/store"
)

func TestBacklogMetricsPerInstallation(t *testing.T) {
	db, err := store.Open(context.Background(), "sqlite://"+filepath.Join(t.TempDir(), "b.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	payload := `{"installation":{"id":4242},"repository":{"full_name":"o/r"},"pull_request":{"number":1}}`
	if _, err := db.EnqueueDeliveries(context.Background(), []store.Delivery{{ID: "d1", Event: "pull_request", Payload: []byte(payload)}}); err != nil {
		t.Fatal(err)
	}
	want := `
# HELP mentorbot_queue_installation_waiting Unfinished deliveries (pending or running) by installation.
# TYPE mentorbot_queue_installation_waiting gauge
mentorbot_queue_installation_waiting{installation="4242"} 1
`
	if err := testutil.CollectAndCompare(newBacklogCollector(db), strings.NewReader(want), "mentorbot_queue_installation_waiting"); err != nil {
		t.Fatal(err)
	}
}

// The effects log's pending and failing effects are in /metrics, at zero
// from start-up.
func TestEffectsMetrics(t *testing.T) {
	db, err := store.Open(context.Background(), "sqlite://"+filepath.Join(t.TempDir(), "e.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	want := `
# HELP mentorbot_effects_failing Pending effects that failed at least once and wait for their next try.
# TYPE mentorbot_effects_failing gauge
mentorbot_effects_failing 0
# HELP mentorbot_effects_pending GitHub effects of stored decisions (comments, assignees, labels, review requests) not applied yet.
# TYPE mentorbot_effects_pending gauge
mentorbot_effects_pending 0
`
	if err := testutil.CollectAndCompare(newEffectsCollector(db), strings.NewReader(want)); err != nil {
		t.Fatal(err)
	}
}
