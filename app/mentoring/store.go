package mentoring

import (
	"context"
	"time"

	"github.com/mentorbot/mentorbot/app/store"
)

// Store is what the feature keeps in the store; *store.DB is one.
type Store interface {
	Assign(ctx context.Context, m store.Mentorship, choose store.Chooser) (store.Mentorship, bool, error)
	BeginBotComment(ctx context.Context, key, repo string, number int) error
	CloseContribution(ctx context.Context, repo string, number int, merged bool, at time.Time) error
	ContributorHistory(ctx context.Context, owner, login, kind string) (store.History, error)
	DueNow(ctx context.Context, owner, name string) error
	DueTimes(ctx context.Context, job string) (map[string]store.Due, error)
	EndMentorship(ctx context.Context, repo string, number int, reason string) (store.Mentorship, bool, error)
	ForgetDue(ctx context.Context, job string, items ...string) error
	GetBotComment(ctx context.Context, key string) (store.BotComment, error)
	GetContribution(ctx context.Context, repo string, number int) (store.Contribution, error)
	GetMentorship(ctx context.Context, repo string, number int) (store.Mentorship, error)
	MarkNudged(ctx context.Context, repo string, number int, at time.Time) error
	MentorLoads(ctx context.Context, owner string) (map[string]store.MentorLoad, error)
	OpenMentorships(ctx context.Context) ([]store.Mentorship, error)
	Reassign(ctx context.Context, repo string, number int, reason string, choose store.Chooser) (before, after store.Mentorship, changed bool, err error)
	RecordContribution(ctx context.Context, c store.Contribution) (store.Contribution, bool, error)
	RecordFirstResponse(ctx context.Context, repo string, number int, login string, at time.Time) (bool, error)
	RecordMentorResponse(ctx context.Context, repo string, number int, login string, at time.Time) (bool, error)
	SaveBotComment(ctx context.Context, key, repo string, number int, id int64) error
	ForgetBotComment(ctx context.Context, key string) error
	SaveLookup(ctx context.Context, owner, login, kind string, earlier int) error
	ServeWaiting(ctx context.Context, owner string, pick func(waiting []store.Mentorship, loads map[string]store.MentorLoad) (int, string, bool)) ([]store.Mentorship, error)
	SetDue(ctx context.Context, d store.Due) error
	SetMentorAway(ctx context.Context, owner, login string, away bool, until time.Time) error
	SpendReply(ctx context.Context, key, repo, login string, b store.ReplyBudget) (bool, error)
	WaitingMentorships(ctx context.Context, owner string) ([]store.Mentorship, error)
}
