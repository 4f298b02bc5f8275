package ghemu

import (
	"fmt"
	"strings"
	"time"
)

// The seeding API builds the emulator's world. Methods are safe for
// concurrent use; misuse (an unknown repository or issue) panics, as it is
// a mistake in the test. Unknown logins become users.

// RepoOptions are the settings of a new repository.
type RepoOptions struct {
	Description    string
	DefaultBranch  string // "main" when empty
	Private        bool
	HasDiscussions bool     // with GitHub's default categories
	Collaborators  []string // given write permission
}

// IssueOptions describe a new issue.
type IssueOptions struct {
	Title     string
	Body      string
	Labels    []string
	Assignees []string
	CreatedAt time.Time // the emulator's now when zero
}

// PullOptions describe a new pull request.
type PullOptions struct {
	Title     string
	Body      string
	Head      string // head branch, "patch-<number>" when empty
	Base      string // the default branch when empty
	Files     []PullFile
	Labels    []string
	Assignees []string
	Draft     bool
	CreatedAt time.Time
}

func (e *Emulator) lock() func() {
	e.mu.Lock()
	return e.mu.Unlock
}

func (e *Emulator) user(login string) *account {
	return e.st.ensureAccount(login, typeUser, e.now())
}

func (e *Emulator) mustRepo(owner, name string) *repoState {
	r := e.st.repo(owner, name)
	if r == nil {
		panic(fmt.Sprintf("ghemu: no repository %s/%s", owner, name))
	}
	return r
}

func (e *Emulator) mustIssue(owner, name string, number int) (*repoState, *Issue) {
	r := e.mustRepo(owner, name)
	is := r.issues[number]
	if is == nil {
		panic(fmt.Sprintf("ghemu: no issue or pull request %s/%s#%d", owner, name, number))
	}
	return r, is
}

func (e *Emulator) mustPull(owner, name string, number int) (*repoState, *Issue) {
	r, is := e.mustIssue(owner, name, number)
	if is.Pull == nil {
		panic(fmt.Sprintf("ghemu: %s/%s#%d is not a pull request", owner, name, number))
	}
	return r, is
}

// AddUser adds a user (type User) and returns its ID.
func (e *Emulator) AddUser(login string) int64 {
	defer e.lock()()
	return e.user(login).id
}

// AddBot adds a bot user such as "dependabot[bot]" and returns its ID.
func (e *Emulator) AddBot(login string) int64 {
	defer e.lock()()
	return e.st.ensureAccount(login, typeBot, e.now()).id
}

// AddOrg adds an organization and returns its ID.
func (e *Emulator) AddOrg(login string) int64 {
	defer e.lock()()
	a := e.st.ensureAccount(login, typeOrg, e.now())
	if a.typ != typeOrg {
		panic(fmt.Sprintf("ghemu: %s is a %s, not an organization", login, a.typ))
	}
	return a.id
}

// AddOrgMember makes login a member of org.
func (e *Emulator) AddOrgMember(org, login string) {
	defer e.lock()()
	o := e.st.account(org)
	if o == nil || o.typ != typeOrg {
		panic(fmt.Sprintf("ghemu: no organization %s", org))
	}
	o.members[strings.ToLower(e.user(login).login)] = true
}

// SetOrgBasePermission sets an organization's base permission for its
// members: none, read (the default), write or admin. With none, a member
// without a collaboration (or team) on a repository has no access to it:
// GitHub then leaves them out of assignees without an error and refuses
// them as reviewers.
func (e *Emulator) SetOrgBasePermission(org, permission string) {
	defer e.lock()()
	o := e.st.account(org)
	if o == nil || o.typ != typeOrg {
		panic(fmt.Sprintf("ghemu: no organization %s", org))
	}
	o.basePermission = permission
}

// AddCollaborator gives login a permission on a repository: read, triage,
// write, maintain or admin ("" means write).
func (e *Emulator) AddCollaborator(owner, repo, login, permission string) {
	defer e.lock()()
	if permission == "" {
		permission = "write"
	}
	r := e.mustRepo(owner, repo)
	r.collaborators[strings.ToLower(e.user(login).login)] = permission
}

// AddRepo adds a repository; an unknown owner becomes a user.
func (e *Emulator) AddRepo(owner, name string, opts RepoOptions) *Repo {
	defer e.lock()()
	if e.st.repo(owner, name) != nil {
		panic(fmt.Sprintf("ghemu: repository %s/%s exists", owner, name))
	}
	o := e.user(owner)
	if opts.DefaultBranch == "" {
		opts.DefaultBranch = "main"
	}
	id := e.st.newID()
	r := &repoState{
		Repo: Repo{
			ID: id, NodeID: nodeID("Repository", id), Owner: o.login, Name: name,
			FullName: o.login + "/" + name, Description: opts.Description,
			DefaultBranch: opts.DefaultBranch, Private: opts.Private,
			HasDiscussions: opts.HasDiscussions, CreatedAt: e.now(),
		},
		owner: o, collaborators: map[string]string{}, issues: map[int]*Issue{},
		files: map[string][]byte{}, discussions: map[int]*Discussion{},
	}
	for _, c := range opts.Collaborators {
		r.collaborators[strings.ToLower(e.user(c).login)] = "write"
	}
	if opts.HasDiscussions {
		e.addDefaultCategories(r)
	}
	e.st.repos[repoKey(o.login, name)] = r
	out := r.Repo
	return &out
}

// AddInstallation installs the app on account: on the named repositories
// ("name" or "owner/name"), or on all of its repositories when none is named.
func (e *Emulator) AddInstallation(id int64, accountLogin string, repos ...string) {
	defer e.lock()()
	a := e.st.account(accountLogin)
	if a == nil {
		a = e.user(accountLogin)
	}
	in := &installation{id: id, nodeID: nodeID("Installation", id), account: a, selection: "all",
		repoIDs: map[int64]bool{}, createdAt: e.now()}
	if len(repos) > 0 {
		in.selection = "selected"
	}
	for _, name := range repos {
		if _, n, found := strings.Cut(name, "/"); found {
			name = n
		}
		in.repoIDs[e.mustRepo(a.login, name).ID] = true
	}
	e.st.installations[id] = in
}

// PutFile writes a file on the repository's default branch.
func (e *Emulator) PutFile(owner, repo, path string, content []byte) {
	defer e.lock()()
	e.mustRepo(owner, repo).files[strings.Trim(path, "/")] = append([]byte(nil), content...)
}

// CreateLabel adds a label to a repository (color as 6 hex digits).
func (e *Emulator) CreateLabel(owner, repo, name, color, description string) {
	defer e.lock()()
	r := e.mustRepo(owner, repo)
	if r.label(name) != nil {
		panic(fmt.Sprintf("ghemu: label %q exists in %s", name, r.FullName))
	}
	e.ensureLabel(r, name, color, description)
}
