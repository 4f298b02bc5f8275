package mentoring

import (
	"fmt"
	"time"

	"github.com/mentorbot/mentorbot/app/repoconfig"
	"github.com/mentorbot/mentorbot/app/textsafe"
)

// NextOfficeHours says when the next office hours are, for welcomes and
// guides; "" when the repository runs none.
func NextOfficeHours(cfg *repoconfig.Config, owner string, now time.Time) string {
	if !cfg.OfficeHours.Enabled() {
		return ""
	}
	next := cfg.OfficeHours.Plan().Sessions(now, 1)
	if len(next) == 0 {
		return ""
	}
	s := next[0]
	return fmt.Sprintf("%s–%s UTC, announced in the Discussions of %s",
		s.Start.UTC().Format("Mon 2 Jan, 15:04"), s.End.UTC().Format("15:04"), textsafe.Code(owner+"/"+cfg.OfficeHours.Repository))
}
