package gatherings

import (
	"context"
	"time"

	"github.com/mentorbot/mentorbot/app/figures"
	"github.com/mentorbot/mentorbot/app/store"
)

// Store is what the feature keeps in the store; *store.DB is one.
type Store interface {
	AddActionItem(ctx context.Context, a store.ActionItem) (bool, error)
	AddFAQEntry(ctx context.Context, e store.FAQEntry) (bool, error)
	AddKudo(ctx context.Context, k store.Kudo) (bool, error)
	BeginBotComment(ctx context.Context, key, repo string, number int) error
	ClaimHoursNotice(ctx context.Context, n store.HoursNotice) (store.HoursNotice, bool, error)
	ClaimHoursPost(ctx context.Context, p store.HoursPost, stale time.Duration) (store.HoursPost, bool, error)
	DeleteHoursNotice(ctx context.Context, key string) error
	DueBy(ctx context.Context, job, owner string, at time.Time) error
	FAQEntries(ctx context.Context, owner string, limit int) ([]store.FAQEntry, error)
	GetFAQPage(ctx context.Context, target string) (store.FAQPage, error)
	SaveFAQPage(ctx context.Context, p store.FAQPage) error
	FirstHoursAnnouncement(ctx context.Context, target string) (start time.Time, ok bool, err error)
	GetBotComment(ctx context.Context, key string) (store.BotComment, error)
	GetHoursPost(ctx context.Context, target, sessionKey, kind string) (store.HoursPost, error)
	HoursNotices(ctx context.Context, target string) ([]store.HoursNotice, error)
	MarkHoursNoticeUnpostable(ctx context.Context, key string) error
	HoursPostByDiscussion(ctx context.Context, discussionID string) (store.HoursPost, error)
	HoursRecaps(ctx context.Context, target string, since time.Time) ([]store.HoursPost, error)
	HoursRoles(ctx context.Context, target string, since time.Time) ([]store.HoursRole, error)
	MarkHoursPostUncertain(ctx context.Context, target, sessionKey, kind string) error
	LoadMetrics(ctx context.Context, s figures.Scope, r figures.Range, progress func(done, total int)) (figures.Data, error)
	MentorLoads(ctx context.Context, owner string) (map[string]store.MentorLoad, error)
	MergedFirstPullRequests(ctx context.Context, owner string, from, to time.Time) ([]store.Contribution, error)
	Newcomers(ctx context.Context, owner string, from, to time.Time) ([]store.Newcomer, error)
	PendingKudosFrom(ctx context.Context, owner, giver string) (int, error)
	ReleaseHoursPost(ctx context.Context, target, sessionKey, kind string) error
	SaveBotComment(ctx context.Context, key, repo string, number int, id int64) error
	SaveHoursNotice(ctx context.Context, key string, number int) error
	SaveHoursPost(ctx context.Context, p store.HoursPost) error
	SaveHoursPulse(ctx context.Context, target, sessionKey string, up, down int) error
	SaveHoursRoles(ctx context.Context, target string, roles []store.HoursRole) error
	SetDue(ctx context.Context, d store.Due) error
	SpendReply(ctx context.Context, key, repo, login string, b store.ReplyBudget) (bool, error)
	TakeRecapNotes(ctx context.Context, p store.RecapPeriod) (store.RecapNotes, error)
	TookPart(ctx context.Context, owner, login string) (bool, error)
}
