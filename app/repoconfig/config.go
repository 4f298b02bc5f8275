package repoconfig

import (
	"strings"
	"time"
)

// Version is the only configuration version this package understands.
const Version = 1

// Config is a repository's `.github/mentorship.yml` after Parse: strict
// decoding, validation and defaults. The yaml tags are the file's keys.
type Config struct {
	Version int      `yaml:"version"`
	Mentors []Mentor `yaml:"mentors"`
	// MentorTeams are "org/team" slugs whose members are mentors too, with
	// the defaults; a login listed under Mentors keeps its own settings.
	MentorTeams []string `yaml:"mentor_teams"`
	// AreasFromCodeowners makes each owner in CODEOWNERS a mentor of an
	// area named after the owned path pattern.
	AreasFromCodeowners bool            `yaml:"areas_from_codeowners"`
	Areas               map[string]Area `yaml:"areas"`
	FirstTimers         FirstTimers     `yaml:"first_timers"`
	Assignment          Assignment      `yaml:"assignment"`
	GoodFirstIssues     GoodFirstIssues `yaml:"good_first_issues"`
	OfficeHours         OfficeHours     `yaml:"office_hours"`
	// Gatherings are more series beside OfficeHours, each with the keys of
	// office_hours plus kind and title (see Series).
	Gatherings []OfficeHours `yaml:"gatherings,omitempty"`
	// FAQ turns on the living FAQ: one discussion kept current from the
	// /faq entries (see FAQ).
	FAQ FAQ `yaml:"faq,omitempty"`
}

// FAQ is the `faq` section: where the one "Newcomer FAQ" discussion of
// the program lives.
type FAQ struct {
	// Repository is a repository of the same owner with Discussions on;
	// "" turns the living FAQ off.
	Repository string `yaml:"repository"`
	// Category is the Discussions category of the FAQ discussion.
	Category string `yaml:"category"`
	// Title is the discussion's title; default "Newcomer FAQ".
	Title string `yaml:"title"`
}

// Enabled tells whether the living FAQ is on.
func (f FAQ) Enabled() bool { return f.Repository != "" }

// Target is the repository of the FAQ discussion of owner's program,
// "owner/name" in lower case; "" when the living FAQ is off.
func (f FAQ) Target(owner string) string {
	if !f.Enabled() {
		return ""
	}
	return strings.ToLower(owner + "/" + f.Repository)
}

// Mentor is one entry of `mentors`.
type Mentor struct {
	// Login is the GitHub login, without @.
	Login string `yaml:"login"`
	// Timezone is an IANA zone name; default "UTC".
	Timezone string `yaml:"timezone"`
	// Location is Timezone loaded by Parse; nil means UTC (see Zone).
	Location *time.Location `yaml:"-"`
	// Areas names entries of Config.Areas this mentor covers.
	Areas []string `yaml:"areas"`
	// Capacity is the number of concurrent active mentees; default 3.
	Capacity int `yaml:"capacity"`
	// AwayUntil is the day the mentor is back: away until the start of that
	// day in the mentor's time zone (see Back); zero when not away by date.
	AwayUntil Date `yaml:"away_until,omitempty"`
	// Hours are the mentor's working hours on their local clock, start and
	// end as HH:MM; default 09:00–18:00. An end before the start spans
	// midnight.
	Hours []string `yaml:"hours"`
	// Busy is set when the mentor's GitHub status says "Busy" (limited
	// availability); not a key of the file.
	Busy bool `yaml:"-"`
}

// Area is one entry of `areas`: an issue or pull request is in the area when
// it carries one of Labels or (for pull requests) changes a file matching one
// of Paths, doublestar globs relative to the repository root.
type Area struct {
	Labels []string `yaml:"labels"`
	Paths  []string `yaml:"paths"`
}

// FirstTimers is the `first_timers` section.
type FirstTimers struct {
	// Label is added to a first-timer's pull request or issue; "" for none.
	Label string `yaml:"label"`
	// WelcomePR is the text/template of the welcome comment on a first pull
	// request (data: WelcomeData); "" posts no welcome comment.
	WelcomePR string `yaml:"welcome_pr"`
	// WelcomeIssue is the same for a first issue.
	WelcomeIssue string `yaml:"welcome_issue"`
}

// Assignment is the `assignment` section.
type Assignment struct {
	// RequestReview also requests the mentor's review on a pull request.
	RequestReview bool `yaml:"request_review"`
	// FirstResponseHours: the mentor is nudged after this many hours without
	// a response and the mentee reassigned after twice as many.
	FirstResponseHours int `yaml:"first_response_hours"`
	// IdleDays: a mentorship with no activity from the newcomer (comment,
	// push, new pull request or issue) for this many days ends and frees
	// the mentor's place (extension key `idle_days`); 0 never ends one.
	IdleDays int `yaml:"idle_days"`
	// MentorWantedLabel is added while no mentor is free (extension key
	// `mentor_wanted_label`); "" for none.
	MentorWantedLabel string `yaml:"mentor_wanted_label"`
}

// GoodFirstIssues is the `good_first_issues` section.
type GoodFirstIssues struct {
	// Labels mark claimable good first issues; empty turns claims off.
	Labels []string `yaml:"labels"`
	// NextStepLabels mark the issues a mentee takes after a first one.
	NextStepLabels []string `yaml:"next_step_labels"`
	// MaxClaimsPerContributor is how many open claims one person may hold.
	MaxClaimsPerContributor int `yaml:"max_claims_per_contributor"`
	// ClaimExpiryDays is how long a claim lasts.
	ClaimExpiryDays int `yaml:"claim_expiry_days"`
	// Guide is the text/template of the comment posted when one of Labels is
	// added (extension key `guide`, data: GuideData); "" posts nothing.
	Guide string `yaml:"guide"`
}

// OfficeHours is one series of gatherings: the `office_hours` section (of
// kind office_hours) or an entry of `gatherings`. A series is on only when
// Repository is set (see Enabled); an entry of gatherings without one takes
// office_hours' repository.
type OfficeHours struct {
	// Kind is one of schedule.Kinds; office_hours is always
	// schedule.KindOfficeHours.
	Kind string `yaml:"kind"`
	// Title names the series in announcements; "" uses the kind's name.
	Title string `yaml:"title,omitempty"`
	// Repository is a repository of the same owner with Discussions on.
	Repository string `yaml:"repository"`
	// Category is the Discussions category of announcements.
	Category string `yaml:"category"`
	// RecapCategory is the category of recaps; "" posts the recap as a
	// comment on the announcement.
	RecapCategory string `yaml:"recap_category"`
	// Cadence is one of schedule.Cadences.
	Cadence string `yaml:"cadence"`
	// Weekday is a lower-case English day name, e.g. "thursday" (see Day).
	Weekday string `yaml:"weekday"`
	// Times are "HH:MM" UTC start times, rotated session by session (see
	// StartTimes).
	Times []string `yaml:"times"`
	// DurationMinutes is the session length, 15 to 480.
	DurationMinutes int `yaml:"duration_minutes"`
	// AnnounceDaysBefore is how many days ahead a session is announced, 0 to 30.
	AnnounceDaysBefore int `yaml:"announce_days_before"`
	// ReminderMinutesBefore is when the one reminder comment goes on the
	// announcement, 0 (none) to 1440; default 60.
	ReminderMinutesBefore int      `yaml:"reminder_minutes_before"`
	Agenda                []string `yaml:"agenda"`
	GroundRules           []string `yaml:"ground_rules"`
	Accessibility         string   `yaml:"accessibility"`
	// Roles are rotated among mentors session by session.
	Roles []string `yaml:"roles"`
	// WeekOfMonth picks the monthly session: 1 to 4, or -1 for the last;
	// 0 (absent) is the first.
	WeekOfMonth int `yaml:"week_of_month,omitempty"`
	// Skip are dates with no session: that session is cancelled.
	Skip []Date `yaml:"skip,omitempty"`
	// JoinURL is where the session happens (an https link).
	JoinURL string `yaml:"join_url,omitempty"`
	// ChatURL is where to talk between sessions (an https link); optional.
	ChatURL string `yaml:"chat_url,omitempty"`
	// WakingHours are ["HH:MM", "HH:MM"], the local times between which a
	// mentor may be given a role; default 08:00–22:00 (see Waking).
	WakingHours []string `yaml:"waking_hours"`
}
