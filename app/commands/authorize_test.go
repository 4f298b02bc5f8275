package commands

import (
	"strings"
	"testing"
)

func TestAuthorize(t *testing.T) {
	anyone := Actor{Login: "newcomer", Association: "NONE"}
	with := func(f func(*Actor)) Actor {
		a := anyone
		f(&a)
		return a
	}
	tests := []struct {
		name   string
		cmd    Name
		actor  Actor
		want   bool
		reason string
	}{
		{"mentor by author", Mentor, with(func(a *Actor) { a.IsAuthor = true }), true, ""},
		{"mentor by admin", Mentor, with(func(a *Actor) { a.Association, a.Permission = "OWNER", "admin" }), true, ""},
		{"mentor by maintain", Mentor, with(func(a *Actor) { a.Association, a.Permission = "MEMBER", "maintain" }), true, ""},
		{"mentor by writer", Mentor, with(func(a *Actor) { a.Association, a.Permission = "COLLABORATOR", "write" }), true, ""},
		{"mentor by triager", Mentor, with(func(a *Actor) { a.Association, a.Permission = "COLLABORATOR", "triage" }), true, ""},
		{"mentor, role in upper case", Mentor, with(func(a *Actor) { a.Permission = "TRIAGE" }), true, ""},
		{"mentor by read-only collaborator", Mentor, with(func(a *Actor) { a.Association, a.Permission = "COLLABORATOR", "read" }), false, refuseMentor},
		{"mentor by read-only member", Mentor, with(func(a *Actor) { a.Association, a.Permission = "MEMBER", "read" }), false, refuseMentor},
		{"mentor by owner not looked up", Mentor, with(func(a *Actor) { a.Association = "OWNER" }), false, refuseMentor},
		{"mentor by custom role", Mentor, with(func(a *Actor) { a.Association, a.Permission = "MEMBER", "security-reviewer" }), false, refuseMentor},
		{"mentor by none", Mentor, with(func(a *Actor) { a.Association, a.Permission = "MEMBER", "none" }), false, refuseMentor},
		{"mentor by contributor", Mentor, with(func(a *Actor) { a.Association = "CONTRIBUTOR" }), false, refuseMentor},
		{"mentor by first-timer", Mentor, with(func(a *Actor) { a.Association = "FIRST_TIME_CONTRIBUTOR" }), false, refuseMentor},
		{"mentor by a listed mentor who is no maintainer", Mentor, with(func(a *Actor) { a.IsListedMentor = true }), false, refuseMentor},
		{"mentor by anyone", Mentor, anyone, false, refuseMentor},
		{"mentor on an issue by its first-time author", Mentor, with(func(a *Actor) { a.IsAuthor, a.OnIssue, a.AuthorIsFirstTimer = true, true, true }), true, ""},
		{"mentor on an issue by its returning author", Mentor, with(func(a *Actor) { a.IsAuthor, a.OnIssue = true, true }), false, refuseMentorNew},
		{"mentor on an issue by a maintainer", Mentor, with(func(a *Actor) { a.Permission, a.OnIssue = "write", true }), true, ""},
		{"mentor on someone's issue by a stranger", Mentor, with(func(a *Actor) { a.OnIssue, a.AuthorIsFirstTimer = true, true }), false, refuseMentor},

		{"reassign by mentee", MentorReassign, with(func(a *Actor) { a.IsMentee = true }), true, ""},
		{"reassign by current mentor", MentorReassign, with(func(a *Actor) { a.IsCurrentMentor = true }), true, ""},
		{"reassign by maintainer", MentorReassign, with(func(a *Actor) { a.Permission = "triage" }), true, ""},
		{"reassign by read-only collaborator", MentorReassign, with(func(a *Actor) { a.Association, a.Permission = "COLLABORATOR", "read" }), false, refuseReassign},
		{"reassign by author who is not the mentee", MentorReassign, with(func(a *Actor) { a.IsAuthor = true }), false, refuseReassign},
		{"reassign by another mentor", MentorReassign, with(func(a *Actor) { a.IsListedMentor = true }), false, refuseReassign},

		{"keep by mentee", MentorKeep, with(func(a *Actor) { a.IsMentee = true }), true, ""},
		{"keep by the mentor", MentorKeep, with(func(a *Actor) { a.IsCurrentMentor, a.IsListedMentor = true, true }), false, refuseKeep},
		{"keep by a maintainer", MentorKeep, with(func(a *Actor) { a.Association = "OWNER" }), false, refuseKeep},
		{"keep by the author who is not the mentee", MentorKeep, with(func(a *Actor) { a.IsAuthor = true }), false, refuseKeep},

		{"away by listed mentor", MentorAway, with(func(a *Actor) { a.IsListedMentor = true }), true, ""},
		{"back by listed mentor", MentorBack, with(func(a *Actor) { a.IsListedMentor = true }), true, ""},
		{"away by maintainer not listed", MentorAway, with(func(a *Actor) { a.Permission = "admin" }), false, refuseRotation},
		{"back by current mentor not listed", MentorBack, with(func(a *Actor) { a.IsCurrentMentor = true }), false, refuseRotation},

		{"claim on starter task", Claim, with(func(a *Actor) { a.OnStarterTask = true }), true, ""},
		{"unclaim on starter task", Unclaim, with(func(a *Actor) { a.OnStarterTask = true }), true, ""},
		{"claim elsewhere", Claim, anyone, false, refuseClaim},
		{"claim elsewhere, even a maintainer", Claim, with(func(a *Actor) { a.Permission = "admin" }), false, refuseClaim},
		{"unclaim elsewhere", Unclaim, anyone, false, refuseClaim},

		{"kudos by anyone", Kudos, anyone, true, ""},

		{"faq by mentor on own comment", FAQ, with(func(a *Actor) { a.IsListedMentor = true; a.IsCommentOwn = true }), true, ""},
		{"faq by mentor on someone else's comment", FAQ, with(func(a *Actor) { a.IsListedMentor = true }), false, refuseFAQOwn},
		{"faq by maintainer not listed", FAQ, with(func(a *Actor) { a.Permission = "admin"; a.IsCommentOwn = true }), false, refuseFAQMentor},
		{"faq by anyone", FAQ, with(func(a *Actor) { a.IsCommentOwn = true }), false, refuseFAQMentor},

		{"action in office hours", Action, with(func(a *Actor) { a.InOfficeHoursDiscussion = true }), true, ""},
		{"action elsewhere", Action, with(func(a *Actor) { a.Permission = "admin" }), false, refuseAction},

		{"unknown command", Unknown, with(func(a *Actor) { a.Permission = "admin" }), false, refuseUnknown},
		{"out of range", Name(42), anyone, false, refuseUnknown},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ok, reason := Authorize(tt.cmd, tt.actor)
			if ok != tt.want || reason != tt.reason {
				t.Errorf("Authorize(%v, %+v) = %v, %q; want %v, %q", tt.cmd, tt.actor, ok, reason, tt.want, tt.reason)
			}
		})
	}
}

// TestRefusalsNameNoOne: a refusal is posted in a sentence; it must not
// mention anyone and must be a short clause to follow "Sorry @x, ".
func TestRefusalsNameNoOne(t *testing.T) {
	for n := Unknown; n <= Action; n++ {
		_, reason := Authorize(n, Actor{Login: "someone"})
		if reason == "" {
			continue
		}
		if strings.Contains(reason, "@") || strings.Contains(reason, "someone") {
			t.Errorf("refusal for %v names someone: %q", n, reason)
		}
		if strings.HasSuffix(reason, ".") || strings.ToLower(reason[:1]) != reason[:1] || len(reason) > 120 {
			t.Errorf("refusal for %v is not a short lower-case clause: %q", n, reason)
		}
	}
}

func TestRoleLookupOnlyForThoseWhoMayHoldARole(t *testing.T) {
	for assoc, want := range map[string]bool{
		"OWNER": true, "MEMBER": true, "COLLABORATOR": true, "collaborator": true, "": true,
		"CONTRIBUTOR": false, "FIRST_TIME_CONTRIBUTOR": false, "FIRST_TIMER": false, "MANNEQUIN": false, "NONE": false,
	} {
		if got := MayHoldRole(assoc); got != want {
			t.Errorf("MayHoldRole(%q) = %v, want %v", assoc, got, want)
		}
	}
	if Insider("") || !Insider("MEMBER") || Insider("NONE") {
		t.Error("Insider: only OWNER, MEMBER and COLLABORATOR are insiders")
	}
}

// FuzzAuthorizeAssociationGrantsNothing: whatever the author association
// says, it changes no decision; only a role of triage and up does.
func FuzzAuthorizeAssociationGrantsNothing(f *testing.F) {
	for _, s := range []string{"OWNER", "MEMBER", "COLLABORATOR", "NONE", "", "member"} {
		for _, role := range []string{"", "read", "triage", "write", "none", "admin", "custom"} {
			f.Add(s, role, true, false)
		}
	}
	f.Fuzz(func(t *testing.T, assoc, role string, author, onIssue bool) {
		for cmd := Unknown; cmd <= Action+1; cmd++ {
			a := Actor{Login: "x", Association: assoc, Permission: role, IsAuthor: author, OnIssue: onIssue}
			b := a
			b.Association = "NONE"
			okA, whyA := Authorize(cmd, a)
			okB, whyB := Authorize(cmd, b)
			if okA != okB || whyA != whyB {
				t.Fatalf("%s with association %q and role %q: %v %q, with NONE: %v %q", cmd, assoc, role, okA, whyA, okB, whyB)
			}
			if a.IsMaintainer() != MaintainerRole(role) {
				t.Fatalf("role %q: IsMaintainer %v", role, a.IsMaintainer())
			}
		}
	})
}
