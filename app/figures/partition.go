package figures

import "strings"

// Partition splits d by owner and by repository, in one pass, so that
// the figures of many scopes (the report's rows, the dashboard's table)
// cost one reading of the data rather than one per scope. Keys are the
// lower-case scope names, "owner" and "owner/name". Each part keeps what
// its figures need: a repository's part carries its owner's mentors and
// path steps (a next step counts anywhere in the owner's repositories),
// and an office-hours post is in the parts of the repository holding it
// and of the one that set it up.
func Partition(d Data) map[string]Data {
	parts := map[string]*Data{}
	part := func(key string) *Data {
		p, ok := parts[key]
		if !ok {
			p = &Data{Now: d.Now, ClaimOwners: d.ClaimOwners, HoursOwners: d.HoursOwners}
			parts[key] = p
		}
		return p
	}
	type pair struct{ owner, repo *Data }
	byName := map[string]pair{} // as recorded: most records share a few names
	both := func(repo string, add func(*Data)) {
		pp, ok := byName[repo]
		if !ok {
			r := strings.ToLower(repo)
			pp = pair{part(OwnerOf(r)), part(r)}
			byName[repo] = pp
		}
		add(pp.owner)
		add(pp.repo)
	}
	for _, x := range d.Items {
		both(x.Repo, func(p *Data) { p.Items = append(p.Items, x) })
	}
	for _, x := range d.Newcomers {
		both(x.Repo, func(p *Data) { p.Newcomers = append(p.Newcomers, x) })
	}
	for _, x := range d.Assignments {
		both(x.Repo, func(p *Data) { p.Assignments = append(p.Assignments, x) })
	}
	for _, x := range d.Open {
		both(x.Repo, func(p *Data) { p.Open = append(p.Open, x) })
	}
	for _, x := range d.Claims {
		both(x.Repo, func(p *Data) { p.Claims = append(p.Claims, x) })
	}
	for _, x := range d.Steps {
		o := part(strings.ToLower(OwnerOf(x.Repo)))
		o.Steps = append(o.Steps, x)
	}
	for _, x := range d.Mentors {
		o := part(strings.ToLower(x.Owner))
		o.Mentors = append(o.Mentors, x)
	}
	for _, x := range d.Posts {
		o := part(strings.ToLower(OwnerOf(x.Target)))
		o.Posts = append(o.Posts, x)
		t := part(strings.ToLower(TargetRepo(x.Target)))
		t.Posts = append(t.Posts, x)
		if x.Repo != "" && !strings.EqualFold(x.Repo, TargetRepo(x.Target)) {
			r := part(strings.ToLower(x.Repo))
			r.Posts = append(r.Posts, x)
		}
	}
	out := make(map[string]Data, len(parts))
	for key, p := range parts {
		if strings.Contains(key, "/") {
			owner := part(OwnerOf(key))
			p.Steps, p.Mentors = owner.Steps, owner.Mentors
		}
		out[key] = *p
	}
	return out
}

// PartOf is the part of the partition holding scope s (d itself for all).
func PartOf(parts map[string]Data, d Data, s Scope) Data {
	if s.Kind() == ScopeAll {
		return d
	}
	if p, ok := parts[strings.ToLower(s.String())]; ok {
		return p
	}
	return Data{Now: d.Now, ClaimOwners: d.ClaimOwners, HoursOwners: d.HoursOwners}
}

// Trim keeps only the records that the figures of period p read, so that
// partitioning and computing many scopes for one period handle less.
// Compute(d.Trim(p), s, p) equals Compute(d, s, p) for every scope.
func (d Data) Trim(p Period) Data {
	out := Data{Now: d.Now, Open: d.Open, Mentors: d.Mentors, ClaimOwners: d.ClaimOwners, HoursOwners: d.HoursOwners}
	prev, cohort := p.Previous(), p.RetentionCohort()
	out.Items = keep(d.Items, func(x Item) bool { return p.Contains(x.OpenedAt) })
	out.Newcomers = keep(d.Newcomers, func(x Newcomer) bool { return cohort.Contains(x.FirstAt) })
	out.Assignments = keep(d.Assignments, func(x Assignment) bool { return p.Contains(x.At) || prev.Contains(x.At) })
	out.Claims = keep(d.Claims, func(x Claim) bool {
		return x.State == ClaimActive || p.Contains(x.ClaimedAt) || p.Contains(x.EndedAt)
	})
	out.Steps = keep(d.Steps, func(x Step) bool { return p.Contains(x.At) || x.Step == StepNextStep && !x.At.Before(p.Since) })
	out.Posts = keep(d.Posts, func(x Post) bool { return p.Contains(x.PostedAt) || x.Kind == PostAnnouncement && x.Start.After(d.Now) })
	return out
}

func keep[T any](xs []T, ok func(T) bool) []T {
	var out []T
	for _, x := range xs {
		if ok(x) {
			out = append(out, x)
		}
	}
	return out
}
