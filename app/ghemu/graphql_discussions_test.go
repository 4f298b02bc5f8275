package ghemu

import (
	"slices"
	"testing"

	"github.com/shurcooL/githubv4"
)

type categoryNode struct {
	ID           githubv4.ID
	Name         string
	Slug         string
	Emoji        string
	Description  *string
	IsAnswerable bool
}

// categoriesQuery pages through discussion categories.
type categoriesQuery struct {
	Repository struct {
		ID                    githubv4.ID
		NameWithOwner         string
		URL                   string
		HasDiscussionsEnabled bool
		DiscussionCategories  struct {
			TotalCount int
			Nodes      []categoryNode
			PageInfo   struct {
				HasNextPage bool
				EndCursor   githubv4.String
			}
		} `graphql:"discussionCategories(first: $first, after: $after)"`
	} `graphql:"repository(owner: $owner, name: $name)"`
}

// listCategories reads every category, first at a time.
func listCategories(t *testing.T, c *githubv4.Client, first int) (githubv4.ID, []categoryNode, int) {
	t.Helper()
	vars := map[string]any{
		"owner": githubv4.String(testOrg), "name": githubv4.String(communityRepo),
		"first": githubv4.Int(first), "after": (*githubv4.String)(nil),
	}
	var all []categoryNode
	var repoID githubv4.ID
	pages := 0
	for {
		var q categoriesQuery
		if err := c.Query(ctx, &q, vars); err != nil {
			t.Fatal(err)
		}
		pages++
		repoID = q.Repository.ID
		if !q.Repository.HasDiscussionsEnabled || q.Repository.NameWithOwner != "acme/community" {
			t.Fatalf("repository %+v", q.Repository)
		}
		all = append(all, q.Repository.DiscussionCategories.Nodes...)
		if !q.Repository.DiscussionCategories.PageInfo.HasNextPage {
			if q.Repository.DiscussionCategories.TotalCount != len(all) {
				t.Errorf("totalCount %d, read %d", q.Repository.DiscussionCategories.TotalCount, len(all))
			}
			return repoID, all, pages
		}
		vars["after"] = githubv4.NewString(q.Repository.DiscussionCategories.PageInfo.EndCursor)
	}
}

type discussionRef struct {
	ID     githubv4.ID
	Number int
	URL    string
	Title  string
	Author struct {
		Typename string `graphql:"__typename"`
		Login    string
	}
}

type commentNode struct {
	ID     githubv4.ID
	Body   string
	URL    string
	Author struct{ Login string }
}

// TestDiscussionsThroughGithubv4 runs office hours as the app will: it
// finds the category, opens the announcement, edits it, comments, and
// reads reactions and comments back page by page.
func TestDiscussionsThroughGithubv4(t *testing.T) {
	f := newDiscussionsFixture(t, Options{})
	e := f.emu
	officeHours := e.AddDiscussionCategory(testOrg, communityRepo, "Office Hours")
	v4 := f.v4(t)

	repoID, cats, pages := listCategories(t, v4, 4)
	names := make([]string, 0, len(cats))
	for _, c := range cats {
		names = append(names, c.Name)
	}
	want := []string{"Announcements", "General", "Ideas", "Polls", "Q&A", "Show and tell", "Office Hours"}
	if !slices.Equal(names, want) || pages != 2 {
		t.Fatalf("categories %v in %d pages", names, pages)
	}
	if q := cats[4]; q.Slug != "q-a" || q.Emoji != ":pray:" || !q.IsAnswerable {
		t.Errorf("Q&A category %+v", q)
	}
	if cats[6].ID != githubv4.ID(officeHours) || cats[6].Slug != "office-hours" {
		t.Errorf("Office Hours %+v, seeded id %s", cats[6], officeHours)
	}

	var created struct {
		CreateDiscussion struct {
			ClientMutationID *string
			Discussion       discussionRef
		} `graphql:"createDiscussion(input: $input)"`
	}
	err := v4.Mutate(ctx, &created, githubv4.CreateDiscussionInput{
		RepositoryID: repoID, CategoryID: officeHours, Title: "Office hours, Thursday",
		Body: "Agenda: check-in", ClientMutationID: githubv4.NewString("m1"),
	}, nil)
	if err != nil {
		t.Fatal(err)
	}
	d := created.CreateDiscussion.Discussion
	if d.Number != 1 || d.URL != f.srv.URL+"/acme/community/discussions/1" ||
		d.Author.Typename != "Bot" || d.Author.Login != "mentorbot" ||
		created.CreateDiscussion.ClientMutationID == nil || *created.CreateDiscussion.ClientMutationID != "m1" {
		t.Fatalf("created %+v", created.CreateDiscussion)
	}

	var updated struct {
		UpdateDiscussion struct{ Discussion discussionRef } `graphql:"updateDiscussion(input: $input)"`
	}
	err = v4.Mutate(ctx, &updated, githubv4.UpdateDiscussionInput{
		DiscussionID: d.ID, Title: githubv4.NewString("Office hours, Thursday 17:00"),
	}, nil)
	if err != nil || updated.UpdateDiscussion.Discussion.Title != "Office hours, Thursday 17:00" {
		t.Fatalf("update: %+v %v", updated, err)
	}
	if got := e.Discussion(testOrg, communityRepo, 1); got.Body != "Agenda: check-in" || got.Author != "mentorbot[bot]" {
		t.Errorf("state after update %+v", got)
	}

	var added struct {
		AddDiscussionComment struct{ Comment commentNode } `graphql:"addDiscussionComment(input: $input)"`
	}
	err = v4.Mutate(ctx, &added, githubv4.AddDiscussionCommentInput{DiscussionID: d.ID, Body: "Notes will follow"}, nil)
	if err != nil {
		t.Fatal(err)
	}
	botComment := added.AddDiscussionComment.Comment
	var edited struct {
		UpdateDiscussionComment struct{ Comment commentNode } `graphql:"updateDiscussionComment(input: $input)"`
	}
	err = v4.Mutate(ctx, &edited, githubv4.UpdateDiscussionCommentInput{CommentID: botComment.ID, Body: "Notes are below"}, nil)
	if err != nil || edited.UpdateDiscussionComment.Comment.Body != "Notes are below" {
		t.Fatalf("update comment: %+v %v", edited, err)
	}
	for _, who := range []string{"alice", "bob", "carol", "maria"} {
		e.CommentOnDiscussion(testOrg, communityRepo, 1, who, "hello from "+who)
	}
	err = v4.Mutate(ctx, &added, githubv4.AddDiscussionCommentInput{
		DiscussionID: d.ID, Body: "thread reply", ReplyToID: githubv4.NewID(botComment.ID),
	}, nil)
	if err != nil {
		t.Fatal(err)
	}
	e.ReactToDiscussion(testOrg, communityRepo, 1, "alice", "THUMBS_UP")
	e.ReactToDiscussion(testOrg, communityRepo, 1, "bob", "THUMBS_UP")
	e.ReactToDiscussion(testOrg, communityRepo, 1, "carol", "HEART")
	e.ReactToDiscussionComment(testOrg, communityRepo, 1, string(botComment.ID.(string)), "maria", "ROCKET")

	checkReactions(t, v4)
	checkComments(t, v4, botComment.URL)
}

func checkReactions(t *testing.T, v4 *githubv4.Client) {
	t.Helper()
	var q struct {
		Repository struct {
			Discussion struct {
				ReactionGroups []struct {
					Content          githubv4.ReactionContent
					ViewerHasReacted bool
					Reactors         struct{ TotalCount int }
				}
				ThumbsUp struct {
					TotalCount int
					Nodes      []struct {
						Content githubv4.ReactionContent
						User    struct{ Login string }
					}
				} `graphql:"thumbsUp: reactions(content: THUMBS_UP, first: 10)"`
			} `graphql:"discussion(number: $number)"`
		} `graphql:"repository(owner: $owner, name: $name)"`
	}
	err := v4.Query(ctx, &q, map[string]any{
		"owner": githubv4.String(testOrg), "name": githubv4.String(communityRepo), "number": githubv4.Int(1),
	})
	if err != nil {
		t.Fatal(err)
	}
	counts := map[githubv4.ReactionContent]int{}
	for _, g := range q.Repository.Discussion.ReactionGroups {
		counts[g.Content] = g.Reactors.TotalCount
	}
	if len(q.Repository.Discussion.ReactionGroups) != 8 || counts[githubv4.ReactionContentThumbsUp] != 2 ||
		counts[githubv4.ReactionContentHeart] != 1 || counts[githubv4.ReactionContentRocket] != 0 {
		t.Errorf("reaction groups %+v", q.Repository.Discussion.ReactionGroups)
	}
	up := q.Repository.Discussion.ThumbsUp
	if up.TotalCount != 2 || len(up.Nodes) != 2 || up.Nodes[0].User.Login != "alice" ||
		up.Nodes[1].Content != githubv4.ReactionContentThumbsUp {
		t.Errorf("thumbs up %+v", up)
	}
}

// checkComments reads the comments two at a time with their replies.
func checkComments(t *testing.T, v4 *githubv4.Client, botURL string) {
	t.Helper()
	var q struct {
		Repository struct {
			Discussion struct {
				Comments struct {
					TotalCount int
					Nodes      []struct {
						commentNode
						Reactions struct{ TotalCount int }
						Replies   struct {
							Nodes []commentNode
						} `graphql:"replies(first: 10)"`
					}
					PageInfo struct {
						HasNextPage bool
						EndCursor   githubv4.String
					}
				} `graphql:"comments(first: 2, after: $after)"`
			} `graphql:"discussion(number: 1)"`
		} `graphql:"repository(owner: $owner, name: $name)"`
	}
	vars := map[string]any{
		"owner": githubv4.String(testOrg), "name": githubv4.String(communityRepo), "after": (*githubv4.String)(nil),
	}
	var bodies, authors []string
	var replies []string
	for range 5 {
		if err := v4.Query(ctx, &q, vars); err != nil {
			t.Fatal(err)
		}
		c := q.Repository.Discussion.Comments
		for _, n := range c.Nodes {
			bodies = append(bodies, n.Body)
			authors = append(authors, n.Author.Login)
			if n.URL == botURL && n.Reactions.TotalCount != 1 {
				t.Errorf("bot comment reactions %d", n.Reactions.TotalCount)
			}
			for _, r := range n.Replies.Nodes {
				replies = append(replies, r.Body)
			}
		}
		if c.TotalCount != 5 {
			t.Errorf("totalCount %d (replies are not top-level comments)", c.TotalCount)
		}
		if !c.PageInfo.HasNextPage {
			break
		}
		vars["after"] = githubv4.NewString(c.PageInfo.EndCursor)
	}
	wantAuthors := []string{"mentorbot", "alice", "bob", "carol", "maria"}
	if !slices.Equal(authors, wantAuthors) || bodies[0] != "Notes are below" || !slices.Equal(replies, []string{"thread reply"}) {
		t.Errorf("comments %v by %v, replies %v", bodies, authors, replies)
	}
}

// BenchmarkDiscussionQuery reads a discussion with 50 comments and their
// reaction groups through githubv4.
func BenchmarkDiscussionQuery(b *testing.B) {
	f := newDiscussionsFixture(b, Options{RateLimit: 1 << 30})
	n := f.emu.OpenDiscussion(testOrg, communityRepo, "General", "alice", "t", "b")
	for i := range 50 {
		c := f.emu.CommentOnDiscussion(testOrg, communityRepo, n, "bob", "comment "+itoa(i))
		f.emu.ReactToDiscussionComment(testOrg, communityRepo, n, c, "carol", "HEART")
	}
	v4 := f.v4(b)
	var q struct {
		Repository struct {
			Discussion struct {
				Comments struct {
					Nodes []struct {
						commentNode
						ReactionGroups []struct {
							Content  githubv4.ReactionContent
							Reactors struct{ TotalCount int }
						}
					}
				} `graphql:"comments(first: 50)"`
			} `graphql:"discussion(number: $number)"`
		} `graphql:"repository(owner: $owner, name: $name)"`
	}
	vars := map[string]any{"owner": githubv4.String(testOrg), "name": githubv4.String(communityRepo), "number": githubv4.Int(n)}
	for b.Loop() {
		if err := v4.Query(ctx, &q, vars); err != nil {
			b.Fatal(err)
		}
	}
	if len(q.Repository.Discussion.Comments.Nodes) != 50 {
		b.Fatalf("read %d comments", len(q.Repository.Discussion.Comments.Nodes))
	}
}
