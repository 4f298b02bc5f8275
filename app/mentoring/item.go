package mentoring

import (
	"fmt"
	"time"

	"github.com/mentorbot/mentorbot/app/store"
)

// Item is a pull request or issue as the program sees it.
type Item struct {
	Repo           Repo
	InstallationID int64
	Number         int
	Kind           string // store.KindPullRequest or store.KindIssue
	Author         string
	AuthorType     string // "User" or "Bot"
	Association    string
	Title          string
	URL            string
	CreatedAt      time.Time
	Labels         []string
	// Files are a pull request's changed paths when the caller already
	// listed them; nil means the program lists them if it needs them.
	Files []string
}

func (it Item) kindWord() string {
	if it.Kind == store.KindPullRequest {
		return "pull request"
	}
	return "issue"
}

func (it Item) String() string { return fmt.Sprintf("%s#%d", it.Repo.FullName(), it.Number) }
