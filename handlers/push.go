package handlers

import (
	"context"
	"encoding/json"
	"slices"
	"strings"

	"github.com/google/go-github/v60/github"
	"github.com/palantir/go-githubapp/githubapp"
	"github.com/rs/zerolog"

	"github.com/mentorbot/mentorbot/app/repoconfig"
	"github.com/mentorbot/mentorbot/app/store"
)

// pushCommitsListed is how many commits a push payload lists at most; a
// longer push may touch files the payload does not show.
const pushCommitsListed = 20

// Push makes a change to a mentorship.yml apply at once: a push to a
// repository's default branch that touches .github/mentorship.yml (or, in
// the owner's .github repository, mentorship.yml) forgets the cached file
// and makes the scheduled work that depends on it due. It costs no GitHub
// request: every push to every repository is delivered, and most end here.
type Push struct{ *Base }

var _ githubapp.EventHandler = (*Push)(nil)

func (h *Push) Handles() []string { return []string{"push"} }

func (h *Push) Handle(ctx context.Context, eventType, deliveryID string, payload []byte) error {
	var event github.PushEvent
	if err := json.Unmarshal(payload, &event); err != nil {
		return decodeError(eventType, err)
	}
	repo := event.GetRepo()
	owner, name, _ := strings.Cut(repo.GetFullName(), "/")
	logger := zerolog.Ctx(ctx).With().Str(githubapp.LogKeyRepositoryOwner, owner).Str(githubapp.LogKeyRepositoryName, name).Logger()
	if event.GetRef() != "refs/heads/"+repo.GetDefaultBranch() || event.GetDeleted() {
		logger.Debug().Str("ref", event.GetRef()).Msg("Ignoring a push off the default branch")
		return nil
	}
	own, ownerWide := configPaths(&event, name)
	if !own && !ownerWide {
		logger.Debug().Msg("Ignoring a push that leaves mentorship.yml as it was")
		return nil
	}
	installationID := githubapp.GetInstallationIDFromEvent(&event)
	if ownerWide {
		h.GitHub.ForgetConfig(owner, "")
		if err := h.Store.DueNow(ctx, owner, ""); err != nil {
			return err
		}
		// Any repository may now run office hours: look at all of them.
		if err := h.Store.SetDue(ctx, store.Due{Job: store.DueHoursScan, Item: store.DueItemAllRepos}); err != nil {
			return err
		}
		logger.Info().Msg("The owner's mentorship.yml changed; it applies from the next scheduler run")
	}
	if own {
		h.GitHub.ForgetConfig(owner, name)
		if err := h.Store.DueNow(ctx, owner, name); err != nil {
			return err
		}
		check := store.Due{Job: store.DueHoursCheck, Item: strings.ToLower(repo.GetFullName()), InstallationID: installationID, Repo: repo.GetFullName()}
		if err := h.Store.SetDue(ctx, check); err != nil {
			return err
		}
		logger.Info().Msg("The repository's mentorship.yml changed; it applies from the next scheduler run")
	}
	return nil
}

// configPaths tells whether the push touches the repository's own
// mentorship.yml and, in the owner's .github repository, the owner-wide
// one. A push longer than its payload shows counts as touching both.
func configPaths(event *github.PushEvent, repo string) (own, ownerWide bool) {
	dotGithub := strings.EqualFold(repo, repoconfig.OwnerRepo)
	truncated := len(event.Commits) >= pushCommitsListed
	for _, c := range append(slices.Clone(event.Commits), event.GetHeadCommit()) {
		if c == nil {
			continue
		}
		for _, files := range [][]string{c.Added, c.Modified, c.Removed} {
			own = own || slices.Contains(files, repoconfig.Path)
			ownerWide = ownerWide || dotGithub && slices.Contains(files, repoconfig.OwnerPath)
		}
	}
	return own || truncated, ownerWide || truncated && dotGithub
}
