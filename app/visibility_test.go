package app

import (
	"context"
	"net/http/httptest"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/mentorbot/mentorbot/app/gh/transport"
	"github.com/mentorbot/mentorbot/app/ghemu"
	"github.com/mentorbot/mentorbot/app/store"
)

// A repository's visibility is written when it is new or changed, not on
// every delivery.
func TestVisibilityIsWrittenOnlyWhenItChanges(t *testing.T) {
	ctx := context.Background()
	db, err := store.Open(ctx, "sqlite://"+filepath.Join(t.TempDir(), "v.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	rec := &visibilityRecorder{db: db, known: map[string]bool{}}
	public := []store.Visibility{{FullName: "Acme/Site", Private: false}}
	if err := rec.record(ctx, public); err != nil {
		t.Fatal(err)
	}
	// Another replica records it private meanwhile; this process, which
	// already wrote "public", does not write the same again.
	if err := db.RecordVisibility(ctx, []store.Visibility{{FullName: "acme/site", Private: true}}); err != nil {
		t.Fatal(err)
	}
	if err := rec.record(ctx, public); err != nil {
		t.Fatal(err)
	}
	if got, _ := db.PublicRepositories(ctx); got["acme/site"] {
		t.Fatal("an unchanged visibility was written again")
	}
	// A change this process sees is written.
	if err := rec.record(ctx, []store.Visibility{{FullName: "acme/site", Private: true}}); err != nil {
		t.Fatal(err)
	}
	if err := rec.record(ctx, public); err != nil {
		t.Fatal(err)
	}
	if got, _ := db.PublicRepositories(ctx); !got["acme/site"] {
		t.Fatal("a changed visibility was not written")
	}
}

// TestVisibilityBackfill: a store with the program's records but no word
// on visibility (from before it was recorded) shows anonymous visitors
// nothing; the start-up backfill, or the installation scan, records what
// the installations' listings say, and then the public repository shows
// while the private one, and the one no installation covers, stay hidden.
func TestVisibilityBackfill(t *testing.T) {
	for dialect, dbURL := range storeURLs(t) {
		for _, how := range []string{"start-up backfill", "installation scan"} {
			t.Run(dialect+"/"+how, func(t *testing.T) {
				ctx := context.Background()
				emu, err := ghemu.New(ghemu.Options{AppID: 1, AppSlug: "mentorbot"})
				if err != nil {
					t.Fatal(err)
				}
				srv := startEmulator(t, emu)
				emu.AddOrg("octo-org")
				emu.AddRepo("octo-org", "docs", ghemu.RepoOptions{})
				emu.AddRepo("octo-org", "billing", ghemu.RepoOptions{Private: true})
				emu.AddInstallation(installationID, "octo-org")
				cfg := testConfig(t, srv)
				if dbURL != "" {
					cfg.Database.URL = freshPostgres(t, os.Getenv("MENTORBOT_TEST_POSTGRES_URL"))
				}
				cfg.Github.App.IntegrationID = emu.AppID()
				cfg.Github.App.PrivateKey = string(emu.PrivateKeyPEM())
				// Built, not run: no scheduler of its own runs meanwhile.
				a, err := New(ctx, cfg, testLogger(t))
				if err != nil {
					t.Fatal(err)
				}
				defer a.Close()
				seedRecords(t, a.Store(), false)
				web := httptest.NewServer(a.Handler())
				defer web.Close()

				_, page := getWith(t, web.URL+"/")
				checkPage(t, page, nil, []accessRepo{publicRepo, privateRepo, unknownRepo})

				ctx = testLogger(t).WithContext(transport.Deferrable(ctx))
				switch how {
				case "start-up backfill":
					if err := a.backfill.Run(ctx); err != nil {
						t.Fatal(err)
					}
					emu.ResetCalls()
					if err := a.backfill.Run(ctx); err != nil || len(emu.Calls()) != 0 {
						t.Errorf("a second run made %d requests (%v); the backfill runs once", len(emu.Calls()), err)
					}
				case "installation scan":
					if _, err := a.programs.fullScan(ctx, time.Now()); err != nil {
						t.Fatal(err)
					}
				}
				_, page = getWith(t, web.URL+"/")
				checkPage(t, page, []accessRepo{publicRepo}, []accessRepo{privateRepo, unknownRepo})
			})
		}
	}
}

// A backfill that cannot read an installation does not try again every
// minute: it leaves that installation to the daily scan.
func TestVisibilityBackfillGivesUpOnAnUnreadableInstallation(t *testing.T) {
	ctx := context.Background()
	emu, err := ghemu.New(ghemu.Options{AppID: 1, AppSlug: "mentorbot"})
	if err != nil {
		t.Fatal(err)
	}
	srv := startEmulator(t, emu)
	emu.AddOrg("octo-org")
	emu.AddRepo("octo-org", "docs", ghemu.RepoOptions{})
	emu.AddInstallation(installationID, "octo-org")
	emu.InjectFault(ghemu.Fault{Method: "GET", Path: "/installation/repositories", Status: 404})
	cfg := testConfig(t, srv)
	cfg.Github.App.IntegrationID = emu.AppID()
	cfg.Github.App.PrivateKey = string(emu.PrivateKeyPEM())
	a, err := New(ctx, cfg, testLogger(t))
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close()
	seedRecords(t, a.Store(), false)
	ctx = testLogger(t).WithContext(transport.Deferrable(ctx))
	if err := a.backfill.Run(ctx); err != nil {
		t.Fatalf("a failed listing is left to the daily scan, not returned: %v", err)
	}
	if len(emu.Calls()) == 0 {
		t.Fatal("the backfill asked GitHub nothing")
	}
	emu.ResetCalls()
	if err := a.backfill.Run(ctx); err != nil || len(emu.Calls()) != 0 {
		t.Errorf("the next run made %d requests (%v)", len(emu.Calls()), err)
	}
}
