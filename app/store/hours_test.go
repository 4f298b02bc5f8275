package store

import (
	"context"
	"errors"
	"github.com/mentorbot/mentorbot/app/program"
	"slices"
	"testing"
	"time"
)

func TestHoursPostClaims(t *testing.T) {
	forEachStore(t, func(t *testing.T, db *DB) {
		ctx := context.Background()
		c := &clock{t: time.Date(2026, 11, 30, 17, 0, 0, 0, time.UTC)}
		db.SetClock(c.now)
		p := HoursPost{Target: "acme/community", SessionKey: "2026-12-03T17:00Z", Kind: HoursAnnouncement, Owner: "acme",
			ConfigRepo: "acme/widgets", InstallationID: 7, Start: c.t.Add(72 * time.Hour), End: c.t.Add(73 * time.Hour)}

		got, ok, err := db.ClaimHoursPost(ctx, p, 10*time.Minute)
		if err != nil || !ok || got.State != HoursPosting || got.Uncertain {
			t.Fatalf("first claim: %+v %v %v", got, ok, err)
		}
		if _, ok, _ := db.ClaimHoursPost(ctx, p, 10*time.Minute); ok {
			t.Fatal("a fresh claim was taken twice")
		}
		if err := db.MarkHoursPostUncertain(ctx, p.Target, p.SessionKey, p.Kind); err != nil {
			t.Fatal(err)
		}
		c.advance(11 * time.Minute) // the writer stopped
		got, ok, _ = db.ClaimHoursPost(ctx, p, 10*time.Minute)
		if !ok || !got.Uncertain {
			t.Fatalf("stale claim not taken over, or uncertainty lost: %+v %v", got, ok)
		}
		if err := db.ReleaseHoursPost(ctx, p.Target, p.SessionKey, p.Kind); err != nil {
			t.Fatal(err)
		}
		if _, ok, _ := db.ClaimHoursPost(ctx, p, 10*time.Minute); !ok {
			t.Fatal("a released claim was not free")
		}
		p.DiscussionID, p.NodeID, p.Number, p.URL = "D_1", "D_1", 4, "https://example.test/acme/community/discussions/4"
		if err := db.SaveHoursPost(ctx, p); err != nil {
			t.Fatal(err)
		}
		c.advance(time.Hour)
		got, ok, _ = db.ClaimHoursPost(ctx, p, 10*time.Minute)
		if ok || got.State != HoursPosted || got.Number != 4 || got.Uncertain {
			t.Fatalf("posted post claimed again or wrong: %+v %v", got, ok)
		}
		first, ok, err := db.FirstHoursAnnouncement(ctx, "acme/community")
		if err != nil || !ok || !first.Equal(p.Start) {
			t.Fatalf("first announcement %v %v %v", first, ok, err)
		}
		if _, ok, _ := db.FirstHoursAnnouncement(ctx, "acme/other"); ok {
			t.Fatal("a target without announcements has a first one")
		}
		byDisc, err := db.HoursPostByDiscussion(ctx, "D_1")
		if err != nil || byDisc.SessionKey != p.SessionKey || byDisc.ConfigRepo != "acme/widgets" {
			t.Fatalf("by discussion: %+v %v", byDisc, err)
		}
		if _, err := db.HoursPostByDiscussion(ctx, "D_2"); !errors.Is(err, ErrNotFound) {
			t.Fatalf("unknown discussion: %v", err)
		}
	})
}

func TestHoursRecapsAndPulse(t *testing.T) {
	forEachStore(t, func(t *testing.T, db *DB) {
		ctx := context.Background()
		c := &clock{t: time.Date(2026, 12, 3, 18, 0, 0, 0, time.UTC)}
		db.SetClock(c.now)
		for _, kind := range []string{HoursAnnouncement, HoursRecap} {
			p := HoursPost{Target: "acme/community", SessionKey: "k1", Kind: kind, Owner: "acme", Start: c.t, End: c.t.Add(time.Hour)}
			if _, ok, err := db.ClaimHoursPost(ctx, p, time.Minute); !ok || err != nil {
				t.Fatal(ok, err)
			}
			p.DiscussionID, p.Attending, p.Maybe, p.Commenters = "D_9", 3, 1, 2
			if err := db.SaveHoursPost(ctx, p); err != nil {
				t.Fatal(err)
			}
		}
		if err := db.SaveHoursPulse(ctx, "acme/community", "k1", 4, 1); err != nil {
			t.Fatal(err)
		}
		recaps, err := db.HoursRecaps(ctx, "acme/community", c.t.Add(-time.Hour))
		if err != nil || len(recaps) != 1 {
			t.Fatalf("recaps %+v %v", recaps, err)
		}
		if r := recaps[0]; r.Kind != HoursRecap || r.PulseUp != 4 || r.PulseDown != 1 || r.Attending != 3 || r.Maybe != 1 {
			t.Fatalf("recap %+v", r)
		}
		if later, _ := db.HoursRecaps(ctx, "acme/community", c.t.Add(time.Hour)); len(later) != 0 {
			t.Fatalf("recaps since after it: %+v", later)
		}
		if a, err := db.GetHoursPost(ctx, "acme/community", "k1", HoursAnnouncement); err != nil || a.State != HoursPosted || a.PulseUp != 0 {
			t.Fatalf("announcement %+v %v", a, err)
		}
	})
}

func TestHoursRoles(t *testing.T) {
	forEachStore(t, func(t *testing.T, db *DB) {
		ctx := context.Background()
		start := time.Date(2026, 12, 3, 17, 0, 0, 0, time.UTC)
		roles := []HoursRole{
			{SessionKey: "s1", Role: "host", Login: "Ana", Start: start},
			{SessionKey: "s1", Role: "note-taker", Login: "", Start: start},
		}
		if err := db.SaveHoursRoles(ctx, "acme/community", roles); err != nil {
			t.Fatal(err)
		}
		roles[0].Login = "bo" // saved again: replaced, not added
		if err := db.SaveHoursRoles(ctx, "acme/community", roles); err != nil {
			t.Fatal(err)
		}
		got, err := db.HoursRoles(ctx, "acme/community", start.Add(-time.Hour))
		if err != nil {
			t.Fatal(err)
		}
		if len(got) != 1 || got[0].Login != "bo" || got[0].Role != "host" || !got[0].Start.Equal(start) {
			t.Fatalf("roles %+v", got)
		}
		bad := []HoursRole{{SessionKey: "s1", Role: "a", Login: "x"}, {SessionKey: "s2", Role: "b", Login: "y"}}
		if err := db.SaveHoursRoles(ctx, "acme/community", bad); err == nil {
			t.Fatal("roles of two sessions saved as one")
		}
	})
}

func TestRecapNotesAreTakenOnce(t *testing.T) {
	forEachStore(t, func(t *testing.T, db *DB) {
		ctx := context.Background()
		t0 := time.Date(2026, 12, 1, 12, 0, 0, 0, time.UTC)
		s1 := time.Date(2026, 12, 3, 17, 0, 0, 0, time.UTC)
		s2 := s1.AddDate(0, 0, 14)
		add := func(ok bool, err error) {
			t.Helper()
			if err != nil || !ok {
				t.Fatalf("add: %v %v", ok, err)
			}
		}
		add(db.AddKudo(ctx, Kudo{Source: "k1", Owner: "acme", Giver: "ana", Recipient: "newbie", Reason: "great docs", GivenAt: t0}))
		if ok, err := db.AddKudo(ctx, Kudo{Source: "k1", Owner: "acme", Giver: "ana", Recipient: "newbie", GivenAt: t0}); ok || err != nil {
			t.Fatalf("kudo recorded twice: %v %v", ok, err)
		}
		add(db.AddKudo(ctx, Kudo{Source: "k2", Owner: "acme", Giver: "bo", Recipient: "cy", GivenAt: s1.Add(2 * time.Hour)}))
		add(db.AddKudo(ctx, Kudo{Source: "k3", Owner: "other", Giver: "bo", Recipient: "cy", GivenAt: t0}))
		add(db.AddFAQEntry(ctx, FAQEntry{Source: "f1", Owner: "acme", Author: "ana", Excerpt: "How to build", URL: "u", SavedAt: t0}))
		add(db.AddActionItem(ctx, ActionItem{Source: "a1", Target: "acme/community", SessionKey: "s1", SessionStart: s1, Author: "bo", Text: "fix CI", CreatedAt: t0}))
		add(db.AddActionItem(ctx, ActionItem{Source: "a2", Target: "acme/community", SessionKey: "s2", SessionStart: s2, Author: "bo", Text: "later", CreatedAt: t0}))

		p1 := RecapPeriod{Owner: "acme", Target: "acme/community", Report: "acme/community@s1", Until: s1.Add(time.Hour), SessionStart: s1}
		n, err := db.TakeRecapNotes(ctx, p1)
		if err != nil {
			t.Fatal(err)
		}
		if len(n.Kudos) != 1 || n.Kudos[0].Recipient != "newbie" || len(n.FAQ) != 1 || len(n.Actions) != 1 || n.Actions[0].Text != "fix CI" {
			t.Fatalf("first recap notes %+v", n)
		}
		again, err := db.TakeRecapNotes(ctx, p1)
		if err != nil || len(again.Kudos) != 1 || len(again.FAQ) != 1 || len(again.Actions) != 1 {
			t.Fatalf("a retried recap shows other notes: %+v %v", again, err)
		}
		// An action item about s1 written after its recap went out goes
		// to the next recap.
		add(db.AddActionItem(ctx, ActionItem{Source: "a3", Target: "acme/community", SessionKey: "s1", SessionStart: s1, Author: "cy", Text: "late", CreatedAt: s1.Add(3 * time.Hour)}))
		p2 := RecapPeriod{Owner: "acme", Target: "acme/community", Report: "acme/community@s2", Until: s2.Add(time.Hour), SessionStart: s2}
		n2, err := db.TakeRecapNotes(ctx, p2)
		if err != nil {
			t.Fatal(err)
		}
		var texts []string
		for _, a := range n2.Actions {
			texts = append(texts, a.Text)
		}
		if len(n2.Kudos) != 1 || n2.Kudos[0].Source != "k2" || len(n2.FAQ) != 0 || !slices.Equal(texts, []string{"later", "late"}) {
			t.Fatalf("second recap notes %+v", n2)
		}
	})
}

func TestHoursNotices(t *testing.T) {
	forEachStore(t, func(t *testing.T, db *DB) {
		ctx := context.Background()
		c := &clock{t: time.Date(2026, 11, 30, 17, 0, 0, 0, time.UTC)}
		db.SetClock(c.now)
		n := HoursNotice{Key: "acme/community:category", Target: "acme/community", Problem: "category", Repo: "acme/widgets"}
		got, ok, err := db.ClaimHoursNotice(ctx, n)
		if err != nil || !ok || got.State != NoticePosting || !got.CheckedAt.Equal(c.t) {
			t.Fatalf("claim: %+v %v %v", got, ok, err)
		}
		if err := db.SaveHoursNotice(ctx, n.Key, 12); err != nil {
			t.Fatal(err)
		}
		c.advance(time.Hour)
		got, ok, _ = db.ClaimHoursNotice(ctx, n)
		if ok || got.Number != 12 || got.State != NoticeOpen || !got.CheckedAt.Equal(c.t) {
			t.Fatalf("claimed twice, or not marked as seen: %+v %v", got, ok)
		}
		list, err := db.HoursNotices(ctx, "acme/community")
		if err != nil || len(list) != 1 || list[0].Repo != "acme/widgets" {
			t.Fatalf("notices %+v %v", list, err)
		}
		if err := db.DeleteHoursNotice(ctx, n.Key); err != nil {
			t.Fatal(err)
		}
		if _, ok, _ := db.ClaimHoursNotice(ctx, n); !ok {
			t.Fatal("a solved problem cannot be reported again")
		}
	})
}

func TestProgramQueries(t *testing.T) {
	forEachStore(t, func(t *testing.T, db *DB) {
		ctx := context.Background()
		t0 := time.Date(2026, 11, 20, 9, 0, 0, 0, time.UTC)
		for i, c := range []Contribution{
			{Repo: "acme/w", Number: 1, Owner: "acme", Kind: program.KindPullRequest, Login: "Newbie", FirstTimer: true, OpenedAt: t0},
			{Repo: "acme/w", Number: 2, Owner: "acme", Kind: program.KindIssue, Login: "newbie", FirstTimer: true, OpenedAt: t0.Add(time.Hour)},
			{Repo: "acme/w", Number: 3, Owner: "acme", Kind: program.KindPullRequest, Login: "old", FirstTimer: false, OpenedAt: t0},
			{Repo: "acme/w", Number: 4, Owner: "acme", Kind: program.KindPullRequest, Login: "fresh", FirstTimer: true, OpenedAt: t0.Add(2 * time.Hour)},
			{Repo: "acme/w", Number: 5, Owner: "acme", Kind: program.KindPullRequest, Login: "early", FirstTimer: true, OpenedAt: t0.Add(-48 * time.Hour)},
		} {
			if _, _, err := db.RecordContribution(ctx, c); err != nil {
				t.Fatal(i, err)
			}
		}
		db.RecordFirstResponse(ctx, "acme/w", 1, "ana", t0.Add(3*time.Hour))
		db.RecordFirstResponse(ctx, "acme/w", 4, "bo", t0.Add(3*time.Hour))
		db.CloseContribution(ctx, "acme/w", 1, true, t0.Add(24*time.Hour))
		db.CloseContribution(ctx, "acme/w", 3, true, t0.Add(24*time.Hour))

		from, to := t0.Add(-time.Hour), t0.Add(7*24*time.Hour)
		ns, err := db.Newcomers(ctx, "acme", from, to)
		if err != nil {
			t.Fatal(err)
		}
		if len(ns) != 2 || ns[0].Login != "Newbie" || ns[1].Login != "fresh" {
			t.Fatalf("newcomers %+v", ns)
		}
		merged, err := db.MergedFirstPullRequests(ctx, "acme", from, to)
		if err != nil || len(merged) != 1 || merged[0].Number != 1 || merged[0].Login != "Newbie" {
			t.Fatalf("merged %+v %v", merged, err)
		}
	})
}
