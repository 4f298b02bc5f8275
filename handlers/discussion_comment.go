package handlers

import (
	"context"
	"encoding/json"
	"errors"
	"strings"

	"github.com/google/go-github/v60/github"
	"github.com/palantir/go-githubapp/githubapp"

	"github.com/mentorbot/mentorbot/app/commands"
	"github.com/mentorbot/mentorbot/app/gatherings"
	"github.com/mentorbot/mentorbot/app/program"
	"github.com/mentorbot/mentorbot/app/repoconfig"
	"github.com/mentorbot/mentorbot/app/store"
)

// DiscussionComment runs /kudos, /faq and /action written in discussions.
type DiscussionComment struct{ *Base }

var _ githubapp.EventHandler = (*DiscussionComment)(nil)

func (h *DiscussionComment) Handles() []string { return []string{"discussion_comment"} }

// bodyChange is the part of an "edited" payload go-github leaves out.
type bodyChange struct {
	Changes struct {
		Body struct {
			From string `json:"from"`
		} `json:"body"`
	} `json:"changes"`
}

func (h *DiscussionComment) Handle(ctx context.Context, eventType, deliveryID string, payload []byte) error {
	var event github.DiscussionCommentEvent
	var change bodyChange
	if err := json.Unmarshal(payload, &event); err != nil {
		return decodeError(eventType, err)
	}
	if err := json.Unmarshal(payload, &change); err != nil {
		return decodeError(eventType, err)
	}
	switch event.GetAction() {
	case "created", "edited":
	default:
		return nil
	}
	comment, discussion, repo := event.GetComment(), event.GetDiscussion(), event.GetRepo()
	author := comment.GetUser()
	if author.GetType() == "Bot" {
		return nil
	}
	// The one parse of the comment; what an edit kept ran before.
	fresh := gatherings.NewCommands(change.Changes.Body.From, commands.Parse(comment.GetBody()))
	if len(fresh) == 0 {
		return nil
	}
	ctx, logger := githubapp.PrepareRepoContext(ctx, event.GetInstallation().GetID(), repo)
	client, installationID, err := h.client(ctx, event.GetInstallation().GetID(), repo)
	if err != nil {
		return err
	}
	cfg, err := h.config(ctx, client, repoOf(repo), discussion.GetNodeID())
	if skip, err := skip(ctx, err); skip {
		return err
	}
	api, err := h.GitHub.Discussions(installationID)
	if err != nil {
		return err
	}
	at := comment.GetCreatedAt().Time
	if event.GetAction() == "edited" {
		at = comment.GetUpdatedAt().Time
	}
	role, err := api.Role(ctx, repoOf(repo), author.GetLogin(), comment.GetAuthorAssociation())
	if err != nil {
		return err
	}
	_, listed := cfg.FindMentor(author.GetLogin())
	read := commands.Select(fresh, commands.Actor{Association: comment.GetAuthorAssociation(), Permission: role, IsListedMentor: listed}.Trusted())
	logger.Debug().Str("comment", comment.GetNodeID()).Msg("Running discussion comment commands")
	return h.Gatherings.DiscussionCommands(ctx, api, cfg,
		gatherings.Place{Repo: repoOf(repo), DiscussionID: discussion.GetNodeID(), Number: discussion.GetNumber(), Title: discussion.GetTitle()},
		gatherings.Comment{
			ID: comment.GetNodeID(), IsReply: comment.GetParentID() != 0, Author: author.GetLogin(),
			Association: comment.GetAuthorAssociation(), Permission: role, Body: comment.GetBody(), Before: change.Changes.Body.From,
			Own: strings.EqualFold(event.GetSender().GetLogin(), author.GetLogin()), URL: comment.GetHTMLURL(), At: at,
		}, read)
}

// config loads the configuration that applies in a discussion: in an
// office-hours discussion, that of the repository that set the session up;
// elsewhere, the repository's own.
func (h *DiscussionComment) config(ctx context.Context, client *github.Client, r program.Repo, discussionID string) (*repoconfig.Config, error) {
	session, err := h.Store.HoursPostByDiscussion(ctx, discussionID)
	switch {
	case err == nil && session.ConfigRepo != "":
		r.Owner, r.Name, _ = strings.Cut(session.ConfigRepo, "/")
	case err != nil && !errors.Is(err, store.ErrNotFound):
		return nil, err
	}
	return h.GitHub.LoadConfig(ctx, client, r.Owner, r.Name)
}
