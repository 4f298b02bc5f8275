package ghemu

import (
	"strings"
	"unicode"
)

// The functions here change discussions as GitHub would and emit the
// webhooks that go with it (discussions_webhooks.go). They run with e.mu
// held and are shared by the GraphQL mutations and the seeding API.

// defaultCategory is one of the categories GitHub creates when a
// repository turns Discussions on.
type defaultCategory struct {
	name, emoji, description string
	answerable               bool
}

var defaultCategories = []defaultCategory{
	{"Announcements", ":mega:", "Updates from maintainers", false},
	{"General", ":speech_balloon:", "Chat about anything and everything here", false},
	{"Ideas", ":bulb:", "Share ideas for new features", false},
	{"Polls", ":ballot_box:", "Take a vote from the community", false},
	{"Q&A", ":pray:", "Ask the community for help", true},
	{"Show and tell", ":raised_hands:", "Show off something you've made", false},
}

// addDefaultCategories creates GitHub's default categories unless the
// repository already has categories.
func (e *Emulator) addDefaultCategories(r *repoState) {
	if len(r.categories) > 0 {
		return
	}
	for _, c := range defaultCategories {
		e.addCategory(r, c.name, c.emoji, c.description, c.answerable)
	}
}

func (e *Emulator) addCategory(r *repoState, name, emoji, description string, answerable bool) *DiscussionCategory {
	if c := r.category(name); c != nil {
		return c
	}
	id := e.st.newID()
	c := &DiscussionCategory{
		ID: id, NodeID: nodeID("DiscussionCategory", id), Name: name, Slug: categorySlug(name),
		Emoji: emoji, Description: description, IsAnswerable: answerable, CreatedAt: e.now(),
	}
	r.categories = append(r.categories, c)
	return c
}

// categorySlug is GitHub's slug of a category name: lower case, every run
// of other characters than letters and digits a dash ("Q&A" is "q-a").
func categorySlug(name string) string {
	var b strings.Builder
	dash := false
	for _, ch := range strings.ToLower(name) {
		if unicode.IsLetter(ch) || unicode.IsDigit(ch) {
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			b.WriteRune(ch)
			dash = false
			continue
		}
		dash = true
	}
	return b.String()
}

// category finds a category by node ID, name (any case) or slug.
func (r *repoState) category(ref string) *DiscussionCategory {
	for _, c := range r.categories {
		if c.NodeID == ref || strings.EqualFold(c.Name, ref) || c.Slug == ref {
			return c
		}
	}
	return nil
}

func (r *repoState) categoryByID(id int64) *DiscussionCategory {
	for _, c := range r.categories {
		if c.ID == id {
			return c
		}
	}
	return nil
}

// sortedDiscussions returns the discussions ordered by number.
func (r *repoState) sortedDiscussions() []*Discussion {
	out := make([]*Discussion, 0, len(r.discussions))
	for n := 1; n <= r.lastNumber; n++ {
		if d := r.discussions[n]; d != nil {
			out = append(out, d)
		}
	}
	return out
}

func (d *Discussion) comment(id int64) *DiscussionComment {
	for _, c := range d.Comments {
		if c.ID == id {
			return c
		}
	}
	return nil
}

// discussionByID finds a discussion by its database ID.
func (s *state) discussionByID(id int64) (*repoState, *Discussion) {
	for _, r := range s.repos {
		for _, d := range r.discussions {
			if d.ID == id {
				return r, d
			}
		}
	}
	return nil, nil
}

// discussionCommentByID finds a discussion comment by its database ID.
func (s *state) discussionCommentByID(id int64) (*repoState, *Discussion, *DiscussionComment) {
	for _, r := range s.repos {
		for _, d := range r.discussions {
			if c := d.comment(id); c != nil {
				return r, d, c
			}
		}
	}
	return nil, nil, nil
}

func (e *Emulator) createDiscussion(r *repoState, cat *DiscussionCategory, author *account, title, body string) *Discussion {
	now := e.now()
	id := e.st.newID()
	d := &Discussion{
		Number: r.nextNumber(), ID: id, NodeID: nodeID("Discussion", id), CategoryID: cat.ID,
		Title: title, Body: body, Author: author.login, CreatedAt: now, UpdatedAt: now,
	}
	r.discussions[d.Number] = d
	e.emitDiscussion(r, d, author, "created", nil)
	return d
}

// editDiscussion changes title, body and category (nil for unchanged) and
// emits "edited" for title and body and "category_changed" for the category.
func (e *Emulator) editDiscussion(r *repoState, d *Discussion, actor *account, title, body *string, cat *DiscussionCategory) {
	ch := map[string]any{}
	if title != nil && *title != d.Title {
		ch["title"] = map[string]string{"from": d.Title}
		d.Title = *title
	}
	if body != nil && *body != d.Body {
		ch["body"] = map[string]string{"from": d.Body}
		d.Body = *body
	}
	if len(ch) > 0 {
		d.UpdatedAt = e.now()
		e.emitDiscussion(r, d, actor, "edited", ch)
	}
	if cat != nil && cat.ID != d.CategoryID {
		old := r.categoryByID(d.CategoryID)
		d.CategoryID, d.UpdatedAt = cat.ID, e.now()
		e.emitDiscussion(r, d, actor, "category_changed", map[string]any{"category": map[string]any{"from": e.categoryJSON(r, old)}})
	}
}

// addDiscussionComment adds a comment, or a reply when replyTo is set; a
// reply to a reply joins the top comment's thread, as on GitHub's page.
func (e *Emulator) addDiscussionComment(r *repoState, d *Discussion, author *account, body string, replyTo int64) *DiscussionComment {
	if p := d.comment(replyTo); p != nil && p.ReplyTo != 0 {
		replyTo = p.ReplyTo
	}
	now := e.now()
	id := e.st.newID()
	c := &DiscussionComment{ID: id, NodeID: nodeID("DiscussionComment", id), ReplyTo: replyTo,
		Author: author.login, Body: body, CreatedAt: now, UpdatedAt: now}
	d.Comments = append(d.Comments, c)
	d.UpdatedAt = now
	e.emitDiscussionComment(r, d, c, author, "created", nil)
	return c
}

func (e *Emulator) editDiscussionComment(r *repoState, d *Discussion, c *DiscussionComment, actor *account, body string) {
	if body == c.Body {
		return
	}
	ch := map[string]any{"body": map[string]string{"from": c.Body}}
	c.Body, c.UpdatedAt = body, e.now()
	e.emitDiscussionComment(r, d, c, actor, "edited", ch)
}

// topComments are a discussion's comments that are not replies.
func (d *Discussion) topComments() []*DiscussionComment {
	var out []*DiscussionComment
	for _, c := range d.Comments {
		if c.ReplyTo == 0 {
			out = append(out, c)
		}
	}
	return out
}

func (d *Discussion) replies(id int64) []*DiscussionComment {
	var out []*DiscussionComment
	for _, c := range d.Comments {
		if c.ReplyTo == id {
			out = append(out, c)
		}
	}
	return out
}

// reactionNames maps GraphQL's ReactionContent to REST's reaction names, in
// the order GitHub lists reaction groups.
var reactionNames = []struct{ graphql, rest string }{
	{"THUMBS_UP", "+1"}, {"THUMBS_DOWN", "-1"}, {"LAUGH", "laugh"}, {"HOORAY", "hooray"},
	{"CONFUSED", "confused"}, {"HEART", "heart"}, {"ROCKET", "rocket"}, {"EYES", "eyes"},
}

// restReaction returns the REST name for a GraphQL or REST reaction name.
func restReaction(content string) (string, bool) {
	for _, n := range reactionNames {
		if n.graphql == content || n.rest == content {
			return n.rest, true
		}
	}
	return "", false
}

func graphqlReaction(rest string) string {
	for _, n := range reactionNames {
		if n.rest == rest {
			return n.graphql
		}
	}
	return ""
}
