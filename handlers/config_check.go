package handlers

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/google/go-github/v60/github"
	"github.com/rs/zerolog"

	"github.com/mentorbot/mentorbot/app/program"
	"github.com/mentorbot/mentorbot/app/repoconfig"
)

// checkConfigChange validates mentorship.yml as a pull request changes it
// and says what is wrong on the pull request, in one comment that later
// pushes update (and that says so once the file is fixed).
func (h *PullRequest) checkConfigChange(ctx context.Context, client *github.Client, it program.Item, headSHA string) error {
	path := changedConfig(it)
	if path == "" {
		return nil
	}
	file, _, _, err := client.Repositories.GetContents(ctx, it.Repo.Owner, it.Repo.Name, path, &github.RepositoryContentGetOptions{Ref: headSHA})
	if err != nil {
		if strings.Contains(err.Error(), "404") {
			return nil // deleted by the pull request
		}
		return fmt.Errorf("read %s at %s: %w", path, headSHA, err)
	}
	content, err := file.GetContent()
	if err != nil {
		return fmt.Errorf("decode %s: %w", path, err)
	}
	key := fmt.Sprintf("config-check:%s#%d", it.Repo.FullName(), it.Number)
	start := time.Now()
	_, perr := repoconfig.Parse([]byte(content))
	took := time.Since(start)
	if perr == nil {
		return h.Program.UpdateIfPosted(ctx, h.GitHub.API(client), it, key,
			fmt.Sprintf("✅ `%s` is valid now (checked at %s). Thank you!", path, shortSHA(headSHA)))
	}
	zerolog.Ctx(ctx).Info().Str("path", path).Str("check_took", took.String()).Msg("Pull request makes mentorship.yml invalid; saying so")
	body := fmt.Sprintf("⚠️ This pull request changes `%s`, and mentorbot cannot use it as it stands (checked at %s):\n\n%s\n\n"+
		"Run `mentorbot check %s` locally to see the same report. Until it is fixed, the repository keeps the configuration of its default branch.",
		path, shortSHA(headSHA), repoconfig.MarkdownProblems(perr), path)
	return h.Program.Upsert(ctx, h.GitHub.API(client), it, key, body)
}

// changedConfig returns the configuration path a pull request touches.
func changedConfig(it program.Item) string {
	for _, f := range it.Files {
		if f == repoconfig.Path || (it.Repo.Name == repoconfig.OwnerRepo && f == repoconfig.OwnerPath) {
			return f
		}
	}
	return ""
}

func shortSHA(s string) string {
	if len(s) > 7 {
		return s[:7]
	}
	return s
}
