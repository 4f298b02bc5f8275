package ghemu

import (
	"net/http"
	"strconv"
)

// docsBase is where GitHub's documentation_url fields point.
const docsBase = "https://docs.github.com/rest"

// reply is what a handler answers: a status, a body marshalled to JSON (or
// raw bytes) and extra headers.
type reply struct {
	status int
	body   any
	raw    []byte
	header http.Header
}

func ok(body any) reply      { return reply{status: http.StatusOK, body: body} }
func created(body any) reply { return reply{status: http.StatusCreated, body: body} }
func noContent() reply       { return reply{status: http.StatusNoContent} }

func (r reply) with(key, value string) reply {
	if r.header == nil {
		r.header = http.Header{}
	}
	r.header.Set(key, value)
	return r
}

// apiError is GitHub's JSON error body.
type apiError struct {
	Message          string       `json:"message"`
	Errors           []fieldError `json:"errors,omitempty"`
	DocumentationURL string       `json:"documentation_url"`
	Status           string       `json:"status"`
}

// fieldError is one entry of a 422 body's errors list.
type fieldError struct {
	Resource string `json:"resource,omitempty"`
	Field    string `json:"field,omitempty"`
	Code     string `json:"code"`
	Value    any    `json:"value,omitempty"`
	Message  string `json:"message,omitempty"`
}

func errorReply(status int, message string) reply {
	return reply{status: status, body: apiError{
		Message: message, DocumentationURL: docsBase, Status: strconv.Itoa(status),
	}}
}

func notFound() reply { return errorReply(http.StatusNotFound, "Not Found") }

// invalid is GitHub's 422 "Validation Failed" with field errors.
func invalid(errs ...fieldError) reply {
	r := errorReply(http.StatusUnprocessableEntity, "Validation Failed")
	body := r.body.(apiError)
	body.Errors = errs
	r.body = body
	return r
}

// unprocessable is a 422 with a message and no field errors.
func unprocessable(message string) reply {
	return errorReply(http.StatusUnprocessableEntity, message)
}

func missingField(resource, field string) reply {
	return invalid(fieldError{Resource: resource, Field: field, Code: "missing_field"})
}

func invalidField(resource, field string, value any) reply {
	return invalid(fieldError{Resource: resource, Field: field, Code: "invalid", Value: value})
}

func badJSON() reply {
	return errorReply(http.StatusBadRequest, "Problems parsing JSON")
}
