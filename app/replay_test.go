package app

import (
	"context"
	"net"
	"strings"
	"testing"
	"time"

	"github.com/rs/zerolog"
)

// closedURL is an address nothing listens on.
func closedURL(t *testing.T) string {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := l.Addr().String()
	l.Close()
	return "http://" + addr + "/api/github/hook"
}

// outage opens a first-time pull request while GitHub cannot reach the
// service, and returns its number and how many deliveries failed.
func (w *world) outage(t *testing.T, author string) (number, failed int) {
	t.Helper()
	w.emu.SetWebhookTarget(closedURL(t), testSecret)
	before := len(w.emu.Deliveries())
	number = w.openPR(author)
	w.emu.WaitIdle()
	for _, d := range w.emu.Deliveries()[before:] {
		if d.StatusCode != 0 {
			t.Fatalf("delivery %s reached something: %d", d.GUID, d.StatusCode)
		}
		failed++
	}
	w.emu.SetWebhookTarget(w.app.url+"/api/github/hook", testSecret)
	if failed == 0 {
		t.Fatal("the pull request sent no webhook")
	}
	return number, failed
}

func TestReplayHandlesDeliveriesMadeWhileDown(t *testing.T) {
	ctx := context.Background()
	w := newWorld(t, defaultMentorship)
	w.openPR("warm-up") // delivered normally: known to the store
	w.settle()
	n, failed := w.outage(t, "newcomer")
	if got := w.botComments(n); len(got) != 0 {
		t.Fatalf("comments before the replay: %q", got)
	}

	res, err := w.app.app.ReplayDeliveries(ctx, time.Now().Add(-time.Hour))
	if err != nil {
		t.Fatal(err)
	}
	if res.Enqueued != failed || res.Failed != 0 || res.Known == 0 || res.Found != res.Known+res.Enqueued {
		t.Fatalf("replay %+v; %d deliveries failed", res, failed)
	}
	w.settle()
	if !strings.Contains(w.welcome(n), "newcomer") {
		t.Fatal("the welcome does not greet the newcomer")
	}
	again, err := w.app.app.ReplayDeliveries(ctx, time.Now().Add(-time.Hour))
	if err != nil || again.Enqueued != 0 {
		t.Fatalf("second replay: %+v %v", again, err)
	}

	// The scheduled sweep of a service that starts looks back three days.
	m, _ := w.outage(t, "another-newcomer")
	w.scheduleAt(time.Now())
	w.welcome(m)
	w.welcome(n)

	if _, err := w.app.app.ReplayDeliveries(ctx, time.Now().Add(-30*24*time.Hour)); err == nil || !strings.Contains(err.Error(), "retention") {
		t.Fatalf("a replay past the retention: %v", err)
	}
	// With a retention shorter than three days, the first sweep looks back
	// only that far (rather than failing).
	k, _ := w.outage(t, "third-newcomer")
	short := *w.cfg
	short.Queue.Retention = 24 * time.Hour
	a, err := New(ctx, &short, zerolog.Nop())
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close()
	if err := a.RunSchedule(ctx); err != nil {
		t.Fatal(err)
	}
	w.settle()
	w.welcome(k)
}
