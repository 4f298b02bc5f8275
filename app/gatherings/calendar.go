package gatherings

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/mentorbot/mentorbot/app/store"
)

// CalendarDays is how far ahead a calendar lists sessions.
const CalendarDays = 90

// CalendarEvent is one session as a calendar shows it.
type CalendarEvent struct {
	// UID is stable across fetches and restarts: it is made of the owner,
	// the target repository, the series and the session's key only.
	UID        string
	Summary    string
	Start, End time.Time // UTC
	Cancelled  bool
	JoinURL    string // where the session happens; may be ""
	// AnnouncementURL is the announcement discussion once it is posted.
	AnnouncementURL string
	Description     string
	// Sequence goes up by one each time anything above changes.
	Sequence int
}

// CalendarStore is what the calendar reads and keeps; *store.DB is one.
type CalendarStore interface {
	GetHoursPost(ctx context.Context, target, sessionKey, kind string) (store.HoursPost, error)
	CalendarSequence(ctx context.Context, uid, digest string) (int, error)
}

// CalendarEvents lists the sessions, cancelled ones included, of the
// programs' series that start within CalendarDays of now, ordered by start.
// A series that two programs share (an owner-wide configuration read for
// several repositories) is listed once. The caller passes only the
// programs it may show.
func CalendarEvents(ctx context.Context, st CalendarStore, programs []Program, now time.Time) ([]CalendarEvent, error) {
	now = now.UTC()
	seen := map[string]bool{}
	var out []CalendarEvent
	for _, p := range programs {
		for _, s := range p.Series() {
			for _, sn := range s.Plan().Between(now, now.AddDate(0, 0, CalendarDays)) {
				uid := strings.ToLower(fmt.Sprintf("%s-%s-%s-%s@mentorbot", s.Target.Owner, s.Target.Name, s.Key, sn.Key))
				if seen[uid] {
					continue
				}
				seen[uid] = true
				ev := CalendarEvent{
					UID: uid, Start: sn.Start, End: sn.End, Cancelled: sn.Cancelled,
					Summary: s.Title(), JoinURL: s.Config.JoinURL,
				}
				if !sn.Cancelled {
					post, err := st.GetHoursPost(ctx, s.StoreTarget, sn.Key, store.HoursAnnouncement)
					switch {
					case err == nil && post.State == store.HoursPosted:
						ev.AnnouncementURL = post.URL
					case err != nil && !errors.Is(err, store.ErrNotFound):
						return nil, err
					}
				}
				ev.Description = eventDescription(ev, s)
				seq, err := st.CalendarSequence(ctx, uid, ev.digest())
				if err != nil {
					return nil, err
				}
				ev.Sequence = seq
				out = append(out, ev)
			}
		}
	}
	slices.SortFunc(out, func(a, b CalendarEvent) int {
		return strings.Compare(a.Start.Format(time.RFC3339)+a.UID, b.Start.Format(time.RFC3339)+b.UID)
	})
	return out, nil
}

// eventDescription is the event's plain-text notes.
func eventDescription(ev CalendarEvent, s Series) string {
	var lines []string
	if ev.Cancelled {
		lines = append(lines, "This session is cancelled.")
	}
	if ev.JoinURL != "" && !ev.Cancelled {
		lines = append(lines, "Join: "+ev.JoinURL)
	}
	if s.Config.ChatURL != "" {
		lines = append(lines, "Chat between sessions: "+s.Config.ChatURL)
	}
	if ev.AnnouncementURL != "" {
		lines = append(lines, "Announcement, agenda and RSVP: "+ev.AnnouncementURL)
	} else if !ev.Cancelled {
		lines = append(lines, fmt.Sprintf("Announced %d days ahead in the Discussions of %s.", s.Config.AnnounceDaysBefore, s.Target.FullName()))
	}
	return strings.Join(lines, "\n")
}

// digest hashes what a calendar client shows of the event.
func (ev CalendarEvent) digest() string {
	h := sha256.New()
	fmt.Fprintf(h, "%s\x00%d\x00%d\x00%t\x00%s\x00%s\x00%s", ev.Summary, ev.Start.Unix(), ev.End.Unix(), ev.Cancelled,
		ev.JoinURL, ev.AnnouncementURL, ev.Description)
	return hex.EncodeToString(h.Sum(nil)[:16])
}
