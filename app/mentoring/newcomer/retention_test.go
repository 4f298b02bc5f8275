package newcomer

import (
	"testing"
	"time"
)

func TestRetained(t *testing.T) {
	first := time.Date(2026, 1, 10, 12, 0, 0, 0, time.UTC)
	day := 24 * time.Hour
	at := func(d time.Duration) time.Time { return first.Add(d) }
	tests := []struct {
		name  string
		later []time.Time
		want  bool
	}{
		{"nothing later", nil, false},
		{"empty list", []time.Time{}, false},
		{"next day", []time.Time{at(day)}, true},
		{"one second later", []time.Time{at(time.Second)}, true},
		{"same instant is the same contribution", []time.Time{first}, false},
		{"only earlier", []time.Time{at(-day)}, false},
		{"exactly 90 days", []time.Time{at(RetentionWindow)}, true},
		{"90 days and a second", []time.Time{at(RetentionWindow + time.Second)}, false},
		{"91 days", []time.Time{at(91 * day)}, false},
		{"late then early, unsorted", []time.Time{at(200 * day), at(-5 * day), at(30 * day)}, true},
		{"all outside", []time.Time{at(-1 * day), at(120 * day), first}, false},
		{"other time zone", []time.Time{at(89 * day).In(time.FixedZone("UTC+14", 14*3600))}, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Retained(first, tt.later); got != tt.want {
				t.Errorf("Retained(%v, %v) = %v, want %v", first, tt.later, got, tt.want)
			}
		})
	}
	if RetentionWindow != 90*day {
		t.Errorf("RetentionWindow = %v, want 90 days", RetentionWindow)
	}
}
