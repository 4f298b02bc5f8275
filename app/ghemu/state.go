package ghemu

import (
	"encoding/base64"
	"sort"
	"strconv"
	"strings"
	"time"
)

// Account types.
const (
	typeUser = "User"
	typeBot  = "Bot"
	typeOrg  = "Organization"
)

// state is everything the emulator knows. Every field is guarded by
// Emulator.mu.
type state struct {
	lastID        int64
	accounts      map[string]*account // by lower-case login
	repos         map[string]*repoState
	installations map[int64]*installation
	tokens        map[string]*token
	bot           *account
	hookURL       string
	hookSecret    string
	deliveries    []*Delivery // oldest first
	manifestCodes map[string]*manifestCode
	// The app's user authorization (oauth.go).
	clientID, clientSecret string
	signInUser             string
	oauthCodes             map[string]*oauthCode
	userTokens             map[string]*userToken
}

func newState() *state {
	return &state{
		lastID:        1000,
		accounts:      map[string]*account{},
		repos:         map[string]*repoState{},
		installations: map[int64]*installation{},
		tokens:        map[string]*token{},
		manifestCodes: map[string]*manifestCode{},
		clientID:      "Iv1.emulator",
		clientSecret:  randomHex(20),
		oauthCodes:    map[string]*oauthCode{},
		userTokens:    map[string]*userToken{},
	}
}

// newID returns the next ID; IDs are unique across all objects.
func (s *state) newID() int64 {
	s.lastID++
	return s.lastID
}

// nodeID builds a legacy global node ID: base64 of "0<len>:<Type><id>".
func nodeID(kind string, id int64) string {
	raw := "0" + strconv.Itoa(len(kind)) + ":" + kind + strconv.FormatInt(id, 10)
	return base64.StdEncoding.EncodeToString([]byte(raw))
}

// account is a user, bot or organization.
type account struct {
	id        int64
	nodeID    string
	login     string
	typ       string
	createdAt time.Time
	members   map[string]bool     // organizations: lower-case logins
	teams     map[string][]string // organizations: slug → member logins, in order
	status    *userStatus         // users: the status set on their profile, nil for none
	// basePermission is an organization's base permission for its
	// members on every repository: "" means read (GitHub's default),
	// "none" gives members no access beyond their teams and collaborations.
	basePermission string
}

func (s *state) account(login string) *account { return s.accounts[strings.ToLower(login)] }

// ensureAccount returns the account for login, creating it with typ.
func (s *state) ensureAccount(login, typ string, now time.Time) *account {
	if a := s.account(login); a != nil {
		return a
	}
	id := s.newID()
	kind := typ
	if typ == typeBot {
		kind = "Bot"
	}
	a := &account{id: id, nodeID: nodeID(kind, id), login: login, typ: typ, createdAt: now}
	if typ == typeOrg {
		a.members = map[string]bool{}
	}
	s.accounts[strings.ToLower(login)] = a
	return a
}

// Repo describes a repository.
type Repo struct {
	ID             int64
	NodeID         string
	Owner          string
	Name           string
	FullName       string
	Description    string
	DefaultBranch  string
	Private        bool
	HasDiscussions bool
	Archived       bool
	CreatedAt      time.Time
}

// repoState is a repository and everything in it.
type repoState struct {
	Repo
	owner         *account
	collaborators map[string]string // lower-case login → permission
	// issuesOff is set when Issues are turned off: GitHub answers 410 to
	// listing and opening issues.
	issuesOff   bool
	labels      []*label
	issues      map[int]*Issue // issues and pull requests by number
	comments    []*Comment     // issue and PR comments, oldest first
	lastNumber  int            // shared by issues, pull requests and discussions
	files       map[string][]byte
	categories  []*DiscussionCategory
	discussions map[int]*Discussion
}

func repoKey(owner, name string) string { return strings.ToLower(owner + "/" + name) }

func (s *state) repo(owner, name string) *repoState { return s.repos[repoKey(owner, name)] }

func (s *state) repoByID(id int64) *repoState {
	for _, r := range s.repos {
		if r.ID == id {
			return r
		}
	}
	return nil
}

// sortedRepos returns the repositories ordered by ID.
func (s *state) sortedRepos() []*repoState {
	out := make([]*repoState, 0, len(s.repos))
	for _, r := range s.repos {
		out = append(out, r)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return out
}

// nextNumber allocates the next issue, pull request or discussion number.
func (r *repoState) nextNumber() int {
	r.lastNumber++
	return r.lastNumber
}

// sortedIssues returns issues and pull requests ordered by number.
func (r *repoState) sortedIssues() []*Issue {
	out := make([]*Issue, 0, len(r.issues))
	for _, is := range r.issues {
		out = append(out, is)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Number < out[j].Number })
	return out
}

// label is a repository label; names are unique case-insensitively.
type label struct {
	id          int64
	nodeID      string
	name        string
	color       string
	description string
	isDefault   bool
}

func (r *repoState) label(name string) *label {
	for _, l := range r.labels {
		if strings.EqualFold(l.name, name) {
			return l
		}
	}
	return nil
}

func (r *repoState) comment(id int64) *Comment {
	for _, c := range r.comments {
		if c.ID == id {
			return c
		}
	}
	return nil
}

func (r *repoState) issueComments(number int) []*Comment {
	var out []*Comment
	for _, c := range r.comments {
		if c.Issue == number {
			out = append(out, c)
		}
	}
	return out
}

// installation is the app installed on an account.
type installation struct {
	id        int64
	nodeID    string
	account   *account
	selection string         // all or selected
	repoIDs   map[int64]bool // for selection "selected"
	createdAt time.Time
	// suspendedAt is set while the account has suspended the app: its
	// tokens are refused and it is listed with suspended_at.
	suspendedAt time.Time
	// permissions is what the account granted; nil: all the app asks for.
	permissions map[string]string
}

// covers reports whether the installation can see the repository.
func (in *installation) covers(r *repoState) bool {
	if r.owner != in.account {
		return false
	}
	return in.selection == "all" || in.repoIDs[r.ID]
}

// installationFor returns the installation covering a repository.
func (s *state) installationFor(r *repoState) *installation {
	var best *installation
	for _, in := range s.installations {
		if in.covers(r) && (best == nil || in.id < best.id) {
			best = in
		}
	}
	return best
}

// visible reports whether the caller's token can see the repository.
func (c caller) visible(r *repoState) bool {
	if c.inst == nil || r == nil || !c.inst.covers(r) {
		return false
	}
	return c.tok == nil || c.tok.repoIDs == nil || c.tok.repoIDs[r.ID]
}
