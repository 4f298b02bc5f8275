package ghemu

import (
	"fmt"
	"net/http"
	"slices"
)

// The discussion part of the seeding and inspection API. As elsewhere,
// misuse (an unknown repository, discussion, category or comment) panics,
// and unknown logins become users.

// SetDiscussions turns a repository's Discussions on or off. Turning them
// on creates GitHub's default categories when the repository has none.
func (e *Emulator) SetDiscussions(owner, repo string, enabled bool) {
	defer e.lock()()
	r := e.mustRepo(owner, repo)
	r.HasDiscussions = enabled
	if enabled {
		e.addDefaultCategories(r)
	}
}

// SetIssues turns Issues on or off for a repository (on by default). With
// Issues off GitHub answers 410 "Issues are disabled for this repo" to
// listing and opening issues; pull requests and their comments go on.
func (e *Emulator) SetIssues(owner, repo string, enabled bool) {
	defer e.lock()()
	e.mustRepo(owner, repo).issuesOff = !enabled
}

// issuesDisabled is GitHub's answer while a repository's Issues are off.
func issuesDisabled() reply { return errorReply(http.StatusGone, "Issues are disabled for this repo") }

// AddDiscussionCategory adds a discussion category (not answerable, emoji
// ":speech_balloon:") and returns its node ID; an existing category of that
// name is returned as it is.
func (e *Emulator) AddDiscussionCategory(owner, repo, name string) (id string) {
	defer e.lock()()
	return e.addCategory(e.mustRepo(owner, repo), name, ":speech_balloon:", "", false).NodeID
}

// DiscussionCategories returns a repository's categories in GitHub's order.
func (e *Emulator) DiscussionCategories(owner, repo string) []DiscussionCategory {
	defer e.lock()()
	var out []DiscussionCategory
	for _, c := range e.mustRepo(owner, repo).categories {
		out = append(out, *c)
	}
	return out
}

func (e *Emulator) mustDiscussion(owner, repo string, number int) (*repoState, *Discussion) {
	r := e.mustRepo(owner, repo)
	d := r.discussions[number]
	if d == nil {
		panic(fmt.Sprintf("ghemu: no discussion %s/%s#%d", owner, repo, number))
	}
	return r, d
}

func mustReaction(content string) string {
	rest, ok := restReaction(content)
	if !ok {
		panic(fmt.Sprintf("ghemu: unknown reaction %q", content))
	}
	return rest
}

// OpenDiscussion starts a discussion in the category named category (its
// name, slug or node ID) and returns its number. The repository must have
// Discussions on.
func (e *Emulator) OpenDiscussion(owner, repo, category, author, title, body string) int {
	defer e.lock()()
	r := e.mustRepo(owner, repo)
	if !r.HasDiscussions {
		panic(fmt.Sprintf("ghemu: %s has Discussions off", r.FullName))
	}
	cat := r.category(category)
	if cat == nil {
		panic(fmt.Sprintf("ghemu: no discussion category %q in %s", category, r.FullName))
	}
	return e.createDiscussion(r, cat, e.user(author), title, body).Number
}

// CommentOnDiscussion adds a top-level comment and returns its node ID.
func (e *Emulator) CommentOnDiscussion(owner, repo string, number int, author, body string) (id string) {
	defer e.lock()()
	r, d := e.mustDiscussion(owner, repo, number)
	return e.addDiscussionComment(r, d, e.user(author), body, 0).NodeID
}

// ReplyToDiscussionComment replies to a comment (by node ID) and returns
// the reply's node ID.
func (e *Emulator) ReplyToDiscussionComment(owner, repo string, number int, commentID, author, body string) (id string) {
	defer e.lock()()
	r, d := e.mustDiscussion(owner, repo, number)
	parent := mustDiscussionComment(d, commentID)
	return e.addDiscussionComment(r, d, e.user(author), body, parent.ID).NodeID
}

func mustDiscussionComment(d *Discussion, nodeID string) *DiscussionComment {
	for _, c := range d.Comments {
		if c.NodeID == nodeID {
			return c
		}
	}
	panic(fmt.Sprintf("ghemu: no comment %s on discussion #%d", nodeID, d.Number))
}

// ReactToDiscussion adds user's reaction to a discussion; content is a
// GraphQL ReactionContent (THUMBS_UP, THUMBS_DOWN, LAUGH, HOORAY, CONFUSED,
// HEART, ROCKET, EYES) or its REST name (+1, -1, laugh, ...).
func (e *Emulator) ReactToDiscussion(owner, repo string, number int, user, content string) {
	defer e.lock()()
	_, d := e.mustDiscussion(owner, repo, number)
	e.react(&d.Reactions, e.user(user), mustReaction(content))
}

// ReactToDiscussionComment adds user's reaction to a discussion comment or
// reply, given by node ID.
func (e *Emulator) ReactToDiscussionComment(owner, repo string, number int, commentID, user, content string) {
	defer e.lock()()
	_, d := e.mustDiscussion(owner, repo, number)
	c := mustDiscussionComment(d, commentID)
	e.react(&c.Reactions, e.user(user), mustReaction(content))
}

func copyDiscussion(d *Discussion) Discussion {
	out := *d
	out.Reactions = slices.Clone(d.Reactions)
	out.Comments = make([]*DiscussionComment, 0, len(d.Comments))
	for _, c := range d.Comments {
		x := *c
		x.Reactions = slices.Clone(c.Reactions)
		out.Comments = append(out.Comments, &x)
	}
	return out
}

// Discussions returns a repository's discussions by number, with their
// comments and reactions.
func (e *Emulator) Discussions(owner, repo string) []Discussion {
	defer e.lock()()
	var out []Discussion
	for _, d := range e.mustRepo(owner, repo).sortedDiscussions() {
		out = append(out, copyDiscussion(d))
	}
	return out
}

// Discussion returns one discussion with its comments (replies included,
// oldest first; ReplyTo names the parent) and reactions.
func (e *Emulator) Discussion(owner, repo string, number int) Discussion {
	defer e.lock()()
	_, d := e.mustDiscussion(owner, repo, number)
	return copyDiscussion(d)
}

// DeleteDiscussion deletes a discussion, as a maintainer may: its number
// and node ID then resolve to nothing.
func (e *Emulator) DeleteDiscussion(owner, repo string, number int) {
	defer e.lock()()
	r, _ := e.mustDiscussion(owner, repo, number)
	delete(r.discussions, number)
}
