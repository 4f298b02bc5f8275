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
	DefaultIdleDays                = 14
	DefaultMentorWantedLabel       = "mentor wanted"
	DefaultMaxClaimsPerContributor = 2
	DefaultClaimExpiryDays         = 14
	DefaultOfficeHoursCategory     = "Office Hours"
	DefaultCadence                 = schedule.Biweekly
	DefaultWeekday                 = "thursday"
	DefaultDurationMinutes         = 60
	DefaultAnnounceDaysBefore      = 3
	DefaultReminderMinutesBefore   = 60
	DefaultAccessibility           = schedule.DefaultAccessibility
	DefaultFAQCategory             = "Q&A"
	DefaultFAQTitle                = "Newcomer FAQ"
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
	DefaultWakingHours          = []string{"08:00", "22:00"}
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
	setInt(&a.IdleDays, DefaultIdleDays, given("assignment.idle_days"))
	setString(&a.MentorWantedLabel, DefaultMentorWantedLabel, given("assignment.mentor_wanted_label"))

	g := &c.GoodFirstIssues
	setList(&g.Labels, DefaultGoodFirstIssueLabels, given("good_first_issues.labels"))
	setList(&g.NextStepLabels, DefaultNextStepLabels, given("good_first_issues.next_step_labels"))
	setInt(&g.MaxClaimsPerContributor, DefaultMaxClaimsPerContributor, given("good_first_issues.max_claims_per_contributor"))
	setInt(&g.ClaimExpiryDays, DefaultClaimExpiryDays, given("good_first_issues.claim_expiry_days"))
	setString(&g.Guide, defaultGuide, given("good_first_issues.guide"))

	seriesDefaults(&c.OfficeHours, "office_hours.", given)
	for i := range c.Gatherings {
		g := &c.Gatherings[i]
		p := fmt.Sprintf("gatherings[%d].", i)
		setString(&g.Repository, c.OfficeHours.Repository, given(p+"repository"))
		seriesDefaults(g, p, given)
	}
	if f := &c.FAQ; f.Repository != "" {
		setString(&f.Category, DefaultFAQCategory, given("faq.category"))
		setString(&f.Title, DefaultFAQTitle, given("faq.title"))
	}
}

// seriesDefaults fills a series' keys from its kind's defaults;
// office_hours is always of kind office_hours, and an unknown kind (which
// validation reports) takes those too.
func seriesDefaults(o *OfficeHours, p string, given func(string) bool) {
	setString(&o.Kind, schedule.KindOfficeHours, given(p+"kind"))
	d, ok := schedule.DefaultsFor(o.Kind)
	if !ok {
		d, _ = schedule.DefaultsFor(schedule.KindOfficeHours)
	}
	setString(&o.Category, d.Category, given(p+"category"))
	setString(&o.Cadence, d.Cadence, given(p+"cadence"))
	setString(&o.Weekday, DefaultWeekday, given(p+"weekday"))
	setList(&o.Times, DefaultTimes, given(p+"times"))
	setInt(&o.DurationMinutes, DefaultDurationMinutes, given(p+"duration_minutes"))
	setInt(&o.AnnounceDaysBefore, DefaultAnnounceDaysBefore, given(p+"announce_days_before"))
	setInt(&o.ReminderMinutesBefore, DefaultReminderMinutesBefore, given(p+"reminder_minutes_before"))
	setList(&o.Agenda, d.Agenda, given(p+"agenda"))
	setList(&o.GroundRules, d.GroundRules, given(p+"ground_rules"))
	setString(&o.Accessibility, d.Accessibility, given(p+"accessibility"))
	setList(&o.Roles, d.Roles, given(p+"roles"))
	setList(&o.WakingHours, DefaultWakingHours, given(p+"waking_hours"))
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
