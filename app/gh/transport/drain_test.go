package transport

import (
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"testing"
)

// eofBody records whether its reader reached the end before Close.
type eofBody struct {
	r       io.Reader
	closed  bool
	eofSeen *bool
}

func (b *eofBody) Read(p []byte) (int, error) {
	n, err := b.r.Read(p)
	if err == io.EOF {
		*b.eofSeen = true
	}
	return n, err
}

func (b *eofBody) Close() error { b.closed = true; return nil }

func TestDrainBodiesReadsToTheEndOnClose(t *testing.T) {
	for _, drain := range []bool{false, true} {
		var sawEOF bool
		body := &eofBody{r: strings.NewReader(`{"name":"mentorship.yml"}` + "\n\n"), eofSeen: &sawEOF}
		var rt http.RoundTripper = roundTripperFunc(func(*http.Request) (*http.Response, error) {
			return &http.Response{StatusCode: 200, Body: body, Header: http.Header{}}, nil
		})
		if drain {
			rt = DrainBodies()(rt)
		}
		req, _ := http.NewRequest(http.MethodGet, "http://github.invalid/x", nil)
		res, err := rt.RoundTrip(req)
		if err != nil {
			t.Fatal(err)
		}
		var v map[string]string
		json.NewDecoder(res.Body).Decode(&v) // as go-github does: stops at the value
		res.Body.Close()
		if sawEOF != drain {
			t.Errorf("drain=%v: body read to EOF = %v", drain, sawEOF)
		}
		if !body.closed {
			t.Error("body not closed")
		}
	}
}
