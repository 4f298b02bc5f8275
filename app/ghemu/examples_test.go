package ghemu

import (
	"encoding/json"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"
)

// examplesDir holds GitHub's REST examples (octokit/openapi, MIT).
const examplesDir = "../../testdata/openapi/examples"

// notModelled are example keys the emulator leaves out on purpose: GitHub
// features the app does not use. Paths are dotted, with [] for list items.
var notModelled = map[string]bool{
	"milestone": true, "pinned_comment": true, "performed_via_github_app": true,
	"sub_issues_summary": true, "issue_dependencies_summary": true, "issue_field_values": true,
	"type": true, "text_matches": true, "closed_by": true, "assignee": true, "active_lock_reason": true,
	"license": true, "template_repository": true, "organization": true, "parent": true, "source": true,
	"security_and_analysis": true, "code_of_conduct": true, "head.repo": true, "base.repo": true,
	"auto_merge": true, "requested_teams[]": true, "teams[]": true, "merged_by": true, "merge_commit_sha": true,
	"repository": true, "suspended_by": true, "suspended_at": true, "single_file_name": true,
	"has_multiple_single_files": true, "client_id": true, "_links": true, "mirror_url": true,
	"temp_clone_token": true, "delete_branch_on_merge": true, "allow_forking": true, "allow_auto_merge": true,
	"allow_update_branch": true, "use_squash_pr_title_as_default": true, "squash_merge_commit_title": true,
	"squash_merge_commit_message": true, "merge_commit_title": true, "merge_commit_message": true,
	"web_commit_signoff_required": true, "forks": true, "language": true, "pushed_at": true,
	"resources.integration_manifest": true, "resources.source_import": true, "resources.code_scanning_upload": true,
	"resources.actions_runner_registration": true, "resources.scim": true, "resources.dependency_snapshots": true,
	"resources.code_search": true, "resources.code_scanning_autofix": true, "user.name": true, "user.email": true,
	"user.starred_at": true, "user.user_view_type": true, "owner.user_view_type": true, "user_view_type": true,
	"body_html": true, "body_text": true, "timeline_url": true, "state_reason": true,
	"permissions.checks": true, "permissions.single_file": true,
	"single_file_paths": true, "topics": true, "custom_properties": true,
}

// missingKeys lists the dotted paths of want's keys (with non-null values)
// that got lacks; lists compare their first items. Keys ending in _url
// (other than html_url) are URL templates the app never reads.
func missingKeys(path string, want, got any) []string {
	var out []string
	switch w := want.(type) {
	case map[string]any:
		g, _ := got.(map[string]any)
		for k, v := range w {
			p := strings.TrimPrefix(path+"."+k, ".")
			if v == nil || notModelled[k] || notModelled[p] || notModelled[lastTwo(p)] ||
				(strings.HasSuffix(k, "_url") && k != "html_url") {
				continue
			}
			gv, has := g[k]
			if !has {
				out = append(out, p)
				continue
			}
			out = append(out, missingKeys(p, v, gv)...)
		}
	case []any:
		g, _ := got.([]any)
		if len(w) > 0 && len(g) > 0 {
			out = append(out, missingKeys(path+"[]", w[0], g[0])...)
		}
	}
	sort.Strings(out)
	return out
}

// lastTwo is the last two segments of a dotted path without list marks.
func lastTwo(p string) string {
	parts := strings.Split(strings.ReplaceAll(p, "[]", ""), ".")
	if len(parts) < 2 {
		return p
	}
	return parts[len(parts)-2] + "." + parts[len(parts)-1]
}

func loadExample(t *testing.T, name string) any {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(examplesDir, name))
	if err != nil {
		t.Fatal(err)
	}
	var v any
	if err := json.Unmarshal(b, &v); err != nil {
		t.Fatal(err)
	}
	if m, ok := v.(map[string]any); ok && m["value"] != nil {
		return m["value"]
	}
	return v
}

// TestResponsesMatchGitHubExamples compares, for each implemented operation
// with an example, the emulator's answer with the example's keys.
func TestResponsesMatchGitHubExamples(t *testing.T) {
	f := newFixture(t, Options{})
	e := f.emu
	e.CreateLabel(testOrg, testRepo, "bug", "f29513", "Something isn't working")
	n := e.OpenIssue(testOrg, testRepo, "alice", IssueOptions{Title: "Found a bug", Body: "x", Labels: []string{"bug"}, Assignees: []string{"carol"}})
	cid := e.Comment(testOrg, testRepo, n, "alice", "Me too")
	pr := e.OpenPullRequest(testOrg, testRepo, "bob", PullOptions{Title: "Fix", Files: []PullFile{{Filename: "a.md", Status: "added", Additions: 1}}})
	e.PutFile(testOrg, testRepo, "docs/README.md", []byte("# hi\n"))
	jwtStr, err := e.SignJWT(time.Now().Add(-time.Second), time.Now().Add(time.Minute))
	if err != nil {
		t.Fatal(err)
	}
	app, tok := "Bearer "+jwtStr, "token "+f.token(t)
	issue := "/repos/acme/widgets/issues/1"
	pull := "/repos/acme/widgets/pulls/" + itoa(pr)
	prIssue := "/repos/acme/widgets/issues/" + itoa(pr) // GitHub's issue examples show a pull request
	comment := "/repos/acme/widgets/issues/comments/" + itoa64(cid)
	cases := []struct {
		example, method, path, auth string
		body                        any
		status                      int
	}{
		{"apps__get-authenticated.response.200.default.json", "GET", "/app", app, nil, 200},
		{"apps__list-installations.response.200.default.json", "GET", "/app/installations", app, nil, 200},
		{"apps__get-installation.response.200.default.json", "GET", "/app/installations/7", app, nil, 200},
		{"apps__get-repo-installation.response.200.default.json", "GET", "/repos/acme/widgets/installation", app, nil, 200},
		{"apps__create-installation-access-token.response.201.default.json", "POST", "/app/installations/7/access_tokens", app, map[string]any{"repositories": []string{"widgets"}}, 201},
		{"apps__list-repos-accessible-to-installation.response.200.default.json", "GET", "/installation/repositories", tok, nil, 200},
		{"repos__get.response.200.default-response.json", "GET", "/repos/acme/widgets", tok, nil, 200},
		{"repos__get-content.response.200.response-if-content-is-a-file.json", "GET", "/repos/acme/widgets/contents/docs/README.md", tok, nil, 200},
		{"repos__get-content.response.200.response-if-content-is-a-directory.json", "GET", "/repos/acme/widgets/contents/docs", tok, nil, 200},
		{"repos__get-collaborator-permission-level.response.200.response-if-user-has-admin-permissions.json", "GET", "/repos/acme/widgets/collaborators/carol/permission", tok, nil, 200},
		{"issues__get.response.200.default.json", "GET", prIssue, tok, nil, 200},
		{"issues__update.response.200.default.json", "PATCH", prIssue, tok, map[string]any{"title": "Found a bug!"}, 200},
		{"issues__list-comments.response.200.default.json", "GET", issue + "/comments", tok, nil, 200},
		{"issues__create-comment.response.201.default.json", "POST", issue + "/comments", tok, map[string]any{"body": "Thanks"}, 201},
		{"issues__update-comment.response.200.default.json", "PATCH", comment, tok, map[string]any{"body": "Me too!"}, 200},
		{"issues__add-assignees.response.201.default.json", "POST", prIssue + "/assignees", tok, map[string]any{"assignees": []string{"maria"}}, 201},
		{"issues__remove-assignees.response.200.default.json", "DELETE", prIssue + "/assignees", tok, map[string]any{"assignees": []string{"maria"}}, 200},
		{"issues__list-labels-on-issue.response.200.default.json", "GET", issue + "/labels", tok, nil, 200},
		{"issues__add-labels.response.200.default.json", "POST", issue + "/labels", tok, map[string]any{"labels": []string{"docs"}}, 200},
		{"issues__set-labels.response.200.default.json", "PUT", issue + "/labels", tok, map[string]any{"labels": []string{"bug", "docs"}}, 200},
		{"issues__remove-label.response.200.default.json", "DELETE", issue + "/labels/docs", tok, nil, 200},
		{"issues__get-label.response.200.default.json", "GET", "/repos/acme/widgets/labels/bug", tok, nil, 200},
		{"issues__create-label.response.201.default.json", "POST", "/repos/acme/widgets/labels", tok, map[string]any{"name": "docs2", "color": "0075ca", "description": "Docs"}, 201},
		{"pulls__get.response.200.default.json", "GET", pull, tok, nil, 200},
		{"pulls__request-reviewers.response.201.default.json", "POST", pull + "/requested_reviewers", tok, map[string]any{"reviewers": []string{"carol"}}, 201},
		{"pulls__list-requested-reviewers.response.200.default.json", "GET", pull + "/requested_reviewers", tok, nil, 200},
		{"pulls__remove-requested-reviewers.response.200.default.json", "DELETE", pull + "/requested_reviewers", tok, map[string]any{"reviewers": []string{"carol"}}, 200},
		{"search__issues-and-pull-requests.response.200.default.json", "GET", "/search/issues?q=repo:acme/widgets", tok, nil, 200},
		{"rate-limit__get.response.200.default.json", "GET", "/rate_limit", tok, nil, 200},
	}
	for _, tc := range cases {
		t.Run(strings.Split(tc.example, ".")[0], func(t *testing.T) {
			resp, body := f.do(t, tc.method, tc.path, tc.auth, tc.body)
			if resp.StatusCode != tc.status {
				t.Fatalf("status %d, want %d: %s", resp.StatusCode, tc.status, body)
			}
			var got any
			if err := json.Unmarshal(body, &got); err != nil {
				t.Fatal(err)
			}
			if missing := missingKeys("", loadExample(t, tc.example), got); len(missing) > 0 {
				t.Errorf("missing keys: %s", strings.Join(missing, ", "))
			}
		})
	}
}
