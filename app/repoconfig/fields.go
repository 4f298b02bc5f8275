package repoconfig

import "strings"

type fieldDoc struct{ name, kind, doc string }

// welcomeFields and guideFields document WelcomeData and GuideData for
// maintainers; a test keeps them in step with the structs.
var welcomeFields = []fieldDoc{
	{"Author", "text", "Login of the first-time contributor, without @."},
	{"Mentor", "text", "Login of the assigned mentor, without @; empty when no mentor is free yet."},
	{"MentorReason", "text", "One short line on why this mentor was chosen; may be empty."},
	{"Kind", "text", "`pull request` or `issue`."},
	{"Repository", "text", "`owner/name`."},
	{"Number", "number", "The pull request or issue number."},
	{"ContributingURL", "text", "Link to the contributing guide; empty when the repository has none."},
	{"OfficeHours", "text", "The next office-hours session (when in UTC with a time-zone converter link, and where; Markdown); empty when office hours are off."},
	{"FAQURL", "text", "Link to the living FAQ discussion (`faq:`); empty when it is off or has no answers yet."},
	{"FirstResponseHours", "number", "`assignment.first_response_hours`: the mentor responds within this many hours."},
	{"Checklist", "list of text", "Extra onboarding items (Markdown), one per bullet; may be empty."},
}

var guideFields = []fieldDoc{
	{"Repository", "text", "`owner/name`."},
	{"Number", "number", "The issue number."},
	{"Label", "text", "The good-first-issue label that was added."},
	{"ContributingURL", "text", "Link to the contributing guide; empty when the repository has none."},
	{"OfficeHours", "text", "The next office-hours session (when in UTC with a time-zone converter link, and where; Markdown); empty when office hours are off."},
	{"FAQURL", "text", "Link to the living FAQ discussion (`faq:`); empty when it is off or has no answers yet."},
	{"MaxClaimsPerContributor", "number", "`good_first_issues.max_claims_per_contributor`."},
	{"ClaimExpiryDays", "number", "`good_first_issues.claim_expiry_days`."},
}

// TemplateFieldsMarkdown documents the template data for the README: a
// table per template family and the extra function.
func TemplateFieldsMarkdown() string {
	var b strings.Builder
	b.WriteString("Templates use Go [text/template](https://pkg.go.dev/text/template) syntax, e.g. `{{.Author}}`. ")
	b.WriteString("An empty template (`\"\"`) posts no comment.\n\n")
	b.WriteString("**Welcome templates** (`first_timers.welcome_pr`, `first_timers.welcome_issue`)\n\n")
	fieldTable(&b, welcomeFields)
	b.WriteString("\n**Guide template** (`good_first_issues.guide`, posted when a good-first-issue label is added)\n\n")
	fieldTable(&b, guideFields)
	b.WriteString("\nBesides Go's built-in functions, `{{plural N \"hour\" \"hours\"}}` writes `1 hour` or `48 hours`.\n")
	b.WriteString("\nTemplates are checked so that they cannot run away: `range` goes over a list of the data only (not a number, ")
	b.WriteString("a function's result or a variable) and not inside another `range`, a variable is not assigned inside a `range`, ")
	b.WriteString("`define`, `block`, `template` and `call` are refused, blocks nest at most 10 deep, a template is at most 20,000 bytes ")
	b.WriteString("and renders to at most 60,000 characters, and its functions build at most 1 MiB of text in 0.5 seconds.\n")
	return b.String()
}

func fieldTable(b *strings.Builder, fields []fieldDoc) {
	b.WriteString("| Field | Type | Meaning |\n|---|---|---|\n")
	for _, f := range fields {
		b.WriteString("| `.")
		b.WriteString(f.name)
		b.WriteString("` | ")
		b.WriteString(f.kind)
		b.WriteString(" | ")
		b.WriteString(f.doc)
		b.WriteString(" |\n")
	}
}
