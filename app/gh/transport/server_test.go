package transport

import (
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
)

// reply is one scripted answer of a test server.
type reply struct {
	status int
	header map[string]string
	body   string
}

// received is one request as a test server saw it.
type received struct {
	method, path, body string
	header             http.Header
}

// recorder keeps what a scripted server received.
type recorder struct {
	mu  sync.Mutex
	got []received
}

func (r *recorder) add(req *http.Request) int {
	body, _ := io.ReadAll(req.Body)
	r.mu.Lock()
	defer r.mu.Unlock()
	r.got = append(r.got, received{req.Method, req.URL.Path, string(body), req.Header.Clone()})
	return len(r.got)
}

func (r *recorder) requests() []received {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]received(nil), r.got...)
}

// scriptServer answers the n-th request with replies[n], repeating the last.
func scriptServer(t *testing.T, replies ...reply) (*httptest.Server, *recorder) {
	t.Helper()
	rec := &recorder{}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
		n := rec.add(req)
		rp := replies[min(n, len(replies))-1]
		for k, v := range rp.header {
			w.Header().Set(k, v)
		}
		w.WriteHeader(rp.status)
		_, _ = io.WriteString(w, rp.body)
	}))
	t.Cleanup(srv.Close)
	return srv, rec
}

func stringsReader(s string) io.Reader {
	if s == "" {
		return nil
	}
	return strings.NewReader(s)
}
