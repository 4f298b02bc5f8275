package repoconfig

import (
	"fmt"
	"slices"

	"github.com/mentorbot/mentorbot/app/gatherings/schedule"
)

// Defaults of the keys that have a scalar default.
const (
	DefaultTimezone                = "UTC"
	DefaultCapacity                = 3
	DefaultFirstTimerLabel         = "first-time contributor"
	DefaultRequestReview           = true
	DefaultFirstResponseHours      = 48
	DefaultMentorWantedLabel       = "mentor wanted"
	DefaultMaxClaimsPerContributor = 2
	DefaultClaimExpiryDays         = 14
	DefaultOfficeHoursCategory     = "Office Hours"
	DefaultCadence                 = schedule.Biweekly
	DefaultWeekday                 = "thursday"
	DefaultDurationMinutes         = 60
	DefaultAnnounceDaysBefore      = 3
	DefaultAccessibility           = "Captions on; slides shared a day before; transcript in the recap."
)

// Defaults of the list keys; copied into each Config, so callers may change
// a Config without touching these.
var (
	DefaultGoodFirstIssueLabels = []string{"good first issue"}
	DefaultNextStepLabels       = []string{"help wanted"}
	DefaultTimes                = []string{"17:00"}
	DefaultHours                = []string{"09:00", "18:00"}
	DefaultAgenda               = []string{"Check-in", "Progress sharing", "Mentorship dialogues", "Activity"}
	DefaultGroundRules          = []string{"Equal airtime", "No interruptions", "Every question is welcome"}
	DefaultRoles                = []string{"host", "note-taker", "activity designer"}
)

// Default is the configuration of an empty file.
func Default() *Config {
	c := &Config{}
	applyDefaults(c, func(string) bool { return false })
	return c
}

// applyDefaults fills every key for which given(path) is false.
func applyDefaults(c *Config, given func(path string) bool) {
	setInt(&c.Version, Version, given("version"))
	if c.Areas == nil {
		c.Areas = map[string]Area{}
	}
	for i := range c.Mentors {
		m := &c.Mentors[i]
		p := fmt.Sprintf("mentors[%d].", i)
		setString(&m.Timezone, DefaultTimezone, given(p+"timezone"))
		setInt(&m.Capacity, DefaultCapacity, given(p+"capacity"))
		if !given(p + "hours") {
			m.Hours = slices.Clone(DefaultHours)
		}
	}

	ft := &c.FirstTimers
	setString(&ft.Label, DefaultFirstTimerLabel, given("first_timers.label"))
	setString(&ft.WelcomePR, defaultWelcomePR, given("first_timers.welcome_pr"))
	setString(&ft.WelcomeIssue, defaultWelcomeIssue, given("first_timers.welcome_issue"))

	a := &c.Assignment
	if !given("assignment.request_review") {
		a.RequestReview = DefaultRequestReview
	}
	setInt(&a.FirstResponseHours, DefaultFirstResponseHours, given("assignment.first_response_hours"))
	setString(&a.MentorWantedLabel, DefaultMentorWantedLabel, given("assignment.mentor_wanted_label"))

	g := &c.GoodFirstIssues
	setList(&g.Labels, DefaultGoodFirstIssueLabels, given("good_first_issues.labels"))
	setList(&g.NextStepLabels, DefaultNextStepLabels, given("good_first_issues.next_step_labels"))
	setInt(&g.MaxClaimsPerContributor, DefaultMaxClaimsPerContributor, given("good_first_issues.max_claims_per_contributor"))
	setInt(&g.ClaimExpiryDays, DefaultClaimExpiryDays, given("good_first_issues.claim_expiry_days"))
	setString(&g.Guide, defaultGuide, given("good_first_issues.guide"))

	o := &c.OfficeHours
	setString(&o.Category, DefaultOfficeHoursCategory, given("office_hours.category"))
	setString(&o.Cadence, DefaultCadence, given("office_hours.cadence"))
	setString(&o.Weekday, DefaultWeekday, given("office_hours.weekday"))
	setList(&o.Times, DefaultTimes, given("office_hours.times"))
	setInt(&o.DurationMinutes, DefaultDurationMinutes, given("office_hours.duration_minutes"))
	setInt(&o.AnnounceDaysBefore, DefaultAnnounceDaysBefore, given("office_hours.announce_days_before"))
	setList(&o.Agenda, DefaultAgenda, given("office_hours.agenda"))
	setList(&o.GroundRules, DefaultGroundRules, given("office_hours.ground_rules"))
	setString(&o.Accessibility, DefaultAccessibility, given("office_hours.accessibility"))
	setList(&o.Roles, DefaultRoles, given("office_hours.roles"))
}

func setInt(dst *int, def int, given bool) {
	if !given {
		*dst = def
	}
}

func setString(dst *string, def string, given bool) {
	if !given {
		*dst = def
	}
}

func setList(dst *[]string, def []string, given bool) {
	if !given {
		*dst = append([]string(nil), def...)
	}
}
