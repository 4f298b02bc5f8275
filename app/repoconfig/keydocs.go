package repoconfig

import (
	"fmt"
	"reflect"
	"strings"

	"github.com/mentorbot/mentorbot/app/gatherings/schedule"
)

// keyDoc documents one key of mentorship.yml for the README's table. The
// default is read from the code (Default and the kinds' defaults), never
// written here, unless Default says what a zero value stands for.
type keyDoc struct {
	key     string // dotted, as the yaml tags spell it: "mentors.timezone"
	meaning string // Markdown, one sentence or two
	example string // a YAML value; "" points to the README's example file
	deflt   string // only when the code's default is not itself a value, e.g. "the kind's name"
}

// keyDocs are the keys of mentorship.yml in the order of the README's
// table, one line each: adding a key to Config means adding its line
// here (TestKeyDocsCoverEveryKey says which is missing). The keys of an
// entry of gatherings are those of office_hours and are not repeated.
var keyDocs = []keyDoc{
	{"version", "Version of the file's format; only `1` exists.", "1", ""},
	{"mentors", "The mentors, one entry each.", "", ""},
	{"mentors.login", "GitHub login, without @.", "octocat", "required"},
	{"mentors.timezone", "IANA time-zone name; working hours and the times shown to this mentor use it.", "America/Los_Angeles", ""},
	{"mentors.areas", "Names of entries under `areas` this mentor covers.", "[docs]", ""},
	{"mentors.capacity", "How many mentees this mentor takes on at once.", "2", ""},
	{"mentors.away_until", "Away until this day (in the mentor's zone): no new mentees, current ones handed over.", "2026-12-24", ""},
	{"mentors.hours", "Local working hours, start and end; an end before the start spans midnight.", `["10:00", "19:00"]`, ""},
	{"mentor_teams", "`org/team` slugs whose members are mentors too, with the defaults; a login listed under `mentors` keeps its settings.", "[acme/mentors]", ""},
	{"areas_from_codeowners", "Each owner in CODEOWNERS (`.github/`, root, `docs/`; first found) mentors an area named after the owned path.", "true", ""},
	{"areas", "Named areas of the project, each matched by labels or changed paths.", "", ""},
	{"areas.labels", "An issue or pull request with one of these labels is in the area.", `["area/docs"]`, ""},
	{"areas.paths", "A pull request changing a file that matches one of these globs is in the area.", `["docs/**", "**/*.md"]`, ""},
	{"first_timers.label", "Label added to a first-timer's pull request or issue; `\"\"` for none.", `"newcomer"`, ""},
	{"first_timers.welcome_pr", "Template of the welcome comment on a first pull request (see [Welcome templates](#welcome-templates)); `\"\"` posts none.", "\"Welcome {{.Author}}! ...\"", ""},
	{"first_timers.welcome_issue", "The same for a first issue.", "\"Thanks for your first issue, {{.Author}}! ...\"", ""},
	{"assignment.request_review", "Also request the mentor's review on a first pull request.", "false", ""},
	{"assignment.first_response_hours", "The mentor is reminded after this many hours without a reply, and the newcomer handed to another mentor after twice as many, counted from the start of the mentor's next working hours.", "24", ""},
	{"assignment.idle_days", "A mentorship with no activity from the newcomer for this many days ends and frees the mentor's place; `0` never ends one.", "21", ""},
	{"assignment.mentor_wanted_label", "Label added while no mentor is free; `\"\"` for none.", `"needs mentor"`, ""},
	{"good_first_issues.labels", "Labels that make an issue a claimable starter task; `[]` turns claims off.", `["good first issue", "easy"]`, ""},
	{"good_first_issues.next_step_labels", "Labels of the issues suggested to a newcomer after a first contribution.", `["help wanted"]`, ""},
	{"good_first_issues.max_claims_per_contributor", "How many open claims one person may hold.", "1", ""},
	{"good_first_issues.claim_expiry_days", "How long a claim lasts without activity.", "7", ""},
	{"good_first_issues.guide", "Template of the comment posted when a label makes an issue a starter task; `\"\"` posts none.", "\"Comment /claim to take it. ...\"", ""},
	{"office_hours.kind", "Always `office_hours`; other kinds go under `gatherings`.", "office_hours", ""},
	{"office_hours.title", "Names the series in announcements.", `"acme office hours"`, "owner and kind, e.g. `acme office hours`"},
	{"office_hours.repository", "Repository of the same owner, with Discussions on, where sessions are announced; the series is off without it.", "community", "none (off)"},
	{"office_hours.category", "Discussions category of the announcements (it must exist).", `"Office Hours"`, ""},
	{"office_hours.recap_category", "Discussions category of the recaps; `\"\"` posts the recap as a comment on the announcement.", `"Recaps"`, ""},
	{"office_hours.cadence", "`weekly`, `biweekly` or `monthly`.", "weekly", ""},
	{"office_hours.weekday", "Day of the sessions, in UTC.", "tuesday", ""},
	{"office_hours.times", "UTC start times, rotated session by session so that every time zone gets a turn.", `["09:00", "17:00"]`, ""},
	{"office_hours.duration_minutes", "Length of a session, 15 to 480.", "45", ""},
	{"office_hours.announce_days_before", "How many days ahead a session is announced, 0 (on the day) to 30.", "7", ""},
	{"office_hours.reminder_minutes_before", "When the one reminder comment goes on the announcement; 0 for none.", "30", ""},
	{"office_hours.agenda", "Agenda items listed in the announcement.", `["Check-in", "Demos"]`, ""},
	{"office_hours.ground_rules", "Ground rules listed in the announcement.", `["Be kind"]`, ""},
	{"office_hours.accessibility", "Accessibility note of the announcement.", `"Live captions are on."`, ""},
	{"office_hours.roles", "Roles rotated among the mentors who are awake and not away at the session.", "[host, note-taker]", ""},
	{"office_hours.week_of_month", "Monthly cadence only: which weekday of the month, 1 to 4, or -1 for the last.", "-1", "the first"},
	{"office_hours.skip", "Dates with no session: that session is cancelled, not moved.", "[2026-12-24]", ""},
	{"office_hours.join_url", "Where the session happens (https only).", "https://meet.example.org/acme", ""},
	{"office_hours.chat_url", "Where to talk between sessions (https only).", "https://chat.example.org/#newcomers", ""},
	{"office_hours.waking_hours", "Mentors' local hours within which they may be given a role.", `["07:00", "23:00"]`, ""},
	{"gatherings", "More series beside office hours, each with every key of `office_hours` (its repository defaults to office_hours'); `kind` sets the other defaults, in the table below.", "", ""},
	{"gatherings.kind", "`office_hours`, `social` or `mentorship_circle`.", "social", ""},
	{"faq", "The living FAQ: one discussion per program, edited as `/faq` answers arrive.", "", "off"},
	{"faq.repository", "Repository whose Discussions hold the FAQ.", "community", "none (off)"},
	{"faq.category", "Discussions category of the FAQ.", `"Q&A"`, ""},
	{"faq.title", "Title of the FAQ discussion.", `"Newcomer FAQ"`, ""},
}

// KeysMarkdown is the README's table of every mentorship.yml key with its
// default, meaning and an example, and the defaults that depend on a
// series' kind. The defaults come from Default and schedule.DefaultsFor.
func KeysMarkdown() string {
	var b strings.Builder
	b.WriteString("| Key | Default | Meaning | Example |\n|---|---|---|---|\n")
	defaults := keyDefaults()
	for _, k := range keyDocs {
		d := k.deflt
		if d == "" {
			d = defaults[k.key]
		}
		ex := "see the example above"
		if k.example != "" {
			ex = "`" + k.example + "`"
		}
		fmt.Fprintf(&b, "| `%s` | %s | %s | %s |\n", displayKey(k.key), d, k.meaning, ex)
	}
	b.WriteString("\nDefaults by `kind` (of `office_hours` and of each entry of `gatherings`):\n\n")
	b.WriteString("| Kind | `category` | `cadence` | `agenda` | `ground_rules` | `roles` |\n|---|---|---|---|---|---|\n")
	for _, kind := range schedule.Kinds {
		d, _ := schedule.DefaultsFor(kind)
		fmt.Fprintf(&b, "| `%s` | %s | %s | %s | %s | %s |\n", kind, value(reflect.ValueOf(d.Category)),
			value(reflect.ValueOf(d.Cadence)), value(reflect.ValueOf(d.Agenda)), value(reflect.ValueOf(d.GroundRules)), value(reflect.ValueOf(d.Roles)))
	}
	return b.String()
}

// displayKey spells a key as a reader looks for it: list entries with [],
// map entries with NAME.
func displayKey(key string) string {
	for _, p := range []struct{ from, to string }{{"mentors.", "mentors[]."}, {"areas.", "areas.NAME."}, {"gatherings.", "gatherings[]."}} {
		if strings.HasPrefix(key, p.from) {
			return p.to + strings.TrimPrefix(key, p.from)
		}
	}
	return key
}

// keyDefaults renders the default of every key of a file with one mentor,
// one area and one gathering, all else absent.
func keyDefaults() map[string]string {
	c := &Config{Mentors: []Mentor{{}}, Areas: map[string]Area{"a": {}}, Gatherings: []OfficeHours{{}}, FAQ: FAQ{Repository: "probe"}}
	applyDefaults(c, func(string) bool { return false })
	out := map[string]string{}
	var walk func(v reflect.Value, prefix string)
	walk = func(v reflect.Value, prefix string) {
		t := v.Type()
		for i := range t.NumField() {
			tag, _, _ := strings.Cut(t.Field(i).Tag.Get("yaml"), ",")
			if tag == "" || tag == "-" {
				continue
			}
			f, key := v.Field(i), prefix+tag
			switch {
			case f.Kind() == reflect.Struct && f.Type() != reflect.TypeOf(Date{}):
				walk(f, key+".")
			case f.Kind() == reflect.Slice && f.Type().Elem().Kind() == reflect.Struct && f.Type().Elem() != reflect.TypeOf(Date{}):
				out[key] = "none"
				walk(f.Index(0), key+".")
			case f.Kind() == reflect.Map:
				out[key] = "none"
				for _, k := range f.MapKeys() {
					walk(f.MapIndex(k), key+".")
				}
			default:
				out[key] = value(f)
			}
		}
	}
	walk(reflect.ValueOf(c).Elem(), "")
	return out
}

// value renders a default as YAML in backticks; "none" for an empty one.
func value(v reflect.Value) string {
	switch v.Kind() {
	case reflect.String:
		s := v.String()
		switch {
		case s == "":
			return "none (`\"\"`)"
		case strings.Contains(s, "\n") || len(s) > 60:
			return "built-in text"
		}
		return "`" + s + "`"
	case reflect.Slice:
		if v.Len() == 0 {
			return "none"
		}
		parts := make([]string, v.Len())
		for i := range parts {
			parts[i] = fmt.Sprintf("%q", fmt.Sprint(v.Index(i).Interface()))
		}
		return "`[" + strings.Join(parts, ", ") + "]`"
	case reflect.Struct:
		if d, ok := v.Interface().(Date); ok && d.IsZero() {
			return "none"
		}
	}
	return fmt.Sprintf("`%v`", v.Interface())
}
