package transport

import (
	"io"
	"net/http"

	"github.com/palantir/go-githubapp/githubapp"
)

// drainLimit bounds what Close reads of a body its reader left unfinished.
const drainLimit = 1 << 20

// DrainBodies makes closing a response body read it to the end first.
// go-github decodes JSON without reading the last bytes when the decoder
// does not need them, and the HTTP cache below only stores a response whose
// body reached EOF: without this, an ETag was kept only some of the time
// and a repeated read of mentorship.yml cost a full request instead of a
// free 304. Draining also lets the connection be reused.
func DrainBodies() githubapp.ClientMiddleware {
	return func(next http.RoundTripper) http.RoundTripper {
		return roundTripperFunc(func(r *http.Request) (*http.Response, error) {
			res, err := next.RoundTrip(r)
			if res != nil && res.Body != nil {
				res.Body = drainOnClose{res.Body}
			}
			return res, err
		})
	}
}

type drainOnClose struct{ io.ReadCloser }

func (d drainOnClose) Close() error {
	io.Copy(io.Discard, io.LimitReader(d.ReadCloser, drainLimit))
	return d.ReadCloser.Close()
}
