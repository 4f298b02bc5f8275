package selection

import (
	"testing"
	"time"
)

// TestClockStart: the first-response clock starts at once during working
// hours and otherwise at the start of the mentor's next working hours, on
// their wall clock, across both daylight-saving changes in two zones.
func TestClockStart(t *testing.T) {
	ny, berlin := zone(t, "America/New_York"), zone(t, "Europe/Berlin")
	late := Hours{Start: 22 * 60, End: 6 * 60} // spans midnight
	early := Hours{Start: 2*60 + 30, End: 11 * 60}
	tests := []struct {
		name string
		now  time.Time
		loc  *time.Location
		h    Hours
		want time.Time
	}{
		{"UTC default, during hours", utc(2026, 3, 2, 12, 0), nil, Hours{}, utc(2026, 3, 2, 12, 0)},
		{"UTC default, at 18:00 sharp", utc(2026, 3, 2, 18, 0), nil, Hours{}, utc(2026, 3, 3, 9, 0)},
		{"UTC default, before 09:00", utc(2026, 3, 2, 8, 59), nil, Hours{}, utc(2026, 3, 2, 9, 0)},
		{"UTC default, at 09:00 sharp", utc(2026, 3, 2, 9, 0), nil, Hours{}, utc(2026, 3, 2, 9, 0)},
		{"New York night, winter", utc(2026, 1, 15, 3, 0), ny, Hours{}, utc(2026, 1, 15, 14, 0)},
		{"New York night, summer", utc(2026, 7, 15, 3, 0), ny, Hours{}, utc(2026, 7, 15, 13, 0)},
		{"New York, night before spring forward", utc(2026, 3, 8, 4, 0), ny, Hours{}, utc(2026, 3, 8, 13, 0)},
		{"New York, evening before fall back", utc(2026, 10, 31, 23, 0), ny, Hours{}, utc(2026, 11, 1, 14, 0)},
		{"New York, start in the skipped hour", utc(2026, 3, 8, 5, 0), ny, early, utc(2026, 3, 8, 7, 0)},
		{"Berlin night before spring forward", utc(2026, 3, 28, 22, 0), berlin, Hours{}, utc(2026, 3, 29, 7, 0)},
		{"Berlin night before fall back", utc(2026, 10, 24, 22, 0), berlin, Hours{}, utc(2026, 10, 25, 8, 0)},
		{"Berlin, Friday evening waits for Saturday", utc(2026, 12, 4, 18, 30), berlin, Hours{}, utc(2026, 12, 5, 8, 0)},
		{"Berlin, during hours the day after fall back", utc(2026, 10, 26, 8, 0), berlin, Hours{}, utc(2026, 10, 26, 8, 0)},
		{"over midnight, inside before midnight", utc(2026, 3, 2, 23, 0), nil, late, utc(2026, 3, 2, 23, 0)},
		{"over midnight, inside after midnight", utc(2026, 3, 3, 5, 59), nil, late, utc(2026, 3, 3, 5, 59)},
		{"over midnight, daytime waits", utc(2026, 3, 3, 6, 0), nil, late, utc(2026, 3, 3, 22, 0)},
		{"Berlin over midnight, fall back", utc(2026, 10, 25, 12, 0), berlin, late, utc(2026, 10, 25, 21, 0)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := ClockStart(tt.now, tt.loc, tt.h)
			if !got.Equal(tt.want) {
				t.Errorf("ClockStart(%v, %v, %v) = %v, want %v", tt.now, tt.loc, tt.h, got.UTC(), tt.want)
			}
			if got.Before(tt.now) {
				t.Errorf("the clock starts before the request: %v < %v", got, tt.now)
			}
		})
	}
}

// TestClockStartNeverAtNight: every 47 minutes over a year in several
// zones, the clock starts within the mentor's working hours and at most a
// day after the request.
func TestClockStartNeverAtNight(t *testing.T) {
	for _, name := range []string{"America/New_York", "Europe/Berlin", "Australia/Sydney", "Asia/Kolkata"} {
		loc := zone(t, name)
		for _, h := range []Hours{{}, {Start: 22 * 60, End: 6 * 60}} {
			h := h.orDefault()
			for now := utc(2026, 1, 1, 0, 7); now.Year() == 2026; now = now.Add(47 * time.Minute) {
				got := ClockStart(now, loc, h)
				lt := got.In(loc)
				if !h.contains(lt.Hour()*60+lt.Minute()) || got.Before(now) || got.Sub(now) > 25*time.Hour {
					t.Fatalf("%s %v: ClockStart(%v) = %v (%v local)", name, h, now, got, lt)
				}
			}
		}
	}
}

func TestHoursString(t *testing.T) {
	if got := (Hours{}).String(); got != "09:00–18:00" {
		t.Errorf("zero Hours = %q", got)
	}
	if got := (Hours{Start: 22*60 + 30, End: 6 * 60}).String(); got != "22:30–06:00" {
		t.Errorf("Hours = %q", got)
	}
}

func utc(y int, mo time.Month, d, h, m int) time.Time {
	return time.Date(y, mo, d, h, m, 0, 0, time.UTC)
}
