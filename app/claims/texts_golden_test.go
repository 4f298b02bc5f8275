package claims

import (
	"flag"
	"regexp"
	"testing"
	"time"

	"github.com/mentorbot/mentorbot/app/internal/golden"
	"github.com/mentorbot/mentorbot/app/store"
)

var update = flag.Bool("update", false, "rewrite testdata/golden/*.md")

// TestTextsGolden pins each claim text in testdata/golden/NAME.md (run
// with -update to rewrite them, then read them as the claimer, the next in
// line and a maintainer would): short, a deadline always with its hour,
// zone and a converter link, nobody blamed.
func TestTextsGolden(t *testing.T) {
	now := time.Date(2026, 12, 2, 14, 30, 0, 0, time.UTC)
	claim := store.Claim{ID: 3, Repo: "acme/widgets", Number: 12, Login: "newbie-fox", ClaimedAt: now.Add(-11 * 24 * time.Hour)}
	offer := store.Waiter{ID: 4, Login: "next-nia", OfferedAt: now}
	free := []store.StarterTask{{Number: 15, Title: "Fix the help text"}}
	texts := map[string]string{
		"claimed":          claimedText("newbie-fox", 12, 14, "mentor-ana", false, ""),
		"claimed-waiting":  claimedText("newbie-fox", 12, 14, "", true, ""),
		"already-yours":    alreadyYoursText("newbie-fox", claim.ClaimedAt),
		"held":             heldText("late-lou", claim, 1, free),
		"reserved":         reservedText("late-lou", offer, 2, nil),
		"limit":            limitText("eager-eve", 2, []store.Claim{claim, {Repo: "acme/docs", Number: 3, ClaimedAt: claim.ClaimedAt}}, "acme/widgets"),
		"released":         releasedText("newbie-fox"),
		"released-for":     releasedForText("newbie-fox", "maintainer-mo"),
		"left-line":        leftLineText("late-lou"),
		"not-holder":       notHolderText("late-lou", claim),
		"nothing":          nothingText("late-lou"),
		"offer":            offerText("next-nia", now.Add(OfferHold)),
		"lapsed-next":      lapsedText("next-nia", true),
		"lapsed-open":      lapsedText("next-nia", false),
		"reminder":         reminderText(claim, Timing{Start: claim.ClaimedAt, RemindedAt: now, Days: 14}, "mentor-ana"),
		"expired":          expiredText(claim, 14),
		"hint":             hintText("polite-pat", &claim),
		"completed":        completedText("newbie-fox", 31, "mentor-ana", []Issue{{Number: 40, Title: "Speed up the parser", URL: "https://github.com/acme/widgets/issues/40"}}),
		"refused-not-open": notOpenText("late-lou"),
	}
	golden.Check(t, texts, *update, golden.Limits{Default: 650})
	deadline := regexp.MustCompile(`(by|until|at) \d{1,2} [A-Z][a-z]+ \d{4}`)
	for name, got := range texts {
		if deadline.MatchString(got) {
			t.Errorf("%s: a deadline without its hour and zone:\n%s", name, got)
		}
	}
}
