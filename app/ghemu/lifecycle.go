package ghemu

import (
	"time"

	"github.com/google/go-github/v60/github"
)

// DeleteInstallation uninstalls the app from an account, as a person does
// in the account's settings: the installation's tokens stop working, it is
// no longer listed, and GitHub sends installation.deleted.
func (e *Emulator) DeleteInstallation(id int64) {
	defer e.lock()()
	in := e.st.installations[id]
	if in == nil {
		return
	}
	delete(e.st.installations, id)
	e.emit("installation", &github.InstallationEvent{
		Action: ptr("deleted"),
		Installation: &github.Installation{ID: ptr(in.id), NodeID: ptr(in.nodeID),
			Account: e.userJSON(in.account)},
		Sender: e.userJSON(in.account),
	})
}

// SuspendInstallation suspends (or unsuspends) the app on an account, as a
// person does in the account's settings, and sends installation.suspend
// (or unsuspend).
func (e *Emulator) SuspendInstallation(id int64, suspended bool) {
	defer e.lock()()
	in := e.st.installations[id]
	if in == nil {
		return
	}
	action := "unsuspend"
	in.suspendedAt = time.Time{}
	if suspended {
		action, in.suspendedAt = "suspend", e.now()
	}
	e.emit("installation", &github.InstallationEvent{
		Action:       ptr(action),
		Installation: &github.Installation{ID: ptr(in.id), NodeID: ptr(in.nodeID), Account: e.userJSON(in.account)},
		Sender:       e.userJSON(in.account),
	})
}

// ArchiveRepo archives (or unarchives) a repository and sends
// repository.archived (or unarchived) to the installation that covers it.
func (e *Emulator) ArchiveRepo(owner, name string, archived bool) {
	defer e.lock()()
	r := e.mustRepo(owner, name)
	r.Archived = archived
	action := "archived"
	if !archived {
		action = "unarchived"
	}
	e.emitRepository(r, action)
}

// DeleteRepo deletes a repository and sends repository.deleted.
func (e *Emulator) DeleteRepo(owner, name string) {
	defer e.lock()()
	r := e.mustRepo(owner, name)
	e.emitRepository(r, "deleted")
	delete(e.st.repos, repoKey(owner, name))
}

func (e *Emulator) emitRepository(r *repoState, action string) {
	b, ok := e.blocks(r, r.owner)
	if !ok {
		return
	}
	e.emit("repository", &github.RepositoryEvent{Action: ptr(action), Repo: b.repo, Org: b.org, Sender: b.sender, Installation: b.inst})
}
