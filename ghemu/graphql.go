package ghemu

import "net/http"

// graphql answers POST /api/graphql. The dispatcher has authenticated the
// caller (callerFrom(r.Context())), counted the call against the graphql
// budget and buffers what is written here; e.mu is not held.
func (e *Emulator) graphql(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(http.StatusOK)
	_, _ = w.Write([]byte(`{"errors":[{"message":"graphql not supported yet"}]}`))
}
