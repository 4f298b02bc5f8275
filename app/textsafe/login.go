package textsafe

import "strings"

// maxLoginLen is GitHub's limit on the length of a login.
const maxLoginLen = 39

// botSuffix ends the login of every GitHub App's bot user.
const botSuffix = "[bot]"

// ValidLogin reports whether login has the syntax of a GitHub login:
// 1 to 39 ASCII letters, digits and single hyphens, not starting or ending
// with a hyphen. Two forms are accepted as well: a bot account, written
// "name[bot]", and an Enterprise Managed User, written "name_shortcode"
// (the enterprise's short code: 3 to 8 letters and digits).
func ValidLogin(login string) bool {
	if base, ok := strings.CutSuffix(login, botSuffix); ok {
		return validHandle(base)
	}
	handle, code, managed := strings.Cut(login, "_")
	if managed && !validShortcode(code) {
		return false
	}
	return len(login) <= maxLoginLen && validHandle(handle)
}

// IsBot reports whether login names a bot account ("name[bot]").
func IsBot(login string) bool {
	return strings.HasSuffix(login, botSuffix) && ValidLogin(login)
}

// Mention returns "@login" for a valid login (see ValidLogin) of a person,
// which notifies them. A bot, or anything that is not a login, comes back
// as a code span, which notifies no one.
func Mention(login string) string {
	if !ValidLogin(login) || IsBot(login) {
		return Code(login)
	}
	return "@" + login
}

// validHandle checks letters, digits and single inner hyphens, 1–39 long.
func validHandle(s string) bool {
	if s == "" || len(s) > maxLoginLen || s[0] == '-' || s[len(s)-1] == '-' || strings.Contains(s, "--") {
		return false
	}
	for i := 0; i < len(s); i++ {
		if !isASCIIAlnum(s[i]) && s[i] != '-' {
			return false
		}
	}
	return true
}

// validShortcode checks an enterprise short code: 3 to 8 letters and digits.
func validShortcode(s string) bool {
	if len(s) < 3 || len(s) > 8 {
		return false
	}
	for i := 0; i < len(s); i++ {
		if !isASCIIAlnum(s[i]) {
			return false
		}
	}
	return true
}
