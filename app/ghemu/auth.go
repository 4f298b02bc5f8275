package ghemu

import (
	"context"
	"crypto/rand"
	"errors"
	"fmt"
	"math/big"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/golang-jwt/jwt/v4"
)

// Auth kinds recorded in Call.Auth.
const (
	AuthJWT   = "jwt"
	AuthToken = "token"
	AuthNone  = "none"
)

// jwtSkew is how far in the future a JWT's iat may be (clock drift).
const jwtSkew = 60 * time.Second

// jwtMaxLifetime is the longest exp - iat GitHub accepts.
const jwtMaxLifetime = 10 * time.Minute

// caller is who made a request.
type caller struct {
	kind string
	inst *installation // for installation tokens
	tok  *token
	user *account // for user tokens
	fail *reply   // set when the credentials were refused
}

type callerKey struct{}

// callerFrom returns the caller of a GraphQL request (set by the dispatcher).
func callerFrom(ctx context.Context) (caller, bool) {
	c, ok := ctx.Value(callerKey{}).(caller)
	return c, ok
}

func (c caller) installationID() int64 {
	if c.inst == nil || c.fail != nil {
		return 0
	}
	return c.inst.id
}

// budgetKey names the rate-limit budget the call counts against.
func (c caller) budgetKey() string {
	switch {
	case c.fail != nil || c.kind == AuthNone:
		return budgetAnon
	case c.kind == AuthJWT:
		return budgetApp
	case c.kind == AuthUser:
		return "user:" + strings.ToLower(c.user.login)
	default:
		return "installation:" + strconv.FormatInt(c.inst.id, 10)
	}
}

func refuse(message string) *reply {
	r := errorReply(http.StatusUnauthorized, message)
	return &r
}

// authenticate reads the Authorization header and checks it against what
// the route needs.
func (e *Emulator) authenticate(r *http.Request, need authKind) caller {
	cred := credential(r.Header.Get("Authorization"))
	switch {
	case cred == "":
		c := caller{kind: AuthNone}
		if need == authToken || need == authJWT || need == authUser {
			c.fail = refuse("Requires authentication")
		}
		return c
	case looksLikeJWT(cred):
		c := caller{kind: AuthJWT}
		if need == authToken || need == authUser {
			c.fail = refuse("Bad credentials")
			return c
		}
		if msg := e.verifyJWT(cred); msg != "" {
			c.fail = refuse(msg)
		}
		return c
	case strings.HasPrefix(cred, "ghu_"):
		c := caller{kind: AuthUser}
		e.mu.Lock()
		if ut := e.st.userTokens[cred]; ut != nil && e.credNow().Before(ut.expiresAt) {
			c.user = e.st.account(ut.login)
		}
		e.mu.Unlock()
		if c.user == nil || need != authUser && need != authAny {
			c.fail = refuse("Bad credentials")
		}
		return c
	default:
		c := caller{kind: AuthToken}
		e.mu.Lock()
		tok := e.st.tokens[cred]
		if tok != nil && e.credNow().Before(tok.expiresAt) {
			c.tok, c.inst = tok, e.st.installations[tok.installationID]
		}
		e.mu.Unlock()
		switch {
		case need == authUser:
			c.fail = refuse("Bad credentials")
		case need == authJWT:
			c.fail = refuse("A JSON web token could not be decoded")
		case c.inst == nil:
			c.fail = refuse("Bad credentials")
		}
		return c
	}
}

func credential(h string) string {
	scheme, value, found := strings.Cut(strings.TrimSpace(h), " ")
	if !found {
		return ""
	}
	switch strings.ToLower(scheme) {
	case "token", "bearer":
		return strings.TrimSpace(value)
	}
	return ""
}

func looksLikeJWT(s string) bool {
	return strings.Count(s, ".") == 2 && strings.HasPrefix(s, "eyJ")
}

var errAlg = errors.New("unexpected signing method")

// verifyJWT checks an app JWT as GitHub does and returns GitHub's message
// when it is refused, "" when it is accepted.
func (e *Emulator) verifyJWT(s string) string {
	const undecodable = "A JSON web token could not be decoded"
	claims := jwt.MapClaims{}
	p := jwt.Parser{ValidMethods: []string{"RS256"}, SkipClaimsValidation: true}
	_, err := p.ParseWithClaims(s, claims, func(t *jwt.Token) (any, error) {
		if _, ok := t.Method.(*jwt.SigningMethodRSA); !ok {
			return nil, errAlg
		}
		return &e.key.PublicKey, nil
	})
	if err != nil {
		return undecodable
	}
	if !issuerMatches(claims["iss"], e.opts.AppID) {
		return undecodable
	}
	iat, okIat := numericClaim(claims["iat"])
	exp, okExp := numericClaim(claims["exp"])
	now := e.credNow()
	switch {
	case !okIat || iat.After(now.Add(jwtSkew)):
		return "'Issued at' claim ('iat') must be an Integer representing the time that the assertion was issued."
	case !okExp || !exp.After(now):
		return "'Expiration time' claim ('exp') must be a numeric value representing the future time at which the assertion expires."
	case exp.Sub(iat) > jwtMaxLifetime:
		return "'Expiration time' claim ('exp') is too far in the future."
	}
	return ""
}

func issuerMatches(v any, appID int64) bool {
	want := strconv.FormatInt(appID, 10)
	switch iss := v.(type) {
	case string:
		return iss == want
	case float64:
		return int64(iss) == appID && iss == float64(int64(iss))
	}
	return false
}

func numericClaim(v any) (time.Time, bool) {
	f, ok := v.(float64)
	if !ok || f != float64(int64(f)) {
		return time.Time{}, false
	}
	return time.Unix(int64(f), 0), true
}

// token is an installation access token.
type token struct {
	value          string
	installationID int64
	expiresAt      time.Time
	repoIDs        map[int64]bool // nil: every repository of the installation
	permissions    map[string]string
}

const tokenAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"

// newTokenValue returns "ghs_" and 36 random letters and digits.
func newTokenValue() (string, error) {
	var b strings.Builder
	b.WriteString("ghs_")
	max := big.NewInt(int64(len(tokenAlphabet)))
	for range 36 {
		n, err := rand.Int(rand.Reader, max)
		if err != nil {
			return "", fmt.Errorf("token randomness: %w", err)
		}
		b.WriteByte(tokenAlphabet[n.Int64()])
	}
	return b.String(), nil
}

// SignJWT returns an app JWT signed with the app's key, issued at iat and
// expiring at exp: tests use it to build accepted and refused tokens.
func (e *Emulator) SignJWT(iat, exp time.Time) (string, error) {
	claims := jwt.RegisteredClaims{
		Issuer:    strconv.FormatInt(e.opts.AppID, 10),
		IssuedAt:  jwt.NewNumericDate(iat.Truncate(time.Second)),
		ExpiresAt: jwt.NewNumericDate(exp.Truncate(time.Second)),
	}
	s, err := jwt.NewWithClaims(jwt.SigningMethodRS256, claims).SignedString(e.key)
	if err != nil {
		return "", fmt.Errorf("sign jwt: %w", err)
	}
	return s, nil
}
