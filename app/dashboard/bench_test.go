package dashboard

import (
	"context"
	"fmt"
	"maps"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/mentorbot/mentorbot/app/figures"

	"github.com/mentorbot/mentorbot/app/figures/figurestest"
	"github.com/mentorbot/mentorbot/app/store"
)

// BenchmarkDashboardLargeStore renders the page over a store of 100,000
// contributors and 1,000,000 recorded events (seeded once into the
// system's temporary folder, then reused):
//
//	go test -run '^$' -bench DashboardLargeStore -benchtime 20x ./app/dashboard/
//
// signed-in-* is a signed-in person as the service serves them: the
// session read from the store by the ID in the cookie, the repositories
// last seen public, the session's private ones, and every record
// filtered by them.
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
	// A signed-in person who may see every other repository: the access
	// check as the service runs it (public repositories from the store,
	// then the session's private ones) and the filtering of every record.
	all, err := db.LoadMetrics(ctx, figures.Scope{}, figures.Needs(figures.Last(now, DefaultPeriod), CohortMonths), nil)
	if err != nil {
		b.Fatal(err)
	}
	repos := map[string]bool{}
	for _, x := range all.Items {
		repos[strings.ToLower(x.Repo)] = true
	}
	readable := map[string]bool{}
	for i, repo := range slices.Sorted(maps.Keys(repos)) {
		if i%2 == 0 {
			readable[repo] = true
		}
	}
	db.SetClock(func() time.Time { return now })
	id := fmt.Sprintf("bench-%d", time.Now().UnixNano())
	if err := db.CreateSession(ctx, id, store.Session{Login: "someone", Installations: []int64{1},
		Repos: slices.Sorted(maps.Keys(readable)), Expires: now.Add(time.Hour)}); err != nil {
		b.Fatal(err)
	}
	defer db.DeleteSession(ctx, id)
	b.Logf("the signed-in person reads %d of %d repositories", len(readable), len(repos))
	signedIn := New(db, Options{WebURL: "https://github.example", Now: func() time.Time { return now },
		Access: func(r *http.Request) (Access, error) {
			public, err := db.PublicRepositories(r.Context())
			if err != nil {
				return Access{}, err
			}
			s, ok, err := db.Session(r.Context(), id)
			if err != nil || !ok {
				return Access{}, fmt.Errorf("no session (%v)", err)
			}
			for _, repo := range s.Repos {
				public[repo] = true
			}
			return Access{Repos: public, Login: s.Login, SignIn: true}, nil
		}})
	for _, c := range []struct{ name, query string }{
		{"signed-in-all-30d", "/"},
		{"signed-in-owner-30d", "/?owner=org-00"},
		{"signed-in-all-365d", "/?period=365d"},
	} {
		b.Run(c.name, func(b *testing.B) {
			for b.Loop() {
				rec := httptest.NewRecorder()
				signedIn.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, c.query, nil))
				if rec.Code != http.StatusOK {
					b.Fatalf("signed in, %s: %d %s", c.query, rec.Code, rec.Body)
				}
			}
		})
	}
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
