package transport

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"strconv"
	"sync"

	"github.com/palantir/go-githubapp/githubapp"
	"github.com/prometheus/client_golang/prometheus"
	"github.com/rs/zerolog"

	"github.com/mentorbot/mentorbot/app/gh/gherr"
)

// MissingPermission is the log line of a refusal for want of a
// permission; the README's troubleshooting section quotes it.
const MissingPermission = "GitHub refused a request: the installation lacks a permission. Grant it in the app's settings and accept it in the installation; until then the steps that need it are skipped"

// maxErrorBody bounds how much of a 403 answer is read to tell a rate
// limit from a missing permission.
const maxErrorBody = 64 << 10

// Permissions returns middleware that notices when GitHub refuses a request
// for lack of a permission (a 403 that is not a rate limit, or a GraphQL
// answer with an error of type FORBIDDEN) and says which permission to
// grant: one warning and one count of
//
//	mentorbot_github_permission_missing_total{permission}
//
// per installation and permission, however often the refusal repeats.
// The permission is GitHub's X-Accepted-GitHub-Permissions header, or,
// for GraphQL (which sends none), "discussions=write" for a mutation and
// "discussions=read" for a query. Answers pass through unchanged.
func Permissions(reg prometheus.Registerer) githubapp.ClientMiddleware {
	missing := register(reg, prometheus.NewCounterVec(prometheus.CounterOpts{
		Name: "mentorbot_github_permission_missing_total",
		Help: "Installations found lacking a permission, once per installation and permission (the permission to grant).",
	}, []string{"permission"}))
	var seen sync.Map // "installation permission" → struct{}
	return func(next http.RoundTripper) http.RoundTripper {
		return roundTripperFunc(func(req *http.Request) (*http.Response, error) {
			resp, err := next.RoundTrip(req)
			if err != nil || resp == nil {
				return resp, err
			}
			perm, refused := refusedPermission(req, resp)
			if !refused {
				return resp, err
			}
			inst, _ := InstallationFromRequest(req)
			if _, again := seen.LoadOrStore(strconv.FormatInt(inst, 10)+" "+perm, struct{}{}); !again {
				missing.WithLabelValues(perm).Inc()
				zerolog.Ctx(req.Context()).Warn().Int64(githubapp.LogKeyInstallationID, inst).
					Str("permission", perm).Str("method", req.Method).Str("path", req.URL.Path).
					Msg(MissingPermission)
			}
			return resp, err
		})
	}
}

// refusedPermission tells whether resp refuses req for a missing
// permission, and which. It reads the body only of a 403 or a GraphQL
// answer, and puts it back.
func refusedPermission(req *http.Request, resp *http.Response) (string, bool) {
	graphql := isGraphQL(req.URL, "")
	switch {
	case resp.StatusCode == http.StatusForbidden:
	case graphql && resp.StatusCode == http.StatusOK && resp.Header.Get(fromCache) == "":
	default:
		return "", false
	}
	body, err := io.ReadAll(io.LimitReader(resp.Body, maxErrorBody))
	if err != nil {
		return "", false
	}
	resp.Body = struct {
		io.Reader
		io.Closer
	}{io.MultiReader(bytes.NewReader(body), resp.Body), resp.Body}
	if graphql {
		if !bytes.Contains(body, []byte(`"FORBIDDEN"`)) || !forbiddenGraphQL(body) {
			return "", false
		}
		b, _ := requestBody(req)
		if isMutation(b) {
			return "discussions=write", true
		}
		return "discussions=read", true
	}
	var msg struct {
		Message string `json:"message"`
	}
	_ = json.Unmarshal(body, &msg)
	if gherr.IsRateLimit(resp.Header, msg.Message) {
		return "", false
	}
	perm := resp.Header.Get("X-Accepted-GitHub-Permissions")
	if perm == "" {
		perm = "unknown" // the log line names the request
	}
	return perm, true
}

// forbiddenGraphQL tells whether a GraphQL answer carries an error of type
// FORBIDDEN.
func forbiddenGraphQL(body []byte) bool {
	var out struct {
		Errors []struct {
			Type string `json:"type"`
		} `json:"errors"`
	}
	if json.Unmarshal(body, &out) != nil {
		return false
	}
	for _, e := range out.Errors {
		if e.Type == "FORBIDDEN" {
			return true
		}
	}
	return false
}
