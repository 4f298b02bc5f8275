package store

import (
	"context"
	"fmt"
	"testing"
	"time"
)

func TestBacklogsPerInstallation(t *testing.T) {
	forEachStore(t, func(t *testing.T, db *DB) {
		ctx := context.Background()
		var ds []Delivery
		for i := range 6 {
			inst := 7
			if i >= 4 {
				inst = 8
			}
			payload := fmt.Sprintf(`{"installation":{"id":%d},"repository":{"full_name":"o/r%d"},"issue":{"number":%d}}`, inst, i, i)
			ds = append(ds, Delivery{ID: fmt.Sprintf("b%d", i), Event: "issues", Payload: []byte(payload)})
		}
		if _, err := db.EnqueueDeliveries(ctx, ds); err != nil {
			t.Fatal(err)
		}
		got, err := db.ClaimDeliveries(ctx, "w", 10, time.Minute)
		if err != nil {
			t.Fatal(err)
		}
		var outs []Outcome
		for _, d := range got {
			if d.ID == "b0" || d.ID == "b1" {
				outs = append(outs, Outcome{ID: d.ID, Owner: "w"})
			}
		}
		if err := db.FinishDeliveries(ctx, outs); err != nil {
			t.Fatal(err)
		}
		bs, err := db.Backlogs(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if len(bs) != 2 || bs[0].InstallationID != 7 || bs[0].Waiting != 2 || bs[1].InstallationID != 8 || bs[1].Waiting != 2 {
			t.Fatalf("backlogs %+v", bs)
		}
		d, ok := bs[0].Drain()
		if !ok || d != 10*time.Minute { // 2 finished in the 10-minute window: 2 left take 10 minutes
			t.Fatalf("drain %v %v", d, ok)
		}
		if _, ok := bs[1].Drain(); ok {
			t.Fatal("an estimate for an installation that finished nothing lately")
		}
	})
}
