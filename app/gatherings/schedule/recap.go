package schedule

import (
	"fmt"
	"strings"
)

// Attendance counts the announcement's RSVPs and its commenters.
type Attendance struct {
	Attending  int // 👍 reactions
	Maybe      int // 😕 reactions
	Commenters int // distinct people who commented
}

// PRRef is a newcomer's first pull request, merged in the period.
type PRRef struct {
	Author, Title, URL string
}

// Kudo is a "/kudos @user reason" acknowledgement.
type Kudo struct {
	From, To, Reason string
	// ToTookPart: the recipient took part in the program (a mentor, a
	// mentee, a claimant, someone who commented on the gathering). Only
	// then is the recipient mentioned; anyone else is named in code, so
	// that /kudos cannot make the recap ping strangers.
	ToTookPart bool
}

// MaxKudosPerGiver bounds the kudos of one person that a recap counts.
const MaxKudosPerGiver = 3

// CapKudos keeps, in order, the first MaxKudosPerGiver kudos of each giver
// (logins compared without regard to case).
func CapKudos(ks []Kudo) []Kudo {
	given := map[string]int{}
	var out []Kudo
	for _, k := range ks {
		from := strings.ToLower(k.From)
		if given[from] == MaxKudosPerGiver {
			continue
		}
		given[from]++
		out = append(out, k)
	}
	return out
}

// ActionItem is a follow-up agreed in a session.
type ActionItem struct {
	Text   string
	Author string // who wrote it; shown, not mentioned
	Done   bool
}

// FAQEntry links an archived answer.
type FAQEntry struct {
	Question string // the question, or an excerpt of the answer
	URL      string
}

// Figure is one program metric for the period, already formatted.
type Figure struct {
	Name, Value string
}

// Recap is what RecapBody renders. The caller passes user-written strings
// already neutralised.
type Recap struct {
	Session         Session
	AnnouncementURL string // "" leaves the link out
	Attendance      Attendance
	Newcomers       []string // mentioned
	MergedFirstPRs  []PRRef  // authors are mentioned and thanked
	Kudos           []Kudo   // recipients who took part are mentioned, others and givers named
	ActionItems     []ActionItem
	FAQ             []FAQEntry
	Figures         []Figure
	Marker          string // hidden HTML comment, put verbatim at the very end
	// Mention writes a login so that GitHub notifies the person; nil means
	// "@login". Only newcomers, first-PR authors and kudos recipients who
	// took part go through it.
	Mention func(login string) string
}

// Pulse is the recap's one-question survey; the 👍/👎 reactions on the recap
// feed the satisfaction metric.
const Pulse = "Was this session useful? React 👍 useful / 👎 not, and tell us why in a comment."

// RecapTitle is e.g. "acme/widgets office hours recap — Thu 3 Dec 2026", or
// "Office hours recap — …" when repoName is empty.
func RecapTitle(s Session, repoName string) string {
	return titlePrefix(repoName, "office hours recap") + " — " + s.Start.UTC().Format("Mon 2 Jan 2006")
}

// RecapBody renders the recap discussion in Markdown: attendance, newcomers,
// first pull requests merged, kudos, action items as a task list, FAQ links,
// program figures and the pulse question. Sections with nothing to show are
// left out, except attendance and action items, which say "none this time".
// The marker ends the text.
func RecapBody(r Recap) string {
	mention := mentionFunc(r.Mention)
	var d doc
	intro := "Recap of the office hours on " + utcRange(r.Session)
	if r.AnnouncementURL != "" {
		intro += " (" + link("announcement", r.AnnouncementURL) + ")"
	}
	d.para(intro + ".")
	d.section("Attendance", attendanceLine(r.Attendance))
	if names := mentionAll(r.Newcomers, mention); len(names) > 0 {
		d.section("Newcomers", fmt.Sprintf("We welcomed %s. Glad to have you here!", joinAnd(names)))
	}
	if len(r.MergedFirstPRs) > 0 {
		lines := make([]string, len(r.MergedFirstPRs))
		for i, pr := range r.MergedFirstPRs {
			lines[i] = fmt.Sprintf("- %s by %s: thank you!", link(pr.Title, pr.URL), mention(pr.Author))
		}
		d.section("First pull requests merged", lines...)
	}
	if len(r.Kudos) > 0 {
		lines := make([]string, len(r.Kudos))
		for i, k := range r.Kudos {
			to := "`" + oneLine(k.To) + "`"
			if k.ToTookPart {
				to = mention(k.To)
			}
			lines[i] = fmt.Sprintf("- %s: %s (from %s)", to, oneLine(k.Reason), oneLine(k.From))
		}
		d.section("Kudos", lines...)
	}
	d.section("Action items", actionLines(r.ActionItems)...)
	if len(r.FAQ) > 0 {
		lines := make([]string, len(r.FAQ))
		for i, f := range r.FAQ {
			lines[i] = "- " + link(f.Question, f.URL)
		}
		d.section("FAQ", lines...)
	}
	if len(r.Figures) > 0 {
		lines := []string{"| Figure | Value |", "|---|---|"}
		for _, f := range r.Figures {
			lines = append(lines, fmt.Sprintf("| %s | %s |", cell(f.Name), cell(f.Value)))
		}
		d.section("Program figures", lines...)
	}
	d.section("Pulse", Pulse)
	return d.finish(r.Marker)
}

func attendanceLine(a Attendance) string {
	var parts []string
	if a.Attending > 0 {
		parts = append(parts, fmt.Sprintf("👍 %d attending", a.Attending))
	}
	if a.Maybe > 0 {
		parts = append(parts, fmt.Sprintf("😕 %d maybe", a.Maybe))
	}
	if a.Commenters > 0 {
		parts = append(parts, fmt.Sprintf("%d %s in the announcement", a.Commenters, plural(a.Commenters, "person commented", "people commented")))
	}
	if len(parts) == 0 {
		return "No RSVPs or comments this time."
	}
	return strings.Join(parts, " · ") + "."
}

func actionLines(items []ActionItem) []string {
	if len(items) == 0 {
		return []string{"None this time."}
	}
	lines := make([]string, len(items))
	for i, it := range items {
		box := "[ ]"
		if it.Done {
			box = "[x]"
		}
		line := "- " + box + " " + oneLine(it.Text)
		if a := oneLine(it.Author); a != "" {
			line += " (" + a + ")"
		}
		lines[i] = line
	}
	return lines
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}
