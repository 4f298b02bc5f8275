package handlers

import (
	"fmt"
	"strings"

	"github.com/google/go-github/v60/github"

	"github.com/mentorbot/mentorbot/app/queue"
)

// malformed marks a payload that parses but lacks an object the handler
// needs (pull_request: null, issue: null, user: null, an empty login):
// GitHub never sends one, so it is a forgery or a broken proxy, and
// retrying cannot fix it. The delivery becomes a dead letter at once,
// with the reason, and nobody is welcomed or given a mentor.
func malformed(event, format string, args ...any) error {
	return queue.Permanent(fmt.Errorf("malformed %s payload: "+format, append([]any{event}, args...)...))
}

// requireRepo checks the repository every handled payload carries.
func requireRepo(event string, repo *github.Repository) error {
	if repo == nil {
		return malformed(event, "no repository")
	}
	if strings.TrimSpace(repo.GetOwner().GetLogin()) == "" || strings.TrimSpace(repo.GetName()) == "" {
		return malformed(event, "the repository has no owner or name")
	}
	return nil
}

// requireItem checks the pull request or issue a payload is about: it is
// there, it has a number, and its author has a login.
func requireItem(event, object string, present bool, number int, author *github.User) error {
	switch {
	case !present:
		return malformed(event, "%s is null or missing", object)
	case number <= 0:
		return malformed(event, "%s has no number", object)
	case author == nil:
		return malformed(event, "%s.user is null or missing", object)
	case strings.TrimSpace(author.GetLogin()) == "":
		return malformed(event, "%s.user has an empty login", object)
	}
	return nil
}
