package figures

import (
	"strings"
	"time"
)

// Kinds of office-hours post, as the store names them.
const (
	PostAnnouncement = "announcement"
	PostRecap        = "recap"
)

// Post is a published office-hours announcement or recap.
type Post struct {
	// Target is the repository holding the discussions; Repo the one
	// whose mentorship.yml set the office hours up ("" when unknown).
	Target   string
	Repo     string
	Kind     string
	Start    time.Time // the session's start
	PostedAt time.Time
	URL      string
	// RSVPs (👍 and 😕 on the announcement) as counted by the recap, and
	// the 👍/👎 pulse on the recap; recaps only.
	RSVPs     int
	PulseUp   int
	PulseDown int
}

// inScope tells whether a post belongs to scope s: by the repository that
// set it up or the one holding it.
func (p Post) inScope(s Scope) bool {
	return s.Includes(TargetRepo(p.Target)) || (p.Repo != "" && s.Includes(p.Repo))
}

// TargetRepo is the repository of a post's target: a series other than
// office hours is stored as "owner/name#series".
func TargetRepo(target string) string {
	repo, _, _ := strings.Cut(target, "#")
	return repo
}

// Hours counts office-hours activity published in the period.
type Hours struct {
	// Recorded is false while the store keeps no office-hours posts for
	// the scope: the figures are then unknown, not zero.
	Recorded  bool
	Announced int
	RSVPs     int
	Recaps    int
	// Satisfaction is 👍 out of 👍 and 👎 on the recaps' pulse.
	Satisfaction Share
	// Next is the next announced session to come, if any.
	Next *Post
}

// HoursOf counts the office-hours posts of scope s published in p, and
// finds the next announced session after now.
func HoursOf(d Data, s Scope, p Period) Hours {
	h := Hours{Recorded: recorded(d.HoursOwners, s)}
	for i, post := range d.Posts {
		if !post.inScope(s) {
			continue
		}
		if post.Kind == PostAnnouncement && post.Start.After(d.Now) && (h.Next == nil || post.Start.Before(h.Next.Start)) {
			h.Next = &d.Posts[i]
		}
		if !p.Contains(post.PostedAt) {
			continue
		}
		switch post.Kind {
		case PostAnnouncement:
			h.Announced++
		case PostRecap:
			h.Recaps++
			h.RSVPs += post.RSVPs
			h.Satisfaction.Part += post.PulseUp
			h.Satisfaction.Whole += post.PulseUp + post.PulseDown
		}
	}
	return h
}

// recorded tells whether any of the owners with records is in scope s.
func recorded(owners []string, s Scope) bool {
	for _, o := range owners {
		if s.Kind() == ScopeAll || strings.EqualFold(o, OwnerOf(s.String())) {
			return true
		}
	}
	return false
}
