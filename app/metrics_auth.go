package app

import (
	"crypto/sha256"
	"crypto/subtle"
	"net/http"
	"strings"
)

// requireBearer lets a request through only with "Authorization: Bearer
// <token>"; an empty token lets everyone through (metrics.token unset).
// The comparison takes the same time whatever the guess.
func requireBearer(token string, next http.Handler) http.Handler {
	if token == "" {
		return next
	}
	want := sha256.Sum256([]byte(token))
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		scheme, got, ok := strings.Cut(r.Header.Get("Authorization"), " ")
		sum := sha256.Sum256([]byte(strings.TrimSpace(got)))
		if !ok || !strings.EqualFold(scheme, "Bearer") || subtle.ConstantTimeCompare(sum[:], want[:]) != 1 {
			w.Header().Set("WWW-Authenticate", `Bearer realm="mentorbot metrics"`)
			http.Error(w, "unauthorized: metrics need Authorization: Bearer <metrics.token>", http.StatusUnauthorized)
			return
		}
		next.ServeHTTP(w, r)
	})
}
