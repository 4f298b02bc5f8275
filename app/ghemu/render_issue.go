package ghemu

import (
	"net/url"
	"strconv"

	"github.com/google/go-github/v60/github"
)

func pathEscape(s string) string { return url.PathEscape(s) }

func (e *Emulator) issueJSON(r *repoState, is *Issue) *github.Issue {
	api := e.apiURL() + "/repos/" + r.FullName
	n := strconv.Itoa(is.Number)
	html := e.webURL() + "/" + r.FullName + "/" + issuePathWord(r, is.Number) + "/" + n
	out := &github.Issue{
		ID: ptr(is.ID), NodeID: ptr(is.NodeID), Number: ptr(is.Number),
		URL:           ptr(api + "/issues/" + n),
		RepositoryURL: ptr(api),
		LabelsURL:     ptr(api + "/issues/" + n + "/labels{/name}"),
		CommentsURL:   ptr(api + "/issues/" + n + "/comments"),
		EventsURL:     ptr(api + "/issues/" + n + "/events"),
		HTMLURL:       ptr(html),
		State:         ptr(is.State), Title: ptr(is.Title), Body: ptr(is.Body),
		User:              e.loginJSON(is.Author),
		Labels:            e.labelsJSON(r, is.Labels),
		Assignees:         e.usersJSON(is.Assignees),
		Locked:            ptr(is.Locked),
		Comments:          ptr(len(r.issueComments(is.Number))),
		CreatedAt:         ts(is.CreatedAt),
		UpdatedAt:         ts(is.UpdatedAt),
		ClosedAt:          ts(is.ClosedAt),
		AuthorAssociation: ptr(e.association(r, is.Author)),
		Reactions:         e.reactionsJSON(api+"/issues/"+n+"/reactions", is.Reactions),
		Draft:             ptr(false),
	}
	if len(is.Assignees) > 0 {
		out.Assignee = e.loginJSON(is.Assignees[0])
	}
	if is.StateReason != "" {
		out.StateReason = ptr(is.StateReason)
	}
	if is.ClosedBy != "" {
		out.ClosedBy = e.loginJSON(is.ClosedBy)
	}
	if is.Pull != nil {
		out.Draft = ptr(is.Pull.Draft)
		out.PullRequestLinks = &github.PullRequestLinks{
			URL:      ptr(api + "/pulls/" + n),
			HTMLURL:  ptr(html),
			DiffURL:  ptr(html + ".diff"),
			PatchURL: ptr(html + ".patch"),
			MergedAt: ts(is.Pull.MergedAt),
		}
	}
	return out
}

func (e *Emulator) pullJSON(r *repoState, is *Issue) *github.PullRequest {
	p := is.Pull
	api := e.apiURL() + "/repos/" + r.FullName
	n := strconv.Itoa(is.Number)
	html := e.webURL() + "/" + r.FullName + "/pull/" + n
	adds, dels := 0, 0
	for _, f := range p.Files {
		adds += f.Additions
		dels += f.Deletions
	}
	out := &github.PullRequest{
		ID: ptr(p.ID), NodeID: ptr(p.NodeID), Number: ptr(is.Number),
		URL:               ptr(api + "/pulls/" + n),
		HTMLURL:           ptr(html),
		DiffURL:           ptr(html + ".diff"),
		PatchURL:          ptr(html + ".patch"),
		IssueURL:          ptr(api + "/issues/" + n),
		CommitsURL:        ptr(api + "/pulls/" + n + "/commits"),
		ReviewCommentsURL: ptr(api + "/pulls/" + n + "/comments"),
		ReviewCommentURL:  ptr(api + "/pulls/comments{/number}"),
		CommentsURL:       ptr(api + "/issues/" + n + "/comments"),
		StatusesURL:       ptr(api + "/statuses/" + p.HeadSHA),
		State:             ptr(is.State), Locked: ptr(is.Locked), Title: ptr(is.Title), Body: ptr(is.Body),
		User:                e.loginJSON(is.Author),
		Labels:              e.labelsJSON(r, is.Labels),
		Assignees:           e.usersJSON(is.Assignees),
		RequestedReviewers:  e.usersJSON(p.RequestedReviewers),
		RequestedTeams:      []*github.Team{},
		CreatedAt:           ts(is.CreatedAt),
		UpdatedAt:           ts(is.UpdatedAt),
		ClosedAt:            ts(is.ClosedAt),
		MergedAt:            ts(p.MergedAt),
		Merged:              ptr(p.Merged),
		Mergeable:           ptr(!p.Merged && is.State == "open"),
		Rebaseable:          ptr(!p.Merged && is.State == "open"),
		MergeableState:      ptr("clean"),
		Draft:               ptr(p.Draft),
		AuthorAssociation:   ptr(e.association(r, is.Author)),
		Comments:            ptr(len(r.issueComments(is.Number))),
		ReviewComments:      ptr(0),
		Commits:             ptr(1),
		Additions:           ptr(adds),
		Deletions:           ptr(dels),
		ChangedFiles:        ptr(len(p.Files)),
		MaintainerCanModify: ptr(false),
		Head:                e.branchJSON(r, is.Author, p.Head, p.HeadSHA),
		Base:                e.branchJSON(r, r.owner.login, p.Base, baseSHA(r)),
		Links: &github.PRLinks{
			Self:           &github.PRLink{HRef: ptr(api + "/pulls/" + n)},
			HTML:           &github.PRLink{HRef: ptr(html)},
			Issue:          &github.PRLink{HRef: ptr(api + "/issues/" + n)},
			Comments:       &github.PRLink{HRef: ptr(api + "/issues/" + n + "/comments")},
			ReviewComments: &github.PRLink{HRef: ptr(api + "/pulls/" + n + "/comments")},
			ReviewComment:  &github.PRLink{HRef: ptr(api + "/pulls/comments{/number}")},
			Commits:        &github.PRLink{HRef: ptr(api + "/pulls/" + n + "/commits")},
			Statuses:       &github.PRLink{HRef: ptr(api + "/statuses/" + p.HeadSHA)},
		},
	}
	if len(is.Assignees) > 0 {
		out.Assignee = e.loginJSON(is.Assignees[0])
	}
	if p.MergedBy != "" {
		out.MergedBy = e.loginJSON(p.MergedBy)
	}
	if p.MergeCommitSHA != "" {
		out.MergeCommitSHA = ptr(p.MergeCommitSHA)
	}
	return out
}

// branchJSON renders a pull request's head or base. Head branches are
// shown in the base repository (the emulator has no forks).
func (e *Emulator) branchJSON(r *repoState, user, ref, sha string) *github.PullRequestBranch {
	return &github.PullRequestBranch{
		Label: ptr(user + ":" + ref), Ref: ptr(ref), SHA: ptr(sha),
		User: e.loginJSON(user), Repo: e.repoJSON(r),
	}
}

// baseSHA is a stable fake commit SHA for the default branch.
func baseSHA(r *repoState) string { return fakeSHA("base", r.FullName, r.DefaultBranch) }

func (e *Emulator) reviewJSON(r *repoState, is *Issue, rv Review) *github.PullRequestReview {
	n := strconv.Itoa(is.Number)
	return &github.PullRequestReview{
		ID: ptr(rv.ID), NodeID: ptr(rv.NodeID), User: e.loginJSON(rv.User), Body: ptr(rv.Body),
		State: ptr(rv.State), SubmittedAt: ts(rv.SubmittedAt), CommitID: ptr(is.Pull.HeadSHA),
		HTMLURL:           ptr(e.webURL() + "/" + r.FullName + "/pull/" + n + "#pullrequestreview-" + strconv.FormatInt(rv.ID, 10)),
		PullRequestURL:    ptr(e.apiURL() + "/repos/" + r.FullName + "/pulls/" + n),
		AuthorAssociation: ptr(e.association(r, rv.User)),
	}
}

func (e *Emulator) fileJSON(r *repoState, is *Issue, f PullFile) *github.CommitFile {
	sha := fakeSHA("blob", r.FullName, f.Filename, strconv.Itoa(is.Number))
	out := &github.CommitFile{
		SHA: ptr(sha), Filename: ptr(f.Filename), Status: ptr(f.Status),
		Additions: ptr(f.Additions), Deletions: ptr(f.Deletions), Changes: ptr(f.Additions + f.Deletions),
		BlobURL:     ptr(e.webURL() + "/" + r.FullName + "/blob/" + is.Pull.HeadSHA + "/" + f.Filename),
		RawURL:      ptr(e.webURL() + "/" + r.FullName + "/raw/" + is.Pull.HeadSHA + "/" + f.Filename),
		ContentsURL: ptr(e.apiURL() + "/repos/" + r.FullName + "/contents/" + f.Filename + "?ref=" + is.Pull.HeadSHA),
	}
	if f.Patch != "" {
		out.Patch = ptr(f.Patch)
	}
	return out
}
