package repoconfig

import (
	"testing"
	"time"
)

func TestParseDate(t *testing.T) {
	tests := []struct {
		in   string
		want Date
		ok   bool
	}{
		{"2026-12-24", Date{2026, time.December, 24}, true},
		{"2028-02-29", Date{2028, time.February, 29}, true},
		{"2027-02-29", Date{}, false},
		{"2026-1-2", Date{}, false},
		{"24.12.2026", Date{}, false},
		{"", Date{}, false},
	}
	for _, tt := range tests {
		got, err := ParseDate(tt.in)
		if got != tt.want || (err == nil) != tt.ok {
			t.Errorf("ParseDate(%q) = %v, %v; want %v ok=%v", tt.in, got, err, tt.want, tt.ok)
		}
		if tt.ok && got.String() != tt.in {
			t.Errorf("String() = %q, want %q", got.String(), tt.in)
		}
	}
}

func TestDateOrderAndText(t *testing.T) {
	a, b := Date{2026, time.December, 31}, Date{2027, time.January, 1}
	if !a.Before(b) || a.After(b) || !b.After(a) || a.AddDays(1) != b || b.AddDays(-1) != a {
		t.Error("date order or arithmetic is wrong")
	}
	var d Date
	if err := d.UnmarshalText([]byte("2026-12-24")); err != nil || d != (Date{2026, time.December, 24}) {
		t.Errorf("UnmarshalText = %v, %v", d, err)
	}
	if err := d.UnmarshalText(nil); err != nil || !d.IsZero() || d.String() != "" {
		t.Errorf("empty text = %v, %v", d, err)
	}
	if err := d.UnmarshalText([]byte("soon")); err == nil {
		t.Error("UnmarshalText accepted soon")
	}
}

func TestParseTimeOfDay(t *testing.T) {
	tests := []struct {
		in   string
		want TimeOfDay
		ok   bool
	}{
		{"00:00", TimeOfDay{0, 0}, true},
		{"09:05", TimeOfDay{9, 5}, true},
		{"23:59", TimeOfDay{23, 59}, true},
		{"24:00", TimeOfDay{}, false},
		{"12:60", TimeOfDay{}, false},
		{"9:00", TimeOfDay{}, false},
		{"09-00", TimeOfDay{}, false},
		{"+9:00", TimeOfDay{}, false},
	}
	for _, tt := range tests {
		got, err := ParseTimeOfDay(tt.in)
		if got != tt.want || (err == nil) != tt.ok {
			t.Errorf("ParseTimeOfDay(%q) = %v, %v", tt.in, got, err)
		}
	}
	at := TimeOfDay{17, 30}.On(Date{2026, time.March, 12}, time.UTC)
	if !at.Equal(time.Date(2026, time.March, 12, 17, 30, 0, 0, time.UTC)) {
		t.Errorf("On = %v", at)
	}
}
