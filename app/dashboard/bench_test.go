package dashboard

import (
	"context"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/mentorbot/mentorbot/app/figures/figurestest"
	"github.com/mentorbot/mentorbot/app/store"
)

// BenchmarkDashboardLargeStore renders the page over a store of 100,000
// contributors and 1,000,000 recorded events (seeded once into the
// system's temporary folder, then reused):
//
//	go test -run '^$' -bench DashboardLargeStore -benchtime 20x ./dashboard/
func BenchmarkDashboardLargeStore(b *testing.B) {
	ctx := context.Background()
	url, err := figurestest.CachedBulk(ctx, figurestest.Large, b.Logf)
	if err != nil {
		b.Fatal(err)
	}
	db, err := store.Open(ctx, url)
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	now := figurestest.Large.Now
	h := New(db, Options{WebURL: "https://github.example", Now: func() time.Time { return now }})
	for _, c := range []struct{ name, query string }{
		{"all-30d", "/"},
		{"owner-30d", "/?owner=org-00"},
		{"repository-30d", "/?repo=org-00/repo-00"},
		{"all-90d", "/?period=90d"},
		{"all-365d", "/?period=365d"},
	} {
		b.Run(c.name, func(b *testing.B) {
			for b.Loop() {
				rec := httptest.NewRecorder()
				h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, c.query, nil))
				if rec.Code != http.StatusOK {
					b.Fatalf("%s: %d %s", c.query, rec.Code, rec.Body)
				}
			}
		})
	}
}
