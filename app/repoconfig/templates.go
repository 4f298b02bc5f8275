package repoconfig

import (
	_ "embed"
	"errors"
	"fmt"
	"strings"
	"text/template"
)

// Kinds of contribution a welcome is for (WelcomeData.Kind).
const (
	KindPullRequest = "pull request"
	KindIssue       = "issue"
)

// MaxRenderedLength bounds a rendered template, leaving room for what the
// caller appends (the "why this mentor" block, a hidden marker) within
// GitHub's 65,536-character comment limit.
const MaxRenderedLength = 60_000

// WelcomeData is the data of the welcome templates, first_timers.welcome_pr
// and first_timers.welcome_issue. Templates use Go text/template syntax,
// e.g. {{.Author}}; TemplateFieldsMarkdown gives this list for the README.
type WelcomeData struct {
	// Author is the first-time contributor's login, without @.
	Author string
	// Mentor is the assigned mentor's login, without @; empty when no mentor
	// is free (the welcome then says one will be assigned).
	Mentor string
	// MentorReason is one short line on why this mentor was chosen, e.g.
	// "knows the docs area"; may be empty. The default templates leave it
	// out because the caller appends a "Why this mentor" block.
	MentorReason string
	// Kind is "pull request" or "issue".
	Kind string
	// Repository is "owner/name".
	Repository string
	// Number is the pull request or issue number.
	Number int
	// ContributingURL links the contributing guide; empty when there is none.
	ContributingURL string
	// OfficeHours is the next office-hours session as Markdown (when, where);
	// empty when office hours are off.
	OfficeHours string
	// FAQURL links the living FAQ discussion; empty when `faq` is off or
	// the discussion does not exist yet.
	FAQURL string
	// FirstResponseHours is assignment.first_response_hours: the mentor
	// responds within this many hours.
	FirstResponseHours int
	// Checklist holds extra onboarding items (Markdown), one per bullet,
	// after the default ones; may be empty.
	Checklist []string
}

// GuideData is the data of the good-first-issue guide template,
// good_first_issues.guide, posted when a good-first-issue label is added.
type GuideData struct {
	// Repository is "owner/name".
	Repository string
	// Number is the issue number.
	Number int
	// Label is the good-first-issue label that was added.
	Label string
	// ContributingURL links the contributing guide; empty when there is none.
	ContributingURL string
	// OfficeHours is the next office-hours session as Markdown; empty when
	// office hours are off.
	OfficeHours string
	// FAQURL links the living FAQ discussion; empty when `faq` is off or
	// the discussion does not exist yet.
	FAQURL string
	// MaxClaimsPerContributor is good_first_issues.max_claims_per_contributor.
	MaxClaimsPerContributor int
	// ClaimExpiryDays is good_first_issues.claim_expiry_days.
	ClaimExpiryDays int
}

var (
	//go:embed templates/welcome_pr.tmpl
	defaultWelcomePR string
	//go:embed templates/welcome_issue.tmpl
	defaultWelcomeIssue string
	//go:embed templates/guide.tmpl
	defaultGuide string
)

// plural is "1 hour" or "48 hours": plural n "hour" "hours".
func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}

// RenderWelcomePR renders first_timers.welcome_pr. Kind defaults to
// KindPullRequest and FirstResponseHours to the configured value. An empty
// template renders "" (post no comment).
func (c *Config) RenderWelcomePR(d WelcomeData) (string, error) {
	if d.Kind == "" {
		d.Kind = KindPullRequest
	}
	return c.renderWelcome("welcome_pr", c.FirstTimers.WelcomePR, d)
}

// RenderWelcomeIssue renders first_timers.welcome_issue, like RenderWelcomePR.
func (c *Config) RenderWelcomeIssue(d WelcomeData) (string, error) {
	if d.Kind == "" {
		d.Kind = KindIssue
	}
	return c.renderWelcome("welcome_issue", c.FirstTimers.WelcomeIssue, d)
}

func (c *Config) renderWelcome(name, text string, d WelcomeData) (string, error) {
	if d.FirstResponseHours == 0 {
		d.FirstResponseHours = c.Assignment.FirstResponseHours
	}
	return render(name, text, d)
}

// RenderGuide renders good_first_issues.guide; zero claim limits default to
// the configured ones. An empty template renders "".
func (c *Config) RenderGuide(d GuideData) (string, error) {
	if d.MaxClaimsPerContributor == 0 {
		d.MaxClaimsPerContributor = c.GoodFirstIssues.MaxClaimsPerContributor
	}
	if d.ClaimExpiryDays == 0 {
		d.ClaimExpiryDays = c.GoodFirstIssues.ClaimExpiryDays
	}
	return render("guide", c.GoodFirstIssues.Guide, d)
}

func render(name, text string, data any) (string, error) {
	if strings.TrimSpace(text) == "" {
		return "", nil
	}
	t, err := parseTemplate(name, text)
	if err != nil {
		return "", fmt.Errorf("parse %s template: %w", name, err)
	}
	out, err := execute(t, data)
	if err != nil {
		return "", fmt.Errorf("render %s template: %w", name, err)
	}
	return strings.TrimSpace(out), nil
}

var (
	errNestedTemplate   = errors.New("define, block and template actions are not supported")
	errTemplateTooLarge = fmt.Errorf("is longer than %d bytes", MaxTemplateLength)
)

// parseTemplate parses a comment template and checks its tree
// (checkTree): nested templates, runaway loops and unknown functions are
// refused.
func parseTemplate(name, text string) (*template.Template, error) {
	if len(text) > MaxTemplateLength {
		return nil, errTemplateTooLarge
	}
	t, err := template.New(name).Funcs(newBudget().funcs()).Parse(text)
	if err != nil {
		return nil, err
	}
	if len(t.Templates()) > 1 {
		return nil, errNestedTemplate
	}
	if t.Tree != nil {
		if err := checkTree(t.Tree); err != nil {
			return nil, err
		}
	}
	return t, nil
}
