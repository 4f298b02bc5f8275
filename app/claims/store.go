package claims

import (
	"context"
	"time"

	"github.com/mentorbot/mentorbot/app/store"
)

// Store is what the feature keeps in the store; *store.DB is one.
type Store interface {
	GetFAQPage(ctx context.Context, target string) (store.FAQPage, error)
	ActiveClaim(ctx context.Context, repo string, number int) (store.Claim, error)
	ActiveClaims(ctx context.Context) ([]store.Claim, error)
	Claim(ctx context.Context, req store.ClaimRequest, effects func(store.ClaimResult) []store.ClaimEffect) (store.ClaimResult, error)
	CompleteStarterTask(ctx context.Context, req store.CompleteRequest, effects func(store.CompleteResult) []store.ClaimEffect) (store.CompleteResult, error)
	ContributorPath(ctx context.Context, owner, login string) (store.Path, error)
	DueTimes(ctx context.Context, job string) (map[string]store.Due, error)
	EndClaim(ctx context.Context, c store.Claim, state, reason string) (bool, error)
	EndStarterTask(ctx context.Context, repo string, number int, state string, endClaim func(store.Claim) string, effects func(store.TaskEnd) []store.ClaimEffect) (store.TaskEnd, error)
	ExpireClaim(ctx context.Context, c store.Claim, next store.NextPicker, effects func(store.ReleaseResult) []store.ClaimEffect) (store.ReleaseResult, bool, error)
	FinishClaimEffect(ctx context.Context, key string) error
	ForgetDue(ctx context.Context, job string, items ...string) error
	GetBotComment(ctx context.Context, key string) (store.BotComment, error)
	GetMentorship(ctx context.Context, repo string, number int) (store.Mentorship, error)
	GetStarterTask(ctx context.Context, repo string, number int) (store.StarterTask, error)
	LapseOffer(ctx context.Context, w store.Waiter, next store.NextPicker, effects func(store.LapseResult) []store.ClaimEffect) (store.LapseResult, bool, error)
	OffersBefore(ctx context.Context, before time.Time) ([]store.Waiter, error)
	OpenStarterTask(ctx context.Context, t store.StarterTask) (store.StarterTask, bool, error)
	OpenStarterTasks(ctx context.Context, repo string) ([]store.StarterTask, error)
	PendingClaimEffects(ctx context.Context, repo string, number int) ([]store.ClaimEffect, error)
	RecordClaimActivity(ctx context.Context, repo string, number int, login string, at time.Time, pr int) (bool, error)
	RecordPathStep(ctx context.Context, s store.PathStep) (bool, error)
	Release(ctx context.Context, req store.ReleaseRequest, effects func(store.ReleaseResult) []store.ClaimEffect) (store.ReleaseResult, error)
	RemindClaim(ctx context.Context, c store.Claim, effects func(store.Claim) []store.ClaimEffect) (bool, error)
	SaveBotComment(ctx context.Context, key, repo string, number int, id int64) error
	SetDue(ctx context.Context, d store.Due) error
	TakeLease(ctx context.Context, name string, ttl time.Duration) (release func(), held bool, err error)
	UnlinkClaimPR(ctx context.Context, repo string, number, pr int, at time.Time) error
}
