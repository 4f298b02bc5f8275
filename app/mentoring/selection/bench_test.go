package selection

import (
	"fmt"
	"math/rand/v2"
	"testing"
	"time"
)

// benchRoster is a 1,000-mentor roster: a tenth away, some at capacity,
// spread over ten areas and five time zones (a fifth working nights), with
// assignment times spread over a month.
func benchRoster() []Candidate {
	rng := rand.New(rand.NewPCG(1, 2))
	var zones []*time.Location
	for _, name := range []string{"UTC", "America/Los_Angeles", "Europe/Berlin", "Asia/Kolkata", "Australia/Sydney"} {
		loc, err := time.LoadLocation(name)
		if err != nil {
			panic(err)
		}
		zones = append(zones, loc)
	}
	areas := []string{"docs", "ci", "core", "web", "cli", "api", "db", "ui", "infra", "i18n"}
	cands := make([]Candidate, 1000)
	for i := range cands {
		c := Candidate{
			Login:    fmt.Sprintf("mentor-%04d", i),
			Areas:    []string{areas[rng.IntN(len(areas))], areas[rng.IntN(len(areas))]},
			Capacity: 3,
			Active:   rng.IntN(4),
			Order:    i,
			Location: zones[rng.IntN(len(zones))],
		}
		if rng.IntN(5) == 0 {
			c.Hours = Hours{Start: 20 * 60, End: 4 * 60}
		}
		if rng.IntN(10) == 0 {
			c.AwayUntil = now.Add(time.Duration(rng.IntN(30)+1) * 24 * time.Hour)
		}
		if rng.IntN(5) > 0 {
			c.LastAssigned = now.Add(-time.Duration(rng.IntN(30*24)) * time.Hour)
		}
		cands[i] = c
	}
	return cands
}

func BenchmarkSelect1000(b *testing.B) {
	cands := benchRoster()
	req := Request{Author: "newbie", Areas: []string{"docs", "web"}, Previous: "mentor-0042", Exclude: []string{"mentor-0007"}, Now: now}
	b.ReportAllocs()
	for b.Loop() {
		if Select(cands, req).Mentor == "" {
			b.Fatal("no mentor chosen")
		}
	}
}

func BenchmarkExplain1000(b *testing.B) {
	d := Select(benchRoster(), Request{Author: "newbie", Areas: []string{"docs"}, Now: now})
	b.ReportAllocs()
	for b.Loop() {
		if d.Explain(at) == "" {
			b.Fatal("empty explanation")
		}
	}
}
