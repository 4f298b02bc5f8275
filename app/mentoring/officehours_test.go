package mentoring

import (
	"testing"
	"time"

	"github.com/mentorbot/mentorbot/app/repoconfig"
)

func TestNextOfficeHours(t *testing.T) {
	off, _ := repoconfig.Parse([]byte("version: 1\n"))
	if got := NextOfficeHours(off, "o", time.Now()); got != "" {
		t.Fatalf("no office hours configured, got %q", got)
	}
	cfg, err := repoconfig.Parse([]byte("version: 1\noffice_hours:\n  repository: community\n  cadence: weekly\n  weekday: thursday\n  times: [\"17:00\"]\n"))
	if err != nil {
		t.Fatal(err)
	}
	got := NextOfficeHours(cfg, "o", time.Date(2026, 11, 30, 12, 0, 0, 0, time.UTC))
	want := "Thu 3 Dec, 17:00–18:00 UTC ([your local time](https://www.timeanddate.com/worldclock/fixedtime.html?iso=20261203T1700&p1=1440)), " +
		"announced in the Discussions of `o/community`"
	if got != want {
		t.Fatalf("got  %q\nwant %q", got, want)
	}
}
