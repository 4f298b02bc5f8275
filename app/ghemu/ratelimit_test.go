package ghemu

import (
	"strconv"
	"testing"
	"time"
)

// An installation's budget can be set low; it then goes down call by call
// as GitHub's does, refuses calls once spent, and opens a full window at
// its reset. Conditional requests answered 304 cost nothing.
func TestSetRateLimitRunsOutAndResets(t *testing.T) {
	clk := &clock{t: time.Now().Truncate(time.Second)}
	f := newFixture(t, Options{Now: clk.Now})
	tok := "token " + f.token(t)
	reset := clk.Now().Add(10 * time.Minute)
	f.emu.SetRateLimit(testInstID, ResourceCore, 2, reset)
	if limit, left, at := f.emu.RateLimit(testInstID, ResourceCore); limit != 5000 || left != 2 || !at.Equal(reset) {
		t.Fatalf("RateLimit = %d, %d, %s", limit, left, at)
	}
	first, _ := f.do(t, "GET", "/repos/acme/widgets", tok, nil)
	etag := first.Header.Get("ETag")
	if got := first.Header.Get("X-RateLimit-Remaining"); got != "1" || first.Header.Get("X-RateLimit-Reset") != strconv.FormatInt(reset.Unix(), 10) {
		t.Fatalf("after one call: remaining %s, reset %s", got, first.Header.Get("X-RateLimit-Reset"))
	}
	// A 304 is free: it does not spend the last call.
	for range 3 {
		if again, _ := f.do(t, "GET", "/repos/acme/widgets", tok, nil, "If-None-Match", etag); again.StatusCode != 304 ||
			again.Header.Get("X-RateLimit-Remaining") != "1" {
			t.Fatalf("conditional: %d, remaining %s", again.StatusCode, again.Header.Get("X-RateLimit-Remaining"))
		}
	}
	if last, _ := f.do(t, "GET", "/repos/acme/widgets/issues", tok, nil); last.StatusCode != 200 || last.Header.Get("X-RateLimit-Remaining") != "0" {
		t.Fatalf("last call: %d, remaining %s", last.StatusCode, last.Header.Get("X-RateLimit-Remaining"))
	}
	if over, body := f.do(t, "GET", "/repos/acme/widgets/issues", tok, nil); over.StatusCode != 403 || message(t, body) != "API rate limit exceeded for installation ID "+itoa64(testInstID)+"." {
		t.Fatalf("over the limit: %d %s", over.StatusCode, body)
	}
	clk.Advance(10 * time.Minute)
	if after, _ := f.do(t, "GET", "/repos/acme/widgets/issues", tok, nil); after.StatusCode != 200 || after.Header.Get("X-RateLimit-Remaining") != "4999" {
		t.Fatalf("after the reset: %d, remaining %s", after.StatusCode, after.Header.Get("X-RateLimit-Remaining"))
	}

}
