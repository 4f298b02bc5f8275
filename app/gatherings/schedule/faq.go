package schedule

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
	"time"
	"unicode/utf8"
)

// MaxFAQBody bounds the FAQ discussion's body in characters, below
// GitHub's 65,536, with room for the marker.
const MaxFAQBody = 60_000

// GeneralArea is the heading of the entries that belong to no area.
const GeneralArea = "General"

// FAQItem is one saved answer. The caller passes Question and Answer
// already neutralised (one line each).
type FAQItem struct {
	Area     string // "" for GeneralArea
	Question string // what it answers; may be ""
	Answer   string // an excerpt of the answer
	Author   string // named, never mentioned
	URL      string // the answer itself
	SavedAt  time.Time
}

// FAQBody renders the living FAQ: the items grouped by area (areas in
// alphabetical order, GeneralArea last), oldest first within an area, each
// linking its answer. When the whole list would not fit in MaxFAQBody, the
// oldest items are left out and a note says how many, per area. The marker
// ends the text.
func FAQBody(items []FAQItem, marker string) string {
	intro := "Answers mentors saved with `/faq`, grouped by area, each linking the full answer. " +
		"mentorbot keeps this discussion current: it is edited, not reposted, as answers are saved. " +
		"A mentor adds an answer by writing `/faq` in the comment that holds it."
	if len(items) == 0 {
		intro += "\n\nNo answers yet."
	}
	items = slices.Clone(items)
	slices.SortStableFunc(items, func(a, b FAQItem) int { return a.SavedAt.Compare(b.SavedAt) })
	lines := make([]string, len(items))
	// Room for the intro, the marker, the note and every area's heading.
	budget := MaxFAQBody - utf8.RuneCountInString(intro) - utf8.RuneCountInString(marker) - 600
	headed := map[string]bool{}
	total := 0
	for i, it := range items {
		lines[i] = faqLine(it)
		total += utf8.RuneCountInString(lines[i]) + 1
		if a := areaOf(it); !headed[a] {
			headed[a] = true
			budget -= 2 * (utf8.RuneCountInString(a) + 8) // its heading, and its count in the note
		}
	}
	// Leave the oldest out until the rest fits.
	cut := 0
	for cut < len(items) && total > budget {
		total -= utf8.RuneCountInString(lines[cut]) + 1
		cut++
	}
	byArea := map[string][]string{}
	left := map[string]int{}
	for i, it := range items {
		if i < cut {
			left[areaOf(it)]++
			continue
		}
		byArea[areaOf(it)] = append(byArea[areaOf(it)], lines[i])
	}
	var d doc
	d.para(intro)
	for _, area := range sortedAreas(byArea) {
		d.section(oneLine(area), byArea[area]...)
	}
	if cut > 0 {
		var parts []string
		for _, area := range sortedAreas(left) {
			parts = append(parts, fmt.Sprintf("%d in %s", left[area], oneLine(area)))
		}
		d.para(fmt.Sprintf("> [!NOTE]\n> The %d oldest answers are left out to keep this page within GitHub's size limit (%s); "+
			"each is still linked from the recap that listed it.", cut, strings.Join(parts, ", ")))
	}
	return d.finish(marker)
}

func faqLine(it FAQItem) string {
	line := "- "
	if q := oneLine(it.Question); q != "" {
		line += "**" + q + "** — "
	}
	line += oneLine(it.Answer) + " (" + link("answer", it.URL)
	if a := oneLine(it.Author); a != "" {
		line += " by " + a
	}
	return line + ")"
}

func areaOf(it FAQItem) string {
	if a := oneLine(it.Area); a != "" {
		return a
	}
	return GeneralArea
}

// sortedAreas lists the keys in alphabetical order, GeneralArea last.
func sortedAreas[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	slices.SortFunc(out, func(a, b string) int {
		if (a == GeneralArea) != (b == GeneralArea) {
			if a == GeneralArea {
				return 1
			}
			return -1
		}
		return cmp.Compare(strings.ToLower(a), strings.ToLower(b))
	})
	return out
}
