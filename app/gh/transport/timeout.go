package transport

import (
	"context"
	"io"
	"net/http"
	"time"

	"github.com/palantir/go-githubapp/githubapp"
)

// Timeout returns middleware that bounds a request by d through its
// context: the round trip with its retries and waits, and the reading of
// the answer. The deadline is released as soon as the body is read to its
// end, fails, or is closed.
//
// It takes the place of http.Client.Timeout, which go-githubapp's
// WithClientTimeout sets. Above a RoundTripper that net/http does not know,
// that timeout is a goroutine and a timer that only Close of the body the
// client returned stops; go-github reads an error answer to its end and
// swaps in a copy of the body without closing the original, so every
// non-2xx answer held a goroutine, its request and its answer for the
// whole timeout.
func Timeout(d time.Duration) githubapp.ClientMiddleware {
	return func(next http.RoundTripper) http.RoundTripper {
		return roundTripperFunc(func(req *http.Request) (*http.Response, error) {
			ctx, cancel := context.WithTimeout(req.Context(), d)
			res, err := next.RoundTrip(req.WithContext(ctx))
			if err != nil || res == nil || res.Body == nil || res.Body == http.NoBody {
				cancel()
				return res, err
			}
			res.Body = &cancelOnDone{rc: res.Body, cancel: cancel}
			return res, nil
		})
	}
}

// cancelOnDone is a response body that releases its request's context when
// it is read to the end (or fails) or closed, whichever comes first.
type cancelOnDone struct {
	rc     io.ReadCloser
	cancel context.CancelFunc
}

func (b *cancelOnDone) Read(p []byte) (int, error) {
	n, err := b.rc.Read(p)
	if err != nil {
		b.cancel()
	}
	return n, err
}

func (b *cancelOnDone) Close() error {
	err := b.rc.Close()
	b.cancel()
	return err
}
