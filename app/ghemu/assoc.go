package ghemu

import (
	"crypto/sha1"
	"encoding/hex"
	"strconv"
	"strings"
)

// Author associations, as GitHub names them.
const (
	assocOwner        = "OWNER"
	assocMember       = "MEMBER"
	assocCollaborator = "COLLABORATOR"
	assocContributor  = "CONTRIBUTOR"
	assocFirstTime    = "FIRST_TIME_CONTRIBUTOR"
	assocFirstTimer   = "FIRST_TIMER"
	assocNone         = "NONE"
)

// association computes a login's author_association with a repository:
// owner, organization member, collaborator, then from pull requests:
// contributor (a merged PR here), first-time contributor (a PR here, a
// merged one elsewhere), first-timer (a PR here, none merged anywhere).
func (e *Emulator) association(r *repoState, login string) string {
	l := strings.ToLower(login)
	switch {
	case strings.EqualFold(r.owner.login, login) && r.owner.typ != typeOrg:
		return assocOwner
	case r.owner.typ == typeOrg && r.owner.members[l]:
		return assocMember
	case r.collaborators[l] != "":
		return assocCollaborator
	}
	here, mergedHere := pullHistory(r, login)
	switch {
	case mergedHere:
		return assocContributor
	case !here:
		return assocNone
	}
	for _, other := range e.st.repos {
		if _, merged := pullHistory(other, login); merged {
			return assocFirstTime
		}
	}
	return assocFirstTimer
}

// pullHistory reports whether login opened a pull request in r, and
// whether one of them was merged.
func pullHistory(r *repoState, login string) (opened, merged bool) {
	for _, is := range r.issues {
		if is.Pull != nil && strings.EqualFold(is.Author, login) {
			opened = true
			merged = merged || is.Pull.Merged
		}
	}
	return opened, merged
}

// permission is a login's permission on a repository: admin for the
// owner, the collaborator's own (outside collaborators included), the
// organization's base permission for its members (read unless set),
// else none.
func permission(r *repoState, login string) string {
	l := strings.ToLower(login)
	switch {
	case strings.EqualFold(r.owner.login, login):
		return "admin"
	case r.collaborators[l] != "":
		return r.collaborators[l]
	case r.owner.typ == typeOrg && r.owner.members[l]:
		if r.owner.basePermission != "" {
			return r.owner.basePermission
		}
		return "read"
	}
	return "none"
}

// legacyPermission maps a role to what the permission API returns in
// "permission" (triage → read, maintain → write).
func legacyPermission(role string) string {
	switch role {
	case "triage":
		return "read"
	case "maintain":
		return "write"
	}
	return role
}

// canBeAssigned: collaborators, members and the owner can always be
// assigned; anyone else only after commenting on that issue.
func canBeAssigned(r *repoState, number int, login string) bool {
	if permission(r, login) != "none" {
		return true
	}
	if number == 0 {
		return false
	}
	for _, c := range r.issueComments(number) {
		if strings.EqualFold(c.Author, login) {
			return true
		}
	}
	return false
}

// fakeSHA is a stable 40-hex-digit SHA derived from parts.
func fakeSHA(parts ...string) string {
	sum := sha1.Sum([]byte(strings.Join(parts, "\x00")))
	return hex.EncodeToString(sum[:])
}

// blobSHA is git's blob object ID of content.
func blobSHA(content []byte) string {
	h := sha1.New()
	h.Write([]byte("blob " + strconv.Itoa(len(content)) + "\x00"))
	h.Write(content)
	return hex.EncodeToString(h.Sum(nil))
}
