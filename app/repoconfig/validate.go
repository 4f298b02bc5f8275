package repoconfig

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/bmatcuk/doublestar/v4"
)

// validator checks the rules of a decoded Config (defaults applied) and
// records problems in the decoder, which knows where each key was.
type validator struct {
	d     *decoder
	c     *Config
	lines []string // the file, for placing template errors
}

func (v *validator) run() {
	v.version()
	v.mentors()
	v.mentorTeams()
	v.areas()
	v.firstTimers()
	v.assignment()
	v.goodFirstIssues()
	v.officeHours()
	v.faq()
}

// faq checks the `faq` section.
func (v *validator) faq() {
	f := &v.c.FAQ
	if v.d.failedUnder("faq") {
		return
	}
	if v.d.given("faq") && !v.d.given("faq.repository") {
		v.add("faq", "the FAQ has no repository", "add "+code("repository: community")+" with the name of a repository of the same owner with Discussions on")
		return
	}
	v.repository("faq.repository", f.Repository, "the living FAQ")
	if f.Repository != "" && strings.TrimSpace(f.Category) == "" {
		v.add("faq.category", "the FAQ category is empty", "name a Discussions category, or remove the key for "+code(DefaultFAQCategory))
	}
	if f.Repository != "" && strings.TrimSpace(f.Title) == "" {
		v.add("faq.title", "the FAQ title is empty", "remove the key for "+code(DefaultFAQTitle))
	}
}

// add reports a problem at path unless path already failed to decode.
func (v *validator) add(path, msg, hint string) {
	if v.d.failedUnder(path) {
		return
	}
	v.d.add(v.d.node(path), path, msg, hint)
}

func (v *validator) version() {
	if v.c.Version != Version {
		v.add("version", "unsupported version "+strconv.Itoa(v.c.Version), "this bot reads version 1: write "+code("version: 1"))
	}
}

func (v *validator) mentors() {
	first := map[string]int{} // lower-case login → index
	for i := range v.c.Mentors {
		m := &v.c.Mentors[i]
		p := "mentors[" + strconv.Itoa(i) + "]"
		if v.d.failedUnder(p) {
			continue
		}
		if v.login(p, m.Login) {
			if j, dup := first[strings.ToLower(m.Login)]; dup {
				v.add(p+".login", fmt.Sprintf("%s is listed twice (also mentors[%d])", code(m.Login), j),
					"remove one of the entries; logins are not case-sensitive")
			} else {
				first[strings.ToLower(m.Login)] = i
			}
		}
		v.timezone(p+".timezone", m)
		v.mentorAreas(p+".areas", m.Areas)
		v.capacity(p+".capacity", m.Capacity)
		v.hours(p+".hours", m.Hours)
	}
}

// login checks a mentor's login and reports whether it is valid.
func (v *validator) login(p, login string) bool {
	switch {
	case !v.d.given(p + ".login"):
		v.add(p, "this mentor has no "+code("login"), "add "+code("login: THEIR_GITHUB_LOGIN"))
	case login == "":
		v.add(p+".login", "the login is empty", "write the mentor's GitHub login, e.g. "+code("login: octocat"))
	case strings.HasPrefix(login, "@") && validLogin(login[1:]):
		v.add(p+".login", code(login)+" starts with @", "write the login without it: "+code("login: "+login[1:]))
	case strings.Contains(login, "/"):
		v.add(p+".login", code(login)+" looks like a team", "mentors are people: list each member with their own login")
	case !validLogin(login):
		v.add(p+".login", code(login)+" is not a valid GitHub login",
			"a login has letters, digits and hyphens, starts with a letter or digit and has at most 39 characters")
	default:
		return true
	}
	return false
}

// validLogin accepts GitHub logins: letters, digits and hyphens, not
// starting with a hyphen, at most 39 characters; Enterprise Managed Users
// add "_shortcode".
func validLogin(s string) bool {
	base, code, emu := strings.Cut(s, "_")
	if emu && (code == "" || len(code) > 20 || !alnum(code, false)) {
		return false
	}
	return base != "" && len(base) <= 39 && base[0] != '-' && alnum(base, true)
}

func alnum(s string, hyphen bool) bool {
	for _, r := range s {
		ok := r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || hyphen && r == '-'
		if !ok {
			return false
		}
	}
	return true
}

func (v *validator) mentorAreas(p string, names []string) {
	defined := sortedKeys(v.c.Areas)
	seen := map[string]bool{}
	for j, name := range names {
		ip := p + "[" + strconv.Itoa(j) + "]"
		_, ok := v.c.Areas[name]
		switch {
		case seen[name]:
			v.add(ip, "area "+code(name)+" is listed twice", "remove one of them")
		case !ok:
			v.add(ip, "area "+code(name)+" is not defined under "+code("areas"), undefinedAreaHint(name, defined))
		}
		seen[name] = true
	}
}

func undefinedAreaHint(name string, defined []string) string {
	if c := closest(name, defined); c != "" {
		return "did you mean " + code(c) + "?"
	}
	if len(defined) == 0 {
		return "define it under " + code("areas:") + " with its labels and paths, or remove it from this mentor"
	}
	return "define it under " + code("areas:") + " or use one of: " + strings.Join(defined, ", ")
}

func (v *validator) capacity(p string, n int) {
	switch {
	case n == 0:
		v.add(p, "capacity is 0", "use at least 1 (default 3); to pause a mentor set "+code("away_until")+" or comment "+code("/mentor away"))
	case n < 0:
		v.add(p, "capacity "+strconv.Itoa(n)+" is negative", "use the number of mentees this mentor can take at once, at least 1 (default 3)")
	}
}

func (v *validator) areas() {
	for _, name := range sortedKeys(v.c.Areas) {
		a := v.c.Areas[name]
		p := join("areas", name)
		if strings.TrimSpace(name) == "" {
			v.add(p, "an area has an empty name", "name the area, e.g. "+code("docs:"))
		}
		if len(a.Labels) == 0 && len(a.Paths) == 0 && !v.d.failedUnder(p) {
			v.add(p, "area "+code(name)+" has no labels and no paths, so nothing is ever in it",
				"add "+code(`labels: ["area/docs"]`)+" or "+code(`paths: ["docs/**"]`))
		}
		v.labels(p+".labels", a.Labels)
		for j, g := range a.Paths {
			v.glob(p+".paths["+strconv.Itoa(j)+"]", g)
		}
	}
}

func (v *validator) glob(p, g string) {
	switch {
	case g == "":
		v.add(p, "the path pattern is empty", "write a pattern such as "+code("docs/**"))
	case strings.HasPrefix(g, "/") || strings.HasPrefix(g, "./"):
		fixed := strings.TrimLeft(strings.TrimPrefix(g, "./"), "/")
		v.add(p, code(g)+" never matches: paths are relative to the repository root", "write "+code(fixed))
	case !doublestar.ValidatePattern(g):
		v.add(p, code(g)+" is not a valid pattern",
			"close every [ and {; "+code("*")+" matches within a folder, "+code("**")+" across folders, "+code("{a,b}")+" either")
	}
}

// labels checks a list of label names: none empty, none twice.
func (v *validator) labels(p string, labels []string) {
	seen := map[string]bool{}
	for j, l := range labels {
		ip := p + "[" + strconv.Itoa(j) + "]"
		switch {
		case strings.TrimSpace(l) == "":
			v.add(ip, "the label is empty", "write the label's name, or remove the item")
		case seen[strings.ToLower(l)]:
			v.add(ip, "label "+code(l)+" is listed twice", "remove one of them; label names are not case-sensitive")
		default:
			v.labelName(ip, l)
		}
		seen[strings.ToLower(l)] = true
	}
}

// MaxLabelChars is GitHub's limit on a label's name, in characters: it
// refuses a longer one with 422.
const MaxLabelChars = 50

// labelName checks a label's name: no spaces around it, and short enough
// for GitHub.
func (v *validator) labelName(p, l string) {
	if l != strings.TrimSpace(l) {
		v.add(p, "label "+code(l)+" starts or ends with spaces", "write "+code(strings.TrimSpace(l)))
	}
	if n := utf8.RuneCountInString(l); n > MaxLabelChars {
		v.add(p, fmt.Sprintf("label %s is %d characters long; GitHub refuses labels longer than %d", code(l), n, MaxLabelChars),
			"shorten it to at most "+strconv.Itoa(MaxLabelChars)+" characters")
	}
}

func (v *validator) firstTimers() {
	ft := v.c.FirstTimers
	v.labelName("first_timers.label", ft.Label)
	hours := v.c.Assignment.FirstResponseHours
	v.template("first_timers.welcome_pr", ft.WelcomePR, welcomeSamples(KindPullRequest, hours))
	v.template("first_timers.welcome_issue", ft.WelcomeIssue, welcomeSamples(KindIssue, hours))
}

func (v *validator) assignment() {
	a := v.c.Assignment
	v.atLeast("assignment.first_response_hours", a.FirstResponseHours, 1, "hours")
	v.between("assignment.idle_days", a.IdleDays, 0, 365, "days")
	v.labelName("assignment.mentor_wanted_label", a.MentorWantedLabel)
}

func (v *validator) goodFirstIssues() {
	g := v.c.GoodFirstIssues
	v.labels("good_first_issues.labels", g.Labels)
	v.labels("good_first_issues.next_step_labels", g.NextStepLabels)
	for j, l := range g.NextStepLabels {
		if slices.ContainsFunc(g.Labels, func(s string) bool { return strings.EqualFold(s, l) }) {
			v.add("good_first_issues.next_step_labels["+strconv.Itoa(j)+"]",
				"label "+code(l)+" is both a good-first-issue label and a next-step label",
				"a next step is a harder issue than a first one: remove it from one of the two lists")
		}
	}
	v.atLeast("good_first_issues.max_claims_per_contributor", g.MaxClaimsPerContributor, 1, "claims")
	v.atLeast("good_first_issues.claim_expiry_days", g.ClaimExpiryDays, 1, "days")
	v.template("good_first_issues.guide", g.Guide, guideSamples(g))
}

func (v *validator) atLeast(p string, n, least int, unit string) {
	if n < least {
		v.add(p, fmt.Sprintf("%d %s is too few", n, unit), fmt.Sprintf("use at least %d, e.g. %s", least, exampleOf(p)))
	}
}

func (v *validator) between(p string, n, lo, hi int, unit string) {
	if n < lo || n > hi {
		v.add(p, fmt.Sprintf("%d %s is out of range", n, unit), fmt.Sprintf("use %d to %d, e.g. %s", lo, hi, exampleOf(p)))
	}
}

func exampleOf(p string) string {
	ex, _ := example(p)
	return code(lastKey(p) + ": " + ex)
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}
