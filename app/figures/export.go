package figures

import (
	"math"
	"reflect"
	"strconv"
	"strings"
	"time"
)

// Record kinds besides the scope kinds.
const RecordMentor = "mentor"

// Record is one row of `mentorbot report --format csv|json`: the figures
// of one scope, or one mentor's load. Durations are in hours, shares are
// fractions (0.25 is a quarter); a figure that is undefined (no data, or
// a feature that records nothing yet) is null in JSON and empty in CSV.
type Record struct {
	Kind  string    `json:"kind"` // all, owner, repository or mentor
	Scope string    `json:"scope"`
	Since time.Time `json:"since"`
	Until time.Time `json:"until"`

	Newcomers          *int     `json:"newcomers"`
	FirstResponses     *int     `json:"first_responses"`
	Unanswered         *int     `json:"unanswered"`
	ResponseMedianH    *float64 `json:"response_median_hours"`
	ResponseP90H       *float64 `json:"response_p90_hours"`
	RetentionCohort    *int     `json:"retention_cohort"`
	RetentionReturned  *int     `json:"retention_returned"`
	Retention          *float64 `json:"retention"`
	FirstPRs           *int     `json:"first_prs"`
	FirstPRsMerged     *int     `json:"first_prs_merged"`
	FirstPRsClosed     *int     `json:"first_prs_closed"`
	FirstPRsOpen       *int     `json:"first_prs_open"`
	MergeMedianH       *float64 `json:"merge_median_hours"`
	ActiveMentorships  *int     `json:"active_mentorships"`
	WaitingNewcomers   *int     `json:"waiting_newcomers"`
	Assignments        *int     `json:"assignments"`
	Mentors            *int     `json:"mentors"`
	Fairness           *float64 `json:"fairness_max_min"`
	IdleMentors        *int     `json:"idle_mentors"`
	Away               *bool    `json:"away"`
	Progressed         *int     `json:"progressed"`
	StarterTasksDone   *int     `json:"starter_tasks_done"`
	Progression        *float64 `json:"progression"`
	ClaimsClaimed      *int     `json:"claims_claimed"`
	ClaimsCompleted    *int     `json:"claims_completed"`
	ClaimsExpired      *int     `json:"claims_expired"`
	ClaimsReleased     *int     `json:"claims_released"`
	ClaimsOpen         *int     `json:"claims_open"`
	SessionsAnnounced  *int     `json:"sessions_announced"`
	RSVPs              *int     `json:"rsvps"`
	RecapsPublished    *int     `json:"recaps_published"`
	SatisfactionVotes  *int     `json:"satisfaction_votes"`
	Satisfaction       *float64 `json:"satisfaction"`
	NextSessionStartAt *string  `json:"next_session_at"`
}

// ScopeRecord flattens f.
func ScopeRecord(f Figures) Record {
	r := Record{Kind: f.Scope.Kind(), Scope: f.Scope.String(), Since: f.Period.Since.UTC(), Until: f.Period.Until.UTC()}
	r.Newcomers = ptr(f.Newcomers)
	r.FirstResponses, r.Unanswered = ptr(f.Response.Answered()), ptr(f.Response.Unanswered)
	if f.Response.Answered() > 0 {
		r.ResponseMedianH, r.ResponseP90H = hoursOf(f.Response.Times.Median), hoursOf(f.Response.Times.P90)
	}
	r.RetentionCohort, r.RetentionReturned, r.Retention = ptr(f.Retention.Whole), ptr(f.Retention.Part), shareOf(f.Retention.Share)
	o := f.FirstPRs
	r.FirstPRs, r.FirstPRsMerged, r.FirstPRsClosed, r.FirstPRsOpen = ptr(o.Opened), ptr(o.Merged), ptr(o.Closed), ptr(o.Open)
	if o.ToMerge.N > 0 {
		r.MergeMedianH = hoursOf(o.ToMerge.Median)
	}
	l := f.Load
	assigned := 0
	for _, m := range l.Mentors {
		assigned += m.Assigned
	}
	r.ActiveMentorships, r.WaitingNewcomers, r.Assignments, r.Mentors = ptr(l.Active), ptr(l.Waiting), ptr(assigned), ptr(len(l.Mentors))
	r.IdleMentors = ptr(l.Fairness.Idle)
	if l.Fairness.Defined {
		r.Fairness = ptr(round4(l.Fairness.Value))
	}
	if f.Progression.Recorded {
		r.Progressed, r.StarterTasksDone, r.Progression = ptr(f.Progression.Part), ptr(f.Progression.Whole), shareOf(f.Progression.Share)
	}
	if c := f.Claims; c.Recorded {
		r.ClaimsClaimed, r.ClaimsCompleted, r.ClaimsExpired, r.ClaimsReleased, r.ClaimsOpen = ptr(c.Claimed), ptr(c.Completed), ptr(c.Expired), ptr(c.Released), ptr(c.Open)
	}
	if h := f.Hours; h.Recorded {
		r.SessionsAnnounced, r.RSVPs, r.RecapsPublished = ptr(h.Announced), ptr(h.RSVPs), ptr(h.Recaps)
		r.SatisfactionVotes, r.Satisfaction = ptr(h.Satisfaction.Whole), shareOf(h.Satisfaction)
		if h.Next != nil {
			at := h.Next.Start.UTC().Format(time.RFC3339)
			r.NextSessionStartAt = &at
		}
	}
	return r
}

// MentorRecords flattens the per-mentor load of f.
func MentorRecords(f Figures) []Record {
	var out []Record
	for _, m := range f.Load.Mentors {
		out = append(out, Record{Kind: RecordMentor, Scope: m.Owner + "/" + m.Login, Since: f.Period.Since.UTC(), Until: f.Period.Until.UTC(),
			ActiveMentorships: ptr(m.Active), Assignments: ptr(m.Assigned), Away: &m.Away})
	}
	return out
}

// CSVHeader names the columns of Record.CSV, as the JSON keys do.
func CSVHeader() []string {
	t := reflect.TypeFor[Record]()
	out := make([]string, t.NumField())
	for i := range out {
		out[i], _, _ = strings.Cut(t.Field(i).Tag.Get("json"), ",")
	}
	return out
}

// CSV is the record as CSV fields, in CSVHeader's order.
func (r Record) CSV() []string {
	v := reflect.ValueOf(r)
	out := make([]string, v.NumField())
	for i := range out {
		out[i] = csvField(v.Field(i))
	}
	return out
}

func csvField(v reflect.Value) string {
	if v.Kind() == reflect.Pointer {
		if v.IsNil() {
			return ""
		}
		v = v.Elem()
	}
	switch x := v.Interface().(type) {
	case string:
		return x
	case int:
		return strconv.Itoa(x)
	case float64:
		return strconv.FormatFloat(x, 'f', -1, 64)
	case bool:
		return strconv.FormatBool(x)
	case time.Time:
		return x.Format(time.RFC3339)
	default:
		panic("metrics: no CSV form for " + v.Type().String())
	}
}

func ptr[T any](v T) *T { return &v }

// hoursOf rounds to the second and gives hours.
func hoursOf(d time.Duration) *float64 {
	h := round4(float64(d.Round(time.Second)) / float64(time.Hour))
	return &h
}

func shareOf(s Share) *float64 {
	v, ok := s.Value()
	if !ok {
		return nil
	}
	v = round4(v)
	return &v
}

func round4(x float64) float64 { return math.Round(x*1e4) / 1e4 }
