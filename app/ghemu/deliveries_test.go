package ghemu

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/google/go-github/v60/github"
)

func TestDeliveryLogAPI(t *testing.T) {
	f := newFixture(t, Options{})
	sink := newHookSink(t)
	f.emu.SetWebhookTarget(sink.srv.URL, testSecret)
	var guids []string
	for i := range 5 {
		if i == 3 {
			sink.setStatus(503)
		}
		d, err := f.emu.Deliver("issues", map[string]any{"action": "opened", "installation": map[string]any{"id": testInstID}})
		if err != nil {
			t.Fatal(err)
		}
		guids = append(guids, d.GUID)
	}
	var got []*github.HookDelivery
	opts := &github.ListCursorOptions{PerPage: 2}
	for pages := 0; pages < 10; pages++ {
		page, resp, err := f.app.Apps.ListHookDeliveries(ctx, opts)
		if err != nil {
			t.Fatal(err)
		}
		got = append(got, page...)
		if resp.Cursor == "" {
			break
		}
		opts.Cursor = resp.Cursor
	}
	if len(got) != 5 || got[0].GetGUID() != guids[4] || got[4].GetGUID() != guids[0] {
		t.Fatalf("newest first over cursor pages: %d deliveries", len(got))
	}
	if got[0].GetStatusCode() != 503 || got[0].GetStatus() != "Invalid HTTP Response: 503" ||
		got[4].GetStatus() != "OK" || got[0].GetInstallationID() != testInstID || got[0].GetAction() != "opened" {
		t.Errorf("delivery summaries %v / %v", got[0], got[4])
	}
	full, _, err := f.app.Apps.GetHookDelivery(ctx, got[0].GetID())
	if err != nil {
		t.Fatal(err)
	}
	if full.GetRequest().Headers["X-GitHub-Event"] != "issues" || !strings.HasPrefix(full.GetRequest().Headers["X-Hub-Signature-256"], "sha256=") {
		t.Errorf("request headers %v", full.GetRequest().Headers)
	}
	var payload map[string]any
	if err := json.Unmarshal(*full.GetRequest().RawPayload, &payload); err != nil || payload["action"] != "opened" {
		t.Errorf("payload %v %v", payload, err)
	}
	if _, _, err := f.app.Apps.GetHookDelivery(ctx, 999999); statusOf(err) != 404 {
		t.Errorf("unknown delivery: %v", err)
	}
	sink.setStatus(200)
	_, _, err = f.app.Apps.RedeliverHookDelivery(ctx, got[0].GetID())
	if _, accepted := err.(*github.AcceptedError); err != nil && !accepted {
		t.Fatal(err)
	}
	f.emu.WaitIdle()
	log := f.emu.Deliveries()
	last := log[len(log)-1]
	if len(log) != 6 || !last.Redelivery || last.GUID != guids[4] || last.StatusCode != 200 {
		t.Errorf("redelivery %+v", last)
	}
	if resp, _ := f.do(t, "GET", "/app/hook/deliveries", "token "+f.token(t), nil); resp.StatusCode != 401 {
		t.Errorf("the delivery log needs the app JWT: %d", resp.StatusCode)
	}
}
