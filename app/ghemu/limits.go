package ghemu

import (
	"encoding/json"
	"net/http"
	"strconv"
	"sync"
	"time"
	"unicode/utf8"

	"github.com/vektah/gqlparser/v2/ast"
)

// GitHub's limits on content, as documented.
const (
	// MaxBodyChars is the longest issue, pull request or comment body, in
	// characters.
	MaxBodyChars = 65536
	// MaxLabelChars is the longest label name, in characters.
	MaxLabelChars = 50
	// DefaultContentPerMinute and DefaultContentPerHour are GitHub's
	// secondary limits on content-creating requests per installation.
	DefaultContentPerMinute = 80
	DefaultContentPerHour   = 500
)

// bodyTooLong is GitHub's 422 for a body over MaxBodyChars; resource is
// IssueComment, Issue or PullRequest.
func bodyTooLong(resource, body string) (reply, bool) {
	if utf8.RuneCountInString(body) <= MaxBodyChars {
		return reply{}, false
	}
	return invalid(fieldError{Resource: resource, Code: "unprocessable", Field: "data",
		Message: "Body is too long (maximum is " + strconv.Itoa(MaxBodyChars) + " characters)"}), true
}

// labelTooLong is GitHub's 422 for a label name over MaxLabelChars.
func labelTooLong(name string) (reply, bool) {
	if utf8.RuneCountInString(name) <= MaxLabelChars {
		return reply{}, false
	}
	return invalid(fieldError{Resource: "Label", Code: "invalid", Field: "name", Value: name,
		Message: "Name is too long (maximum is " + strconv.Itoa(MaxLabelChars) + " characters)"}), true
}

// isContentWrite reports whether a request creates or changes content: a
// REST POST, PATCH, PUT or DELETE, or a GraphQL mutation.
func isContentWrite(q *req) bool {
	switch q.r.Method {
	case http.MethodPatch, http.MethodPut, http.MethodDelete:
		return q.kind == kindREST
	case http.MethodPost:
		if q.kind == kindGraphQL {
			_, ok := gqlMutation(q.body)
			return ok
		}
		return q.kind == kindREST
	}
	return false
}

// gqlMutation returns the top-level fields of the mutation a GraphQL
// request body runs; ok is false when it runs no mutation.
func gqlMutation(body []byte) (fields []string, ok bool) {
	var in gqlRequest
	if json.Unmarshal(body, &in) != nil || in.Query == nil {
		return nil, false
	}
	doc, errs := parseDocument(*in.Query)
	if len(errs) > 0 {
		return nil, false
	}
	op, _ := pickOperation(doc, in.OperationName)
	if op == nil || op.Operation != ast.Mutation {
		return nil, false
	}
	for _, sel := range op.SelectionSet {
		if f, isField := sel.(*ast.Field); isField {
			fields = append(fields, f.Name)
		}
	}
	return fields, true
}

// contentLimiter keeps GitHub's secondary limits on content-creating
// requests: at most perMinute in any minute and perHour in any hour, per
// installation (sliding windows).
type contentLimiter struct {
	mu        sync.Mutex
	perMinute int
	perHour   int
	writes    map[string][]time.Time // by budget key, oldest first, the last hour's
}

func newContentLimiter(opts Options) *contentLimiter {
	return &contentLimiter{perMinute: opts.ContentPerMinute, perHour: opts.ContentPerHour, writes: map[string][]time.Time{}}
}

// take counts a write for key at now, or returns how long to wait when a
// limit is reached (the write is not counted then). A limit below zero is
// off.
func (l *contentLimiter) take(key string, now time.Time) (wait time.Duration, ok bool) {
	l.mu.Lock()
	defer l.mu.Unlock()
	ws := l.writes[key]
	for len(ws) > 0 && !ws[0].After(now.Add(-time.Hour)) {
		ws = ws[1:]
	}
	if l.perHour >= 0 && len(ws) >= l.perHour {
		l.writes[key] = ws
		return ws[len(ws)-l.perHour].Add(time.Hour).Sub(now), false
	}
	if l.perMinute >= 0 {
		n := 0
		for i := len(ws) - 1; i >= 0 && ws[i].After(now.Add(-time.Minute)); i-- {
			n++
		}
		if n >= l.perMinute {
			l.writes[key] = ws
			return ws[len(ws)-l.perMinute].Add(time.Minute).Sub(now), false
		}
	}
	l.writes[key] = append(ws, now)
	return 0, true
}

// secondaryRateLimited is GitHub's 403 for a secondary rate limit, with
// Retry-After in whole seconds (at least one).
func secondaryRateLimited(wait time.Duration) reply {
	rep := errorReply(http.StatusForbidden, "You have exceeded a secondary rate limit. "+
		"Please wait a few minutes before you try again. If you reach out to GitHub Support for help, "+
		"please include the request ID.")
	body := rep.body.(apiError)
	body.DocumentationURL = docsBase + "/overview/rate-limits-for-the-rest-api#about-secondary-rate-limits"
	rep.body = body
	secs := max(int((wait+time.Second-1)/time.Second), 1)
	return rep.with("Retry-After", strconv.Itoa(secs))
}
