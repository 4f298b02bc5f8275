package mentoring

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/mentorbot/mentorbot/app/gatherings/schedule"
	"github.com/mentorbot/mentorbot/app/repoconfig"
	"github.com/mentorbot/mentorbot/app/store"
	"github.com/mentorbot/mentorbot/app/textsafe"
)

// NextOfficeHours says when the next office hours are, for welcomes and
// guides: in UTC with a link that shows the time in the reader's own zone,
// and where they are announced; "" when the repository runs none.
func NextOfficeHours(cfg *repoconfig.Config, owner string, now time.Time) string {
	if !cfg.OfficeHours.Enabled() {
		return ""
	}
	next := cfg.OfficeHours.Plan().Sessions(now, 1)
	if len(next) == 0 {
		return ""
	}
	s := next[0]
	return fmt.Sprintf("%s–%s UTC ([your local time](%s)), announced in the Discussions of %s",
		s.Start.UTC().Format("Mon 2 Jan, 15:04"), s.End.UTC().Format("15:04"), schedule.ConverterURL(s.Start, ""),
		textsafe.Code(owner+"/"+cfg.OfficeHours.Repository))
}

// FAQPages finds the living FAQ discussion; *store.DB is one.
type FAQPages interface {
	GetFAQPage(ctx context.Context, target string) (store.FAQPage, error)
}

// FAQURL is the address of the owner's living FAQ discussion, for welcomes
// and guides; "" when `faq` is off or the discussion does not exist yet.
func FAQURL(ctx context.Context, st FAQPages, cfg *repoconfig.Config, owner string) (string, error) {
	target := cfg.FAQ.Target(owner)
	if target == "" {
		return "", nil
	}
	p, err := st.GetFAQPage(ctx, target)
	if errors.Is(err, store.ErrNotFound) {
		return "", nil
	}
	return p.URL, err
}
