package ghemu

import (
	"net/url"
	"strings"
)

// authKind says which credentials a route takes.
type authKind int

const (
	authToken authKind = iota // installation token
	authJWT                   // app JWT
	authNone                  // no credentials needed
	authAny                   // JWT, token or nothing
	authUser                  // user token of the app's user authorization
)

// route is one REST operation: a method and a pattern of segments where
// "{name}" captures one segment and "{name...}" the rest of the path.
type route struct {
	method   string
	segs     []string
	auth     authKind
	resource string // rate-limit resource: core or search
	h        handler
}

type router struct{ routes []route }

func (rt *router) add(method, pattern string, auth authKind, h handler) {
	resource := resCore
	if strings.HasPrefix(pattern, "/search/") {
		resource = resSearch
	}
	rt.routes = append(rt.routes, route{
		method: method, segs: strings.Split(strings.Trim(pattern, "/"), "/"),
		auth: auth, resource: resource, h: h,
	})
}

// match finds the first route for method and escaped path and returns it
// with its captured (unescaped) parameters.
func (rt *router) match(method, escapedPath string) (*route, map[string]string) {
	parts := strings.Split(strings.Trim(escapedPath, "/"), "/")
	for i := range rt.routes {
		r := &rt.routes[i]
		if r.method != method {
			continue
		}
		if params, ok := matchSegs(r.segs, parts); ok {
			return r, params
		}
	}
	return nil, nil
}

func matchSegs(segs, parts []string) (map[string]string, bool) {
	params := map[string]string{}
	for i, s := range segs {
		if strings.HasPrefix(s, "{") && strings.HasSuffix(s, "...}") {
			rest := make([]string, 0, len(parts)-i)
			for _, p := range parts[i:] {
				u, err := url.PathUnescape(p)
				if err != nil {
					return nil, false
				}
				rest = append(rest, u)
			}
			params[s[1:len(s)-4]] = strings.Join(rest, "/")
			return params, true
		}
		if i >= len(parts) {
			return nil, false
		}
		if strings.HasPrefix(s, "{") {
			u, err := url.PathUnescape(parts[i])
			if err != nil || u == "" {
				return nil, false
			}
			params[s[1:len(s)-1]] = u
			continue
		}
		if s != parts[i] {
			return nil, false
		}
	}
	return params, len(segs) == len(parts)
}

// authFor returns the credentials an unmatched path would need, so that
// bad credentials still give 401 before 404.
func authFor(path string) authKind {
	if strings.HasPrefix(path, "/app/") || path == "/app" {
		return authJWT
	}
	return authToken
}
