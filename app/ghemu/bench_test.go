package ghemu

import (
	"testing"

	"github.com/google/go-github/v60/github"
)

func BenchmarkGetIssue(b *testing.B) {
	f := newFixture(b, Options{RateLimit: 1 << 30})
	n := f.emu.OpenIssue(testOrg, testRepo, "alice", IssueOptions{Title: "q", Labels: []string{"bug"}})
	b.ResetTimer()
	for b.Loop() {
		if _, _, err := f.gh.Issues.Get(ctx, testOrg, testRepo, n); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkCreateCommentWithWebhook(b *testing.B) {
	f := newFixture(b, Options{RateLimit: 1 << 30, EmitWebhooks: true})
	sink := newHookSink(b)
	f.emu.SetWebhookTarget(sink.srv.URL, testSecret)
	n := f.emu.OpenIssue(testOrg, testRepo, "alice", IssueOptions{Title: "q"})
	body := &github.IssueComment{Body: ptr("hello")}
	b.ResetTimer()
	for b.Loop() {
		if _, _, err := f.gh.Issues.CreateComment(ctx, testOrg, testRepo, n, body); err != nil {
			b.Fatal(err)
		}
	}
	f.emu.WaitIdle()
}
