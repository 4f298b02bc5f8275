// Package gherr classifies GitHub's answers: which errors GitHub will give
// again however often a request is repeated (the resource is gone, the
// feature is off, the input is refused, a permission is missing), and
// which may pass (a server error, a rate limit, a network failure).
//
// Features use it to give each permanent answer its outcome, the queue to
// stop retrying a delivery that can never succeed. It sits beside package
// gh rather than in it so that features, which gh implements, can import
// it.
package gherr

import (
	"errors"
	"fmt"
	"net/http"
	"strings"

	"github.com/google/go-github/v60/github"
)

// Kind is what an answer means for trying again.
type Kind int

const (
	// Temporary errors may pass: server errors, rate limits, timeouts,
	// anything not known to be permanent.
	Temporary Kind = iota
	// NotFound is a 404 (a comment a person deleted, an issue
	// transferred away) or GraphQL NOT_FOUND.
	NotFound
	// Gone is a 410: Issues are turned off in the repository.
	Gone
	// Invalid is a 422: GitHub refuses the input (a label over 50
	// characters, a body over 65,536, a reviewer without access).
	Invalid
	// Forbidden is a 403 that is not a rate limit, or GraphQL FORBIDDEN:
	// the installation lacks a permission.
	Forbidden
)

func (k Kind) String() string {
	switch k {
	case NotFound:
		return "not found"
	case Gone:
		return "gone"
	case Invalid:
		return "invalid"
	case Forbidden:
		return "forbidden"
	}
	return "temporary"
}

// Permanent reports whether GitHub gives the same answer on every try.
func (k Kind) Permanent() bool { return k != Temporary }

// GraphQL error messages GitHub sends with the types FORBIDDEN and
// NOT_FOUND. The GraphQL client keeps only an error's message (its type
// is dropped), so the message is what tells them apart.
const (
	graphQLForbidden = "Resource not accessible by integration"
	graphQLNotFound  = "Could not resolve to "
	graphQLDisabled  = "does not have discussions enabled"
)

// Classify tells what err, from a go-github or githubv4 call, means.
func Classify(err error) Kind {
	if err == nil {
		return Temporary
	}
	var rate *github.RateLimitError
	var abuse *github.AbuseRateLimitError
	if errors.As(err, &rate) || errors.As(err, &abuse) {
		return Temporary
	}
	var er *github.ErrorResponse
	if errors.As(err, &er) && er.Response != nil {
		return ofStatus(er.Response.StatusCode, er.Message, er.Response.Header)
	}
	if g := graphQLError(err); g != nil {
		msg := g.Error()
		switch {
		case strings.Contains(msg, graphQLForbidden):
			return Forbidden
		case strings.Contains(msg, graphQLDisabled):
			return Gone
		case strings.HasPrefix(msg, graphQLNotFound):
			return NotFound
		}
	}
	return Temporary
}

func ofStatus(status int, message string, h http.Header) Kind {
	switch status {
	case http.StatusNotFound:
		return NotFound
	case http.StatusGone:
		return Gone
	case http.StatusUnprocessableEntity:
		return Invalid
	case http.StatusForbidden:
		if IsRateLimit(h, message) {
			return Temporary
		}
		return Forbidden
	}
	return Temporary
}

// IsRateLimit tells a 403 that is a rate limit (primary or secondary) from
// one that refuses a permission, by its headers and message.
func IsRateLimit(h http.Header, message string) bool {
	if h.Get("X-RateLimit-Remaining") == "0" || h.Get("Retry-After") != "" {
		return true
	}
	return strings.Contains(strings.ToLower(message), "rate limit")
}

// Is reports whether err is of kind k.
func Is(err error, k Kind) bool { return err != nil && Classify(err) == k }

// IsPermanent reports whether GitHub will give err's answer again.
func IsPermanent(err error) bool { return Classify(err).Permanent() }

// Permission names the permission a Forbidden answer asks for, as GitHub's
// X-Accepted-GitHub-Permissions header says ("issues=write"), or "" when
// the answer does not say.
func Permission(err error) string {
	var er *github.ErrorResponse
	if errors.As(err, &er) && er.Response != nil {
		return er.Response.Header.Get("X-Accepted-GitHub-Permissions")
	}
	return ""
}

// graphQLError finds an answer that carried GraphQL errors in err's tree
// (wrapped or joined): the GraphQL client keeps its error list in an
// unexported type and wraps nothing, so the type's name is the one mark
// it leaves.
func graphQLError(err error) error {
	if err == nil {
		return nil
	}
	if fmt.Sprintf("%T", err) == "graphql.errors" {
		return err
	}
	switch u := err.(type) {
	case interface{ Unwrap() error }:
		return graphQLError(u.Unwrap())
	case interface{ Unwrap() []error }:
		for _, e := range u.Unwrap() {
			if g := graphQLError(e); g != nil {
				return g
			}
		}
	}
	return nil
}
