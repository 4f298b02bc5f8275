package claims

import (
	"cmp"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/mentorbot/mentorbot/app/mentoring/selection"
	"github.com/mentorbot/mentorbot/app/store"
)

// Action is what the expiry rule says to do with a claim now.
type Action int

// The expiry rule's answers.
const (
	Keep    Action = iota // nothing is due
	Remind                // ask the claimer whether they are still on it
	Release               // the claim has run out
)

func (a Action) String() string {
	return [...]string{"keep", "remind", "release"}[a]
}

// remindShare is the share of claim_expiry_days after which the claimer is reminded.
const remindShare = 0.75

// maxNotice caps the time a reminder gives before the release.
const maxNotice = 24 * time.Hour

// Timing is a claim as the expiry rule sees it.
type Timing struct {
	// Start is when the claim was made, or the claimer's latest activity on
	// it (a comment, a linked pull request), whichever is later.
	Start time.Time
	// RemindedAt is the latest reminder; zero when never reminded.
	RemindedAt time.Time
	// Days is claim_expiry_days; 0 or less means claims never expire.
	Days int
}

func (t Timing) period() time.Duration { return time.Duration(t.Days) * 24 * time.Hour }

// reminded tells whether the claimer was reminded since Start.
func (t Timing) reminded() bool { return !t.RemindedAt.IsZero() && !t.RemindedAt.Before(t.Start) }

// RemindAt is when the reminder is due: 75% of the period after Start.
func (t Timing) RemindAt() time.Time {
	return t.Start.Add(time.Duration(float64(t.period()) * remindShare))
}

// Notice is the least time between a reminder and the release: a quarter
// of the period, at most a day. A reminder sent late (the scheduler was
// down) still gives the claimer this long.
func (t Timing) Notice() time.Duration { return min(t.period()/4, maxNotice) }

// ReleaseAt is when the claim runs out: the whole period after Start, and
// never sooner than Notice after the reminder (the zero time before one).
func (t Timing) ReleaseAt() time.Time {
	if !t.reminded() {
		return time.Time{}
	}
	return laterOf(t.Start.Add(t.period()), t.RemindedAt.Add(t.Notice()))
}

// Due applies the rule at now: nothing before 75% of the period; then one
// reminder per stretch of inactivity; then, at the end of the period and
// at least Notice after the reminder, the release.
func (t Timing) Due(now time.Time) Action {
	switch {
	case t.Days <= 0 || now.Before(t.RemindAt()):
		return Keep
	case !t.reminded():
		return Remind
	case !now.Before(t.ReleaseAt()):
		return Release
	}
	return Keep
}

// NextAt is when Due next asks for something, from now on: now itself
// when it does, the zero time when claims never expire.
func (t Timing) NextAt(now time.Time) time.Time {
	switch {
	case t.Days <= 0:
		return time.Time{}
	case t.Due(now) != Keep:
		return now
	case t.reminded():
		return t.ReleaseAt()
	}
	return t.RemindAt()
}

func laterOf(a, b time.Time) time.Time {
	if a.After(b) {
		return a
	}
	return b
}

// NextInLine picks who is offered a released task: the person who joined
// the waiting list first (ties by their place's ID) among those who could
// claim it now, i.e. hold fewer than max open claims (max <= 0: no limit).
// Someone at their limit keeps their place for a later release. It returns
// an index into waiting, which may be in any order.
func NextInLine(waiting []store.Waiter, max int) (int, bool) {
	best := -1
	for i, w := range waiting {
		if max > 0 && w.OpenClaims >= max {
			continue
		}
		if best < 0 || before(w, waiting[best]) {
			best = i
		}
	}
	return best, best >= 0
}

func before(a, b store.Waiter) bool {
	return cmp.Or(a.JoinedAt.Compare(b.JoinedAt), cmp.Compare(a.ID, b.ID)) < 0
}

// NextSteps picks up to limit issues to suggest after a starter task:
// those in one of areas first, then the others, each in the order given;
// the task itself (exclude) is never suggested.
func NextSteps(issues []Issue, areas []string, rules map[string]selection.AreaRule, exclude, limit int) []Issue {
	var same, other []Issue
	for _, is := range issues {
		if is.Number == exclude {
			continue
		}
		if len(areas) > 0 && overlaps(selection.MatchAreas(rules, nil, is.Labels), areas) {
			same = append(same, is)
		} else {
			other = append(other, is)
		}
	}
	out := append(same, other...)
	if len(out) > limit {
		out = out[:limit]
	}
	return out
}

func overlaps(a, b []string) bool {
	for _, x := range a {
		if slices.Contains(b, x) {
			return true
		}
	}
	return false
}

// closingRef matches GitHub's closing keywords followed by an issue
// reference: "#12", "owner/repo#12" or an issue URL on any host.
var closingRef = regexp.MustCompile(`(?i)(?:^|[^\w/])(?:close[sd]?|fix(?:e[sd])?|resolve[sd]?)\s*:?\s+` +
	`(?:([\w.-]+/[\w.-]+)#|https?://[^\s/]+/([\w.-]+/[\w.-]+)/issues/|#)(\d+)\b`)

// fence matches a fenced code block, which GitHub does not read for keywords.
var fence = regexp.MustCompile("(?s)(?:^|\n)(```|~~~).*?(?:\n(?:```|~~~)|$)")

// ClosingRefs returns the numbers of the issues in repo ("owner/name") that
// a pull request body closes, in order of appearance, each once: "Fixes
// #12", "closes owner/name#3", "Resolves: https://host/owner/name/issues/7".
// References to other repositories and those inside code blocks are left out.
func ClosingRefs(body, repo string) []int {
	body = fence.ReplaceAllString(body, "\n")
	var out []int
	for _, m := range closingRef.FindAllStringSubmatch(body, -1) {
		if other := m[1] + m[2]; other != "" && !strings.EqualFold(other, repo) {
			continue
		}
		n, err := strconv.Atoi(m[3])
		if err != nil || n <= 0 || slices.Contains(out, n) {
			continue
		}
		out = append(out, n)
	}
	return out
}
