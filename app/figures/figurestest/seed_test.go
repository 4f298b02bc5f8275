package figurestest

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"github.com/mentorbot/mentorbot/app/figures"
	"github.com/mentorbot/mentorbot/app/store"
)

func TestBulkWritesWhatItCounts(t *testing.T) {
	ctx := context.Background()
	size := Size{Contributors: 400, Events: 6000, Owners: 2, Repos: 3, Mentors: 4, Days: 200, Now: time.Date(2026, 6, 15, 12, 0, 0, 0, time.UTC)}
	path := filepath.Join(t.TempDir(), "bulk.db")
	c, err := Bulk(ctx, path, size)
	if err != nil {
		t.Fatal(err)
	}
	if c.Events != size.Events || c.Contributors != size.Contributors || c.FirstTimers == 0 || c.Claims == 0 || c.Posts == 0 {
		t.Fatalf("counts %+v", c)
	}
	db, err := store.Open(ctx, "sqlite://"+path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	p := figures.Last(size.Now, 365*figures.Day)
	d, err := db.LoadMetrics(ctx, figures.Scope{}, figures.Needs(p, 6), nil)
	if err != nil {
		t.Fatal(err)
	}
	f := figures.Compute(d, figures.Scope{}, p)
	if f.Newcomers != c.FirstTimers || len(figures.Scopes(d)) != 2+2*3 || !f.Claims.Recorded || !f.Hours.Recorded || f.Retention.Whole == 0 {
		t.Fatalf("figures %+v of %+v", f, c)
	}
}

func TestSeedProgramIsLifelike(t *testing.T) {
	ctx := context.Background()
	db, err := store.Open(ctx, "sqlite://"+filepath.Join(t.TempDir(), "program.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	now := time.Date(2026, 6, 15, 12, 0, 0, 0, time.UTC)
	prog, err := SeedProgram(ctx, db, now)
	if err != nil {
		t.Fatal(err)
	}
	var answered, merged, back, waiting int
	for _, a := range prog.Arrivals {
		answered += boolInt(a.Response > 0)
		merged += nonZero(a.Merged)
		back += nonZero(a.Returned)
		waiting += boolInt(a.Mentor == "")
	}
	n := len(prog.Arrivals)
	if n < 80 || answered < n*3/4 || merged == 0 || back == 0 || waiting == 0 || prog.OpenClaims == 0 || prog.OpenTasks == 0 {
		t.Fatalf("%d arrivals, %d answered, %d merged, %d back, %d waiting, %d claims, %d tasks", n, answered, merged, back, waiting, prog.OpenClaims, prog.OpenTasks)
	}
	again, err := store.Open(ctx, "sqlite://"+filepath.Join(t.TempDir(), "again.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer again.Close()
	prog2, err := SeedProgram(ctx, again, now)
	if err != nil || len(prog2.Arrivals) != n || prog2.Arrivals[n-1] != prog.Arrivals[n-1] {
		t.Fatalf("the same now gives another program (%v)", err)
	}
}
