package ghemu

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"
)

// Kinds of request, as recorded in Call.Kind.
const (
	kindREST    = "rest"
	kindGraphQL = "graphql"
	kindWeb     = "web"
)

// maxBody is the largest request body read (GitHub's own limit is 25 MiB).
const maxBody = 25 << 20

// req is one API request as handlers see it.
type req struct {
	r      *http.Request
	kind   string
	path   string // unescaped path after /api/v3 (or /api/graphql)
	params map[string]string
	body   []byte
	caller caller
}

// handler answers one REST operation. It runs with e.mu held.
type handler func(e *Emulator, q *req) reply

// response is an encoded answer, ready to write.
type response struct {
	status int
	header http.Header
	body   []byte
}

func (e *Emulator) serveAPI(w http.ResponseWriter, r *http.Request, kind, escPath string) {
	start := e.now()
	path, err := url.PathUnescape(escPath)
	if err != nil {
		path = escPath
	}
	q := &req{r: r, kind: kind, path: path}
	q.body, _ = io.ReadAll(io.LimitReader(r.Body, maxBody))
	var rt *route
	need := authToken
	if kind == kindREST {
		rt, q.params = restAPI.match(r.Method, escPath)
		need = authFor(path)
		if rt != nil {
			need = rt.auth
		}
	}
	q.caller = e.authenticate(r, need)
	out := e.process(q, rt)
	// Recorded before the answer goes out, so a caller that has its answer
	// always finds the call in the log (and a ResetCalls after it never
	// meets a late record of it).
	e.rec.add(Call{
		Time: start, Kind: kind, Method: r.Method, Path: path, Query: r.URL.RawQuery,
		Status: out.status, InstallationID: q.caller.installationID(), Auth: q.caller.kind,
		Conditional: isConditional(r), Body: q.body, UserAgent: r.UserAgent(),
	})
	writeResponse(w, out)
}

func isConditional(r *http.Request) bool {
	return r.Header.Get("If-None-Match") != "" || r.Header.Get("If-Modified-Since") != ""
}

func writeResponse(w http.ResponseWriter, out response) {
	for k, v := range out.header {
		w.Header()[k] = v
	}
	w.WriteHeader(out.status)
	_, _ = w.Write(out.body)
}

// process runs faults, then the request.
func (e *Emulator) process(q *req, rt *route) response {
	resource := resCore
	switch {
	case q.kind == kindGraphQL:
		resource = resGraphQL
	case rt != nil:
		resource = rt.resource
	}
	key := q.caller.budgetKey()
	if f, hit := e.faults.take(q); hit {
		if f.AfterWrite {
			return e.afterWrite(q, f, e.serve(q, rt, key, resource), key, resource)
		}
		if out, done := e.applyFault(q, f, key, resource); done {
			return out
		}
	}
	return e.serve(q, rt, key, resource)
}

// serve runs authentication, the rate limits and the handler.
func (e *Emulator) serve(q *req, rt *route, key, resource string) response {
	if q.caller.fail != nil {
		return e.finish(q, *q.caller.fail, key, resource, true)
	}
	if rt == nil && q.kind == kindREST {
		return e.finish(q, notFound(), key, resource, true)
	}
	if q.path != "/rate_limit" && !e.limits.allow(key, resource, e.now()) {
		return e.finish(q, e.rateLimitExceeded(q), key, resource, true)
	}
	if q.caller.kind == AuthToken && isContentWrite(q) {
		if wait, ok := e.content.take(key, e.now()); !ok {
			return e.finish(q, secondaryRateLimited(wait), key, resource, false)
		}
	}
	if q.kind == kindGraphQL {
		return e.finish(q, e.runGraphQL(q), key, resource, true)
	}
	e.mu.Lock()
	rep, ok := e.permitted(q)
	if ok {
		rep = rt.h(e, q)
	}
	e.mu.Unlock()
	return e.finish(q, rep, key, resource, true)
}

// runGraphQL calls the GraphQL handler with a buffered writer and the
// caller in the request context.
func (e *Emulator) runGraphQL(q *req) reply {
	r := q.r.WithContext(context.WithValue(q.r.Context(), callerKey{}, q.caller))
	r.Body = io.NopCloser(bytes.NewReader(q.body))
	bw := &bufferedWriter{header: http.Header{}, status: http.StatusOK}
	e.graphql(bw, r)
	return reply{status: bw.status, raw: bw.buf.Bytes(), header: bw.header}
}

// finish encodes a reply, answers conditional requests, counts the call
// against the budget (when count is set) and sets GitHub's headers.
func (e *Emulator) finish(q *req, rep reply, key, resource string, count bool) response {
	out := response{status: rep.status, header: http.Header{}, body: rep.raw}
	if rep.body != nil {
		b, err := json.Marshal(rep.body)
		if err != nil {
			b, _ = json.Marshal(apiError{Message: "Server Error: " + err.Error(), DocumentationURL: docsBase})
			out.status = http.StatusInternalServerError
		}
		out.body = b
	}
	for k, v := range rep.header {
		out.header[k] = v
	}
	if out.header.Get("Content-Type") == "" {
		out.header.Set("Content-Type", "application/json; charset=utf-8")
	}
	e.setCommonHeaders(out.header)
	if q.r.Method == http.MethodGet && out.status == http.StatusOK && q.kind == kindREST {
		if resource == resSearch {
			out.header.Set("Cache-Control", "no-cache")
		} else {
			etag := etagOf(out.body)
			out.header.Set("ETag", etag)
			out.header.Set("Cache-Control", "private, max-age=60, s-maxage=60")
			if etagMatches(q.r.Header.Get("If-None-Match"), etag) {
				out.status = http.StatusNotModified
				out.body = nil
				out.header.Del("Content-Type")
			}
		}
	}
	count = count && out.status != http.StatusNotModified && q.path != "/rate_limit"
	st := e.limits.use(key, resource, e.now(), count)
	if rep.header.Get("X-RateLimit-Remaining") == "" {
		st.setHeaders(out.header)
	}
	return out
}

func (e *Emulator) setCommonHeaders(h http.Header) {
	h.Set("X-GitHub-Request-Id", e.rec.nextRequestID())
	h.Set("X-GitHub-Media-Type", "github.v3; format=json")
	h.Set("Vary", "Accept, Authorization, Cookie, X-GitHub-OTP")
	h.Set("Access-Control-Allow-Origin", "*")
	h.Set("Access-Control-Expose-Headers", "ETag, Link, Location, Retry-After, X-GitHub-OTP, "+
		"X-RateLimit-Limit, X-RateLimit-Remaining, X-RateLimit-Used, X-RateLimit-Resource, "+
		"X-RateLimit-Reset, X-OAuth-Scopes, X-Accepted-OAuth-Scopes, X-Poll-Interval, "+
		"X-GitHub-Media-Type, X-GitHub-SSO, X-GitHub-Request-Id, Deprecation, Sunset")
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("X-Frame-Options", "deny")
	h.Set("Content-Security-Policy", "default-src 'none'")
}

func etagOf(body []byte) string {
	sum := sha256.Sum256(body)
	return `W/"` + hex.EncodeToString(sum[:16]) + `"`
}

// etagMatches implements If-None-Match: a list of tags, weak or strong, or *.
func etagMatches(header, etag string) bool {
	if header == "" {
		return false
	}
	want := strings.TrimPrefix(etag, "W/")
	for _, t := range strings.Split(header, ",") {
		t = strings.TrimSpace(t)
		if t == "*" || strings.TrimPrefix(t, "W/") == want {
			return true
		}
	}
	return false
}

// bufferedWriter is an http.ResponseWriter that keeps what is written.
type bufferedWriter struct {
	header http.Header
	status int
	buf    bytes.Buffer
	wrote  bool
}

func (b *bufferedWriter) Header() http.Header { return b.header }

func (b *bufferedWriter) WriteHeader(status int) {
	if !b.wrote {
		b.status, b.wrote = status, true
	}
}

func (b *bufferedWriter) Write(p []byte) (int, error) {
	b.wrote = true
	return b.buf.Write(p)
}

// intParam parses a captured path parameter as a positive integer.
func (q *req) intParam(name string) (int64, bool) {
	n, err := strconv.ParseInt(q.params[name], 10, 64)
	return n, err == nil && n > 0
}
