package ghemu

import (
	"sort"
	"strings"
)

// searchItem is a search result: an issue with its score.
type searchItem struct {
	issueOut
	Score float64 `json:"score"`
}

type searchResult struct {
	TotalCount        int          `json:"total_count"`
	IncompleteResults bool         `json:"incomplete_results"`
	SearchType        string       `json:"search_type"`
	Items             []searchItem `json:"items"`
}

const searchForbidden = "The listed users and repositories cannot be searched either because the resources do not exist or you do not have permission to view them."

// searchIssues answers GET /search/issues over the repositories the
// caller can see.
func (e *Emulator) searchIssues(q *req) reply {
	v := q.r.URL.Query()
	raw := strings.TrimSpace(v.Get("q"))
	if raw == "" {
		return invalid(fieldError{Resource: "Search", Field: "q", Code: "missing"})
	}
	sq := parseSearch(raw)
	if bad := e.unsearchable(q, sq); bad {
		return invalid(fieldError{Resource: "Search", Field: "q", Code: "invalid", Message: searchForbidden})
	}
	type hit struct {
		r  *repoState
		is *Issue
	}
	var hits []hit
	for _, r := range e.st.sortedRepos() {
		if !q.caller.visible(r) {
			continue
		}
		for _, is := range r.sortedIssues() {
			if sq.matches(r.owner.login, r.FullName, is) {
				hits = append(hits, hit{r, is})
			}
		}
	}
	asc := v.Get("order") == "asc"
	key := func(h hit) int64 {
		switch v.Get("sort") {
		case "updated":
			return h.is.UpdatedAt.UnixNano()
		case "comments":
			return int64(len(h.r.issueComments(h.is.Number)))
		}
		return h.is.CreatedAt.UnixNano()
	}
	sort.SliceStable(hits, func(i, j int) bool {
		if asc {
			return key(hits[i]) < key(hits[j])
		}
		return key(hits[i]) > key(hits[j])
	})
	items := make([]searchItem, 0, len(hits))
	for _, h := range hits {
		items = append(items, searchItem{issueOut: e.issueOut(h.r, h.is), Score: 1})
	}
	page, link := paginate(e, q, items)
	rep := ok(searchResult{TotalCount: len(items), SearchType: "lexical", Items: page})
	if link != "" {
		rep = rep.with("Link", link)
	}
	return rep
}

// unsearchable reports whether a repo:, org: or user: qualifier names
// something that does not exist or the caller cannot see.
func (e *Emulator) unsearchable(q *req, sq searchQuery) bool {
	for _, name := range sq.repos {
		owner, repo, _ := strings.Cut(name, "/")
		if r := e.st.repo(owner, repo); r == nil || !q.caller.visible(r) {
			return true
		}
	}
	for _, o := range sq.orgs {
		if e.st.account(o) == nil {
			return true
		}
	}
	return false
}
