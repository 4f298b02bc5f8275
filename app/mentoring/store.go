package mentoring

import (
	"context"
	"time"

	"github.com/mentorbot/mentorbot/app/store"
)

// Store is what the feature keeps in the store; *store.DB is one.
type Store interface {
	AbandonEffect(ctx context.Context, key, lastError string) error
	Assign(ctx context.Context, m store.Mentorship, choose store.Chooser) (store.Mentorship, bool, error)
	BeginBotComment(ctx context.Context, key, repo string, number int) error
	CloseContribution(ctx context.Context, repo string, number int, merged bool, at time.Time) error
	ContributorHistory(ctx context.Context, owner, login, kind string) (store.History, error)
	DueNow(ctx context.Context, owner, name string) error
	DueTimes(ctx context.Context, job string) (map[string]store.Due, error)
	Decided(ctx context.Context, decision string) (bool, error)
	DueEffects(ctx context.Context, now time.Time, limit int) ([]store.Effect, error)
	EndMentorship(ctx context.Context, repo string, number int, reason string) (store.Mentorship, bool, error)
	EndMentorshipPlanned(ctx context.Context, repo string, number int, reason, decision string, plan store.Plan) (store.Mentorship, bool, error)
	FinishEffect(ctx context.Context, key string) error
	ForgetBotComment(ctx context.Context, key string) error
	ForgetDue(ctx context.Context, job string, items ...string) error
	GetBotComment(ctx context.Context, key string) (store.BotComment, error)
	GetFAQPage(ctx context.Context, target string) (store.FAQPage, error)
	GetContribution(ctx context.Context, repo string, number int) (store.Contribution, error)
	GetMentorship(ctx context.Context, repo string, number int) (store.Mentorship, error)
	KeepMentor(ctx context.Context, repo string, number int, mentor string) (bool, error)
	MentorLoads(ctx context.Context, owner string) (map[string]store.MentorLoad, error)
	Nudge(ctx context.Context, repo string, number int, mentor string, at time.Time, decision string, effects []store.Effect) (bool, error)
	OpenMentorships(ctx context.Context) ([]store.Mentorship, error)
	PendingEffects(ctx context.Context, repo string, number int) ([]store.Effect, error)
	PostponeEffect(ctx context.Context, key, lastError string, next time.Time) error
	Reassign(ctx context.Context, repo string, number int, reason, decision string, choose store.Chooser, plan store.Plan) (before, after store.Mentorship, changed bool, err error)
	RecordContribution(ctx context.Context, c store.Contribution) (store.Contribution, bool, error)
	RecordMenteeActivity(ctx context.Context, owner, login string, at time.Time) (int64, error)
	RecordFirstResponse(ctx context.Context, repo string, number int, login string, at time.Time) (bool, error)
	RecordMentorResponse(ctx context.Context, repo string, number int, login string, at time.Time) (bool, error)
	SaveBotComment(ctx context.Context, key, repo string, number int, id int64) error
	SaveLookup(ctx context.Context, owner, login, kind string, earlier int) error
	ServeWaiting(ctx context.Context, owner string, pick func(waiting []store.Mentorship, loads map[string]store.MentorLoad) (int, string, bool), plan store.Plan) ([]store.Mentorship, error)
	SetDue(ctx context.Context, d store.Due) error
	SetMentorAway(ctx context.Context, owner, login string, away bool, until time.Time) error
	SpendReply(ctx context.Context, key, repo, login string, b store.ReplyBudget) (bool, error)
	TakeLease(ctx context.Context, name string, ttl time.Duration) (release func(), held bool, err error)
	WaitingMentorships(ctx context.Context, owner string) ([]store.Mentorship, error)
}
