package ghemu

import (
	"strconv"
	"time"

	"github.com/google/go-github/v60/github"
)

// ptr returns a pointer to v (go-github's JSON types are all pointers).
func ptr[T any](v T) *T { return &v }

func ts(t time.Time) *github.Timestamp {
	if t.IsZero() {
		return nil
	}
	return &github.Timestamp{Time: t.UTC().Truncate(time.Second)}
}

// apiURL and webURL must be called with e.mu held.
func (e *Emulator) apiURL() string { return e.base + "/api/v3" }
func (e *Emulator) webURL() string { return e.base }

func (e *Emulator) userJSON(a *account) *github.User {
	api := e.apiURL() + "/users/" + a.login
	html := e.webURL() + "/" + a.login
	if a.typ == typeBot {
		html = e.webURL() + "/apps/" + trimBot(a.login)
	}
	return &github.User{
		Login: ptr(a.login), ID: ptr(a.id), NodeID: ptr(a.nodeID),
		AvatarURL:         ptr(e.webURL() + "/avatars/u/" + strconv.FormatInt(a.id, 10) + "?v=4"),
		GravatarID:        ptr(""),
		URL:               ptr(api),
		HTMLURL:           ptr(html),
		FollowersURL:      ptr(api + "/followers"),
		FollowingURL:      ptr(api + "/following{/other_user}"),
		GistsURL:          ptr(api + "/gists{/gist_id}"),
		StarredURL:        ptr(api + "/starred{/owner}{/repo}"),
		SubscriptionsURL:  ptr(api + "/subscriptions"),
		OrganizationsURL:  ptr(api + "/orgs"),
		ReposURL:          ptr(api + "/repos"),
		EventsURL:         ptr(api + "/events{/privacy}"),
		ReceivedEventsURL: ptr(api + "/received_events"),
		Type:              ptr(a.typ),
		SiteAdmin:         ptr(false),
	}
}

func trimBot(login string) string {
	if n := len(login) - len("[bot]"); n > 0 && login[n:] == "[bot]" {
		return login[:n]
	}
	return login
}

// loginJSON renders the account for login, which must exist.
func (e *Emulator) loginJSON(login string) *github.User {
	if login == "" {
		return nil
	}
	return e.userJSON(e.st.ensureAccount(login, typeUser, e.now()))
}

func (e *Emulator) usersJSON(logins []string) []*github.User {
	out := make([]*github.User, 0, len(logins))
	for _, l := range logins {
		out = append(out, e.loginJSON(l))
	}
	return out
}

func (e *Emulator) orgJSON(a *account) *github.Organization {
	api := e.apiURL() + "/orgs/" + a.login
	return &github.Organization{
		Login: ptr(a.login), ID: ptr(a.id), NodeID: ptr(a.nodeID),
		URL:              ptr(api),
		ReposURL:         ptr(api + "/repos"),
		EventsURL:        ptr(api + "/events"),
		HooksURL:         ptr(api + "/hooks"),
		IssuesURL:        ptr(api + "/issues"),
		MembersURL:       ptr(api + "/members{/member}"),
		PublicMembersURL: ptr(api + "/public_members{/member}"),
		AvatarURL:        ptr(e.webURL() + "/avatars/u/" + strconv.FormatInt(a.id, 10) + "?v=4"),
		Description:      ptr(""),
	}
}

func (e *Emulator) repoJSON(r *repoState) *github.Repository {
	api := e.apiURL() + "/repos/" + r.FullName
	html := e.webURL() + "/" + r.FullName
	visibility := "public"
	if r.Private {
		visibility = "private"
	}
	open := 0
	for _, is := range r.issues {
		if is.State == "open" {
			open++
		}
	}
	return &github.Repository{
		ID: ptr(r.ID), NodeID: ptr(r.NodeID), Name: ptr(r.Name), FullName: ptr(r.FullName),
		Owner: e.userJSON(r.owner), Private: ptr(r.Private), HTMLURL: ptr(html),
		Description: ptr(r.Description), Fork: ptr(false), URL: ptr(api),
		ArchiveURL:       ptr(api + "/{archive_format}{/ref}"),
		AssigneesURL:     ptr(api + "/assignees{/user}"),
		BlobsURL:         ptr(api + "/git/blobs{/sha}"),
		BranchesURL:      ptr(api + "/branches{/branch}"),
		CollaboratorsURL: ptr(api + "/collaborators{/collaborator}"),
		CommentsURL:      ptr(api + "/comments{/number}"),
		CommitsURL:       ptr(api + "/commits{/sha}"),
		CompareURL:       ptr(api + "/compare/{base}...{head}"),
		ContentsURL:      ptr(api + "/contents/{+path}"),
		ContributorsURL:  ptr(api + "/contributors"),
		DeploymentsURL:   ptr(api + "/deployments"),
		DownloadsURL:     ptr(api + "/downloads"),
		EventsURL:        ptr(api + "/events"),
		ForksURL:         ptr(api + "/forks"),
		GitCommitsURL:    ptr(api + "/git/commits{/sha}"),
		GitRefsURL:       ptr(api + "/git/refs{/sha}"),
		GitTagsURL:       ptr(api + "/git/tags{/sha}"),
		GitURL:           ptr("git:" + html + ".git"),
		IssueCommentURL:  ptr(api + "/issues/comments{/number}"),
		IssueEventsURL:   ptr(api + "/issues/events{/number}"),
		IssuesURL:        ptr(api + "/issues{/number}"),
		KeysURL:          ptr(api + "/keys{/key_id}"),
		LabelsURL:        ptr(api + "/labels{/name}"),
		LanguagesURL:     ptr(api + "/languages"),
		MergesURL:        ptr(api + "/merges"),
		MilestonesURL:    ptr(api + "/milestones{/number}"),
		NotificationsURL: ptr(api + "/notifications{?since,all,participating}"),
		PullsURL:         ptr(api + "/pulls{/number}"),
		ReleasesURL:      ptr(api + "/releases{/id}"),
		SSHURL:           ptr("git@" + r.owner.login + ":" + r.FullName + ".git"),
		StargazersURL:    ptr(api + "/stargazers"),
		StatusesURL:      ptr(api + "/statuses/{sha}"),
		SubscribersURL:   ptr(api + "/subscribers"),
		SubscriptionURL:  ptr(api + "/subscription"),
		TagsURL:          ptr(api + "/tags"),
		TeamsURL:         ptr(api + "/teams"),
		TreesURL:         ptr(api + "/git/trees{/sha}"),
		CloneURL:         ptr(html + ".git"),
		HooksURL:         ptr(api + "/hooks"),
		SVNURL:           ptr(html),
		Homepage:         ptr(""),
		ForksCount:       ptr(0), StargazersCount: ptr(0), WatchersCount: ptr(0),
		Size: ptr(0), DefaultBranch: ptr(r.DefaultBranch), OpenIssuesCount: ptr(open),
		IsTemplate: ptr(false), Topics: []string{}, HasIssues: ptr(!r.issuesOff), HasProjects: ptr(true),
		HasWiki: ptr(true), HasPages: ptr(false), HasDownloads: ptr(true),
		HasDiscussions: ptr(r.HasDiscussions), Archived: ptr(r.Archived), Disabled: ptr(false),
		Visibility: ptr(visibility), PushedAt: ts(r.CreatedAt), CreatedAt: ts(r.CreatedAt),
		UpdatedAt: ts(r.CreatedAt), OpenIssues: ptr(open), Watchers: ptr(0),
		AllowRebaseMerge: ptr(true), AllowSquashMerge: ptr(true), AllowMergeCommit: ptr(true),
		SubscribersCount: ptr(0), NetworkCount: ptr(0),
		Permissions: map[string]bool{"admin": false, "maintain": false, "push": false, "triage": false, "pull": true},
	}
}

func (e *Emulator) labelJSON(r *repoState, l *label) *github.Label {
	return &github.Label{
		ID: ptr(l.id), NodeID: ptr(l.nodeID), Name: ptr(l.name), Color: ptr(l.color),
		Description: ptr(l.description), Default: ptr(l.isDefault),
		URL: ptr(e.apiURL() + "/repos/" + r.FullName + "/labels/" + pathEscape(l.name)),
	}
}

func (e *Emulator) labelsJSON(r *repoState, names []string) []*github.Label {
	out := make([]*github.Label, 0, len(names))
	for _, n := range names {
		if l := r.label(n); l != nil {
			out = append(out, e.labelJSON(r, l))
		}
	}
	return out
}

func (e *Emulator) reactionsJSON(url string, rs []Reaction) *github.Reactions {
	count := map[string]int{}
	for _, x := range rs {
		count[x.Content]++
	}
	return &github.Reactions{
		URL: ptr(url), TotalCount: ptr(len(rs)), PlusOne: ptr(count["+1"]), MinusOne: ptr(count["-1"]),
		Laugh: ptr(count["laugh"]), Confused: ptr(count["confused"]), Heart: ptr(count["heart"]),
		Hooray: ptr(count["hooray"]), Rocket: ptr(count["rocket"]), Eyes: ptr(count["eyes"]),
	}
}

func (e *Emulator) reactionJSON(x Reaction) *github.Reaction {
	return &github.Reaction{ID: ptr(x.ID), NodeID: ptr(x.NodeID), User: e.loginJSON(x.User), Content: ptr(x.Content)}
}

func (e *Emulator) commentJSON(r *repoState, c *Comment) *github.IssueComment {
	api := e.apiURL() + "/repos/" + r.FullName
	return &github.IssueComment{
		ID: ptr(c.ID), NodeID: ptr(c.NodeID), Body: ptr(c.Body), User: e.loginJSON(c.Author),
		CreatedAt: ts(c.CreatedAt), UpdatedAt: ts(c.UpdatedAt),
		AuthorAssociation: ptr(e.association(r, c.Author)),
		URL:               ptr(api + "/issues/comments/" + strconv.FormatInt(c.ID, 10)),
		HTMLURL:           ptr(e.webURL() + "/" + r.FullName + "/" + issuePathWord(r, c.Issue) + "/" + strconv.Itoa(c.Issue) + "#issuecomment-" + strconv.FormatInt(c.ID, 10)),
		IssueURL:          ptr(api + "/issues/" + strconv.Itoa(c.Issue)),
		Reactions:         e.reactionsJSON(api+"/issues/comments/"+strconv.FormatInt(c.ID, 10)+"/reactions", c.Reactions),
	}
}

// otherAppBase offsets the app IDs made up for bots other than the app's own.
const otherAppBase = 1_000_000

// issueCommentJSON is an issue comment as the REST API renders it; go-github
// leaves performed_via_github_app out of IssueComment.
type issueCommentJSON struct {
	*github.IssueComment
	PerformedViaGithubApp *github.App `json:"performed_via_github_app"`
}

// restCommentJSON renders a comment with the GitHub App that wrote it, as
// GitHub does for every comment by an app's bot: this app for its own bot,
// a made-up app (ID above otherAppBase) for any other bot, none for people.
func (e *Emulator) restCommentJSON(r *repoState, c *Comment) issueCommentJSON {
	return issueCommentJSON{IssueComment: e.commentJSON(r, c), PerformedViaGithubApp: e.appOf(c.Author)}
}

// appOf returns the GitHub App behind a bot login, nil for anyone else.
func (e *Emulator) appOf(login string) *github.App {
	a := e.st.account(login)
	switch {
	case a == nil || a.typ != typeBot:
		return nil
	case a == e.st.bot:
		return &github.App{ID: ptr(e.opts.AppID), Slug: ptr(e.opts.AppSlug), NodeID: ptr(nodeID("Integration", e.opts.AppID)),
			Name: ptr(e.appName), HTMLURL: ptr(e.webURL() + "/apps/" + e.opts.AppSlug)}
	default:
		id := otherAppBase + a.id
		return &github.App{ID: ptr(id), Slug: ptr(trimBot(a.login)), NodeID: ptr(nodeID("Integration", id)),
			Name: ptr(trimBot(a.login)), HTMLURL: ptr(e.webURL() + "/apps/" + trimBot(a.login))}
	}
}

// issuePathWord is "pull" for pull requests and "issues" otherwise, as in
// GitHub's html_url.
func issuePathWord(r *repoState, number int) string {
	if is := r.issues[number]; is != nil && is.Pull != nil {
		return "pull"
	}
	return "issues"
}
