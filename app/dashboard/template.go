package dashboard

import (
	"crypto/sha256"
	"embed"
	"encoding/base64"
	"html/template"
	"strings"
)

//go:embed assets/page.html assets/style.css
var assets embed.FS

// stylePlaceholder in page.html is where the stylesheet goes, inline, so
// the page is one request. style.css holds no comments: html/template
// drops them, and the page's stylesheet would no longer match its hash in
// the Content-Security-Policy. (Its [data-scroll] rule: a wide table
// scrolls in its own box, never the page, and shadows at its edges show
// while there is more to scroll to on that side.)
const stylePlaceholder = "/*STYLE*/"

var pageTemplate, contentSecurityPolicy = mustPage()

func mustPage() (*template.Template, string) {
	page, err := assets.ReadFile("assets/page.html")
	if err != nil {
		panic(err)
	}
	css, err := assets.ReadFile("assets/style.css")
	if err != nil {
		panic(err)
	}
	if !strings.Contains(string(page), stylePlaceholder) {
		panic("dashboard: page.html has no " + stylePlaceholder)
	}
	t := template.Must(template.New("page").Parse(strings.Replace(string(page), stylePlaceholder, string(css), 1)))
	sum := sha256.Sum256(css)
	// Nothing but the inline stylesheet and data: icons may load: no
	// script, no request to anywhere else.
	csp := "default-src 'none'; style-src 'sha256-" + base64.StdEncoding.EncodeToString(sum[:]) + "'; img-src data:; base-uri 'none'; form-action 'self'; frame-ancestors 'self'"
	return t, csp
}
