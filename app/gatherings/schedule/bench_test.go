package schedule_test

import (
	"testing"
	"time"

	"github.com/mentorbot/mentorbot/app/gatherings/schedule"
)

func BenchmarkSessions(b *testing.B) {
	p := weekly("09:00", "17:00", "01:00")
	from := day("2031-06-15")
	for b.Loop() {
		p.Sessions(from, 10)
	}
}

func BenchmarkDue(b *testing.B) {
	p := weekly("09:00", "17:00", "01:00")
	now := utc("2031-06-15 12:00")
	for b.Loop() {
		p.Due(now, 0)
	}
}

// BenchmarkAssignRoles assigns three roles among 5 mentors with five years
// of biweekly history behind them.
func BenchmarkAssignRoles(b *testing.B) {
	p := schedule.Plan{Cadence: schedule.Biweekly, Weekday: time.Thursday, Times: []string{"17:00"}, Duration: time.Hour}
	mentors := candidates("ana", "ben", "chloe", "dev", "eli")
	sessions := p.Sessions(day("2026-01-01"), 131)
	var history []schedule.RoleRecord
	for _, s := range sessions[:130] {
		for _, a := range schedule.AssignRoles(threeRoles, mentors, history, s) {
			history = append(history, schedule.RoleRecord{SessionKey: s.Key, Role: a.Role, Login: a.Login, Start: s.Start})
		}
	}
	last := sessions[130]
	for b.Loop() {
		schedule.AssignRoles(threeRoles, mentors, history, last)
	}
}
