package app

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/mentorbot/mentorbot/app/ghemu"
	"github.com/mentorbot/mentorbot/app/store"
)

// lifecycleWorld is a world with one first-timer pull request paired with
// a mentor.
func lifecycleWorld(t *testing.T) (*world, int) {
	t.Helper()
	w := newWorld(t, defaultMentorship)
	n := w.openPR("newbie")
	w.settle()
	if w.mentorOf(n) == "" {
		t.Fatal("no mentor before the lifecycle event")
	}
	return w, n
}

func (w *world) mentorshipState(repo string, number int) string {
	w.t.Helper()
	m, err := w.db.GetMentorship(context.Background(), repo, number)
	if err != nil {
		w.t.Fatalf("%s#%d: %v", repo, number, err)
	}
	return m.State
}

// callsFor lists the recorded calls that concern the installation or the
// repository: tokens minted for it, and REST calls under it.
func (w *world) callsFor(repo string) []string {
	var out []string
	for _, c := range w.emu.Calls() {
		if strings.Contains(c.Path, "/installations/4242/") || strings.Contains(strings.ToLower(c.Path), "/repos/"+strings.ToLower(repo)+"/") {
			out = append(out, c.Method+" "+c.Path)
		}
	}
	return out
}

func (w *world) postEdited(event, file string, edit func(map[string]any)) {
	w.t.Helper()
	body := editJSON(w.t, readPayload(w.t, file), edit)
	if res := post(w.t, w.app.url, event, newDeliveryID(), body); res.StatusCode >= 300 {
		w.t.Fatalf("%s: %s", event, res.Status)
	}
	w.settle()
}

func ours(m map[string]any) {
	m["installation"] = map[string]any{"id": installationID}
	m["repository"] = map[string]any{"id": 1, "name": repoName, "full_name": org + "/" + repoName, "owner": map[string]any{"login": org, "type": "Organization"}}
}

func TestUninstalledAppEndsWorkAndCallsNothing(t *testing.T) {
	w, n := lifecycleWorld(t)
	w.emu.DeleteInstallation(installationID)
	w.settle()
	if got := w.mentorshipState(org+"/"+repoName, n); got != store.MentorshipEnded {
		t.Fatalf("mentorship %s after uninstall", got)
	}
	w.emu.ResetCalls()
	w.scheduleAt(time.Now().Add(10 * 24 * time.Hour))
	if calls := w.callsFor(org + "/" + repoName); len(calls) > 0 {
		t.Fatalf("GitHub calls for an uninstalled app: %v", calls)
	}
}

func TestArchivedRepositoryIsParkedUntilUnarchived(t *testing.T) {
	w, n := lifecycleWorld(t)
	w.emu.ArchiveRepo(org, repoName, true)
	w.settle()
	w.emu.ResetCalls()
	w.scheduleAt(time.Now().Add(3 * 24 * time.Hour)) // a nudge would be due
	for _, c := range w.callsFor(org + "/" + repoName) {
		if !strings.Contains(c, "/access_tokens") { // the installation itself lives on
			t.Fatalf("GitHub call for an archived repository: %s", c)
		}
	}
	if got := w.mentorshipState(org+"/"+repoName, n); got != store.MentorshipActive {
		t.Fatalf("archived mentorship %s, want it parked (active)", got)
	}
	before := len(w.botComments(n))
	w.emu.ArchiveRepo(org, repoName, false)
	w.settle()
	w.scheduleAt(time.Now().Add(3 * 24 * time.Hour))
	if len(w.botComments(n)) != before+1 {
		t.Fatalf("no nudge once unarchived: %q", w.botComments(n))
	}
}

func TestDeletedOrRemovedRepositoryEndsItsWork(t *testing.T) {
	t.Run("deleted", func(t *testing.T) {
		w, n := lifecycleWorld(t)
		w.emu.DeleteRepo(org, repoName)
		w.settle()
		if got := w.mentorshipState(org+"/"+repoName, n); got != store.MentorshipEnded {
			t.Fatalf("mentorship %s", got)
		}
	})
	t.Run("removed from the installation", func(t *testing.T) {
		w, n := lifecycleWorld(t)
		w.postEdited("installation_repositories", "webhooks/installation_repositories/removed.payload.json", func(m map[string]any) {
			m["installation"] = map[string]any{"id": installationID, "account": map[string]any{"login": org}}
			m["repositories_removed"] = []any{map[string]any{"id": 1, "full_name": org + "/" + repoName, "name": repoName}}
		})
		if got := w.mentorshipState(org+"/"+repoName, n); got != store.MentorshipEnded {
			t.Fatalf("mentorship %s", got)
		}
	})
	t.Run("transferred", func(t *testing.T) {
		w, n := lifecycleWorld(t)
		w.postEdited("repository", "webhooks/repository/transferred.payload.json", func(m map[string]any) {
			ours(m)
			m["repository"].(map[string]any)["full_name"] = "elsewhere/" + repoName
			m["repository"].(map[string]any)["owner"] = map[string]any{"login": "elsewhere"}
			m["changes"] = map[string]any{"owner": map[string]any{"from": map[string]any{"organization": map[string]any{"login": org}}}}
		})
		if got := w.mentorshipState(org+"/"+repoName, n); got != store.MentorshipEnded {
			t.Fatalf("mentorship %s", got)
		}
	})
}

func TestRenamedRepositoryKeepsItsWork(t *testing.T) {
	w, n := lifecycleWorld(t)
	w.postEdited("repository", "webhooks/repository/renamed.payload.json", func(m map[string]any) {
		ours(m)
		m["repository"].(map[string]any)["name"] = "gadgets"
		m["repository"].(map[string]any)["full_name"] = org + "/gadgets"
		m["changes"] = map[string]any{"repository": map[string]any{"name": map[string]any{"from": repoName}}}
	})
	if got := w.mentorshipState(org+"/gadgets", n); got != store.MentorshipActive {
		t.Fatalf("mentorship under the new name: %s", got)
	}
}

func TestDeletedOrTransferredIssueEndsItsMentorship(t *testing.T) {
	for _, action := range []string{"deleted", "transferred"} {
		t.Run(action, func(t *testing.T) {
			w := newWorld(t, defaultMentorship)
			n := w.emu.OpenIssue(org, repoName, "newbie", ghemu.IssueOptions{Title: "The docs say the wrong flag"})
			w.settle()
			if w.mentorOf(n) == "" {
				t.Fatal("no mentor")
			}
			w.postEdited("issues", "webhooks/issues/"+action+".payload.json", func(m map[string]any) {
				ours(m)
				m["issue"].(map[string]any)["number"] = n
			})
			if got := w.mentorshipState(org+"/"+repoName, n); got != store.MentorshipEnded {
				t.Fatalf("mentorship %s", got)
			}
		})
	}
}

func TestSuspendedInstallationIsParked(t *testing.T) {
	w, n := lifecycleWorld(t)
	w.emu.SuspendInstallation(installationID, true)
	w.settle()
	w.emu.ResetCalls()
	w.scheduleAt(time.Now().Add(3 * 24 * time.Hour)) // a nudge would be due
	if calls := w.callsFor(org + "/" + repoName); len(calls) > 0 {
		t.Fatalf("GitHub calls for a suspended installation: %v", calls)
	}
	before := len(w.botComments(n))
	w.emu.SuspendInstallation(installationID, false)
	w.settle()
	w.scheduleAt(time.Now().Add(3 * 24 * time.Hour))
	if len(w.botComments(n)) != before+1 {
		t.Fatalf("no nudge once unsuspended: %q", w.botComments(n))
	}
}
