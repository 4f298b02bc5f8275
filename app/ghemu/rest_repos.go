package ghemu

import (
	"encoding/base64"
	"net/http"
	"path"
	"sort"
	"strings"

	"github.com/google/go-github/v60/github"
)

// scopedRepo returns the {owner}/{repo} of the request when the caller's
// token can see it; GitHub answers 404 for the others.
func (e *Emulator) scopedRepo(q *req) (*repoState, bool) {
	r := e.st.repo(q.params["owner"], q.params["repo"])
	if r == nil || !q.caller.visible(r) {
		return nil, false
	}
	return r, true
}

func (e *Emulator) getRepo(q *req) reply {
	r, found := e.scopedRepo(q)
	if !found {
		return notFound()
	}
	return ok(e.repoJSON(r))
}

// getContents answers a file (base64) or a directory listing from the
// default branch; ref may name the default branch or be empty.
func (e *Emulator) getContents(q *req) reply {
	r, found := e.scopedRepo(q)
	if !found {
		return notFound()
	}
	p := strings.Trim(q.params["path"], "/")
	files := r.files
	if ref := q.r.URL.Query().Get("ref"); ref != "" && ref != r.DefaultBranch &&
		ref != "refs/heads/"+r.DefaultBranch && ref != baseSHA(r) {
		pr := pullAtRef(r, ref)
		if pr == nil {
			return errorReply(http.StatusNotFound, "No commit found for the ref "+ref)
		}
		files = headFiles(r, pr)
	}
	if content, isFile := files[p]; isFile {
		if strings.Contains(q.r.Header.Get("Accept"), ".raw") {
			return reply{status: http.StatusOK, raw: content}.
				with("Content-Type", "application/vnd.github.v3.raw; charset=utf-8")
		}
		c := e.contentJSON(r, p, content)
		c.Type, c.Encoding = ptr("file"), ptr("base64")
		c.Content = ptr(wrapBase64(base64.StdEncoding.EncodeToString(content)))
		return ok(c)
	}
	entries := e.dirEntries(r, p)
	if len(entries) == 0 {
		return notFound()
	}
	return ok(entries)
}

func (e *Emulator) contentJSON(r *repoState, p string, content []byte) *github.RepositoryContent {
	sha := blobSHA(content)
	api := e.apiURL() + "/repos/" + r.FullName
	html := e.webURL() + "/" + r.FullName + "/blob/" + r.DefaultBranch + "/" + p
	return &github.RepositoryContent{
		Name: ptr(path.Base(p)), Path: ptr(p), SHA: ptr(sha), Size: ptr(len(content)),
		URL: ptr(api + "/contents/" + p + "?ref=" + r.DefaultBranch), HTMLURL: ptr(html),
		GitURL:      ptr(api + "/git/blobs/" + sha),
		DownloadURL: ptr(e.webURL() + "/" + r.FullName + "/raw/" + r.DefaultBranch + "/" + p),
		Type:        ptr("file"),
	}
}

// dirEntries lists the files and folders directly under dir.
func (e *Emulator) dirEntries(r *repoState, dir string) []*github.RepositoryContent {
	prefix := ""
	if dir != "" {
		prefix = dir + "/"
	}
	seen := map[string]bool{}
	var out []*github.RepositoryContent
	for p, content := range r.files {
		rest, found := strings.CutPrefix(p, prefix)
		if !found {
			continue
		}
		name, _, isDir := strings.Cut(rest, "/")
		if seen[name] {
			continue
		}
		seen[name] = true
		if !isDir {
			out = append(out, e.contentJSON(r, p, content))
			continue
		}
		sub := prefix + name
		out = append(out, &github.RepositoryContent{
			Name: ptr(name), Path: ptr(sub), Type: ptr("dir"), Size: ptr(0), SHA: ptr(fakeSHA("tree", r.FullName, sub)),
			URL:     ptr(e.apiURL() + "/repos/" + r.FullName + "/contents/" + sub + "?ref=" + r.DefaultBranch),
			HTMLURL: ptr(e.webURL() + "/" + r.FullName + "/tree/" + r.DefaultBranch + "/" + sub),
		})
	}
	sort.Slice(out, func(i, j int) bool { return *out[i].Path < *out[j].Path })
	return out
}

// wrapBase64 breaks base64 text into 60-character lines as GitHub does.
func wrapBase64(s string) string {
	var b strings.Builder
	for len(s) > 60 {
		b.WriteString(s[:60])
		b.WriteByte('\n')
		s = s[60:]
	}
	b.WriteString(s)
	b.WriteByte('\n')
	return b.String()
}

// isCollaborator answers GET /repos/{o}/{r}/collaborators/{user}: 204 for
// the owner, collaborators and organization members.
func (e *Emulator) isCollaborator(q *req) reply {
	r, found := e.scopedRepo(q)
	if !found {
		return notFound()
	}
	if e.st.account(q.params["user"]) == nil || permission(r, q.params["user"]) == "none" {
		return notFound()
	}
	return noContent()
}

// isOrgMember answers GET /orgs/{org}/members/{user} with 204 or 404.
func (e *Emulator) isOrgMember(q *req) reply {
	o := e.st.account(q.params["org"])
	if o == nil || o.typ != typeOrg || q.caller.inst.account != o {
		return notFound()
	}
	if !o.members[strings.ToLower(q.params["user"])] {
		return notFound()
	}
	return noContent()
}

// canAssign answers GET /repos/{o}/{r}/assignees/{user} with 204 or 404.
func (e *Emulator) canAssign(q *req) reply {
	r, found := e.scopedRepo(q)
	if !found {
		return notFound()
	}
	if e.st.account(q.params["user"]) == nil || !canBeAssigned(r, 0, q.params["user"]) {
		return notFound()
	}
	return noContent()
}

// pullAtRef finds the pull request whose head is ref (a SHA or a branch).
func pullAtRef(r *repoState, ref string) *PullRequest {
	ref = strings.TrimPrefix(ref, "refs/heads/")
	for _, is := range r.issues {
		if is.Pull != nil && (is.Pull.HeadSHA == ref || is.Pull.Head == ref) {
			return is.Pull
		}
	}
	return nil
}

// headFiles is the default branch with a pull request's changes applied.
func headFiles(r *repoState, pr *PullRequest) map[string][]byte {
	out := make(map[string][]byte, len(r.files))
	for k, v := range r.files {
		out[k] = v
	}
	for _, f := range pr.Files {
		switch {
		case f.Status == "removed":
			delete(out, f.Filename)
		case f.Content != nil:
			out[f.Filename] = f.Content
		}
	}
	return out
}
