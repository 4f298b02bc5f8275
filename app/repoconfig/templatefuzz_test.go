package repoconfig

import (
	"errors"
	"runtime"
	"strings"
	"testing"
	"text/template"
	"time"
)

// Bounds the oracle holds an accepted template to: far above what a
// comment template needs, far below what a runaway one takes.
const (
	oracleTime  = 2 * time.Second
	oracleAlloc = 64 << 20
)

// FuzzTemplate: every template the checker accepts, executed by the
// standard library alone (Go's own built-ins, no budget, no deadline) on
// the sample data, finishes in oracleTime, allocates at most oracleAlloc,
// writes at most MaxRenderedLength characters and writes what the bounded
// execution wrote. Every refusal is described with a message and a hint.
func FuzzTemplate(f *testing.F) {
	c := Default()
	for _, s := range []string{
		c.FirstTimers.WelcomePR, c.FirstTimers.WelcomeIssue, c.GoodFirstIssues.Guide,
		"Welcome {{.Author}}! ...", "Welcome @{{.Author}}! ...", "",
		"{{range 1000000000000000}}{{end}}",
		`{{$s := "xxxxxxxx"}}{{range 26}}{{$s = print $s $s}}{{end}}{{len $s}}`,
		`{{$s := "xx"}}{{range .Checklist}}{{$s = print $s $s}}{{end}}`,
		`{{$s := printf "%01000d" 0}}` + strings.Repeat(`{{$s = print $s $s}}`, 8),
		`{{printf "%*d" 1000000 0}}{{printf "%[1]s%[1]s" .Author}}{{printf "%0999d%.999f%-999v" 1 2.5 .Checklist}}`,
		`{{printf "%c%c%c%c" 92 92 92 92 | js | js | js | urlquery | html}}`,
		`{{range $i, $c := .Checklist}}{{if eq $i 0}}{{continue}}{{end}}{{$c}}{{break}}{{else}}none{{end}}`,
		`{{with .Mentor}}@{{.}}{{else with .Author}}{{.}}{{end}}{{$x := 1}}{{$x = 2}}{{$x}}`,
		`{{define "a"}}x{{end}}{{template "a"}}{{block "b" .}}y{{end}}`,
		`{{call .Author}}{{index .Checklist 5}}{{slice .Author 1 2}}{{len (print (print (print 1)))}}`,
		`{{printf "%v %+v %#v %q %x % #X %U" . . . .Checklist .Author .Author 128512}}`,
	} {
		f.Add(s)
	}
	samples := welcomeSamples(KindPullRequest, 48)
	f.Fuzz(func(t *testing.T, text string) {
		if te := checkTemplate("fuzz", text, samples); te != nil {
			if te.msg == "" || te.hint == "" {
				t.Fatalf("refusal without message or hint: %+v", te)
			}
			return
		}
		bounded, err := parseTemplate("fuzz", text)
		if err != nil {
			t.Fatalf("accepted, then refused on parse: %v", err)
		}
		for _, s := range samples {
			want, err := execute(bounded, s)
			if err != nil {
				t.Fatalf("accepted, then refused on execution: %v", err)
			}
			got, err := oracleExecute(text, s)
			if err != nil {
				t.Fatalf("accepted %q: %v", text, err)
			}
			if want = strings.TrimSpace(want); got != want {
				t.Fatalf("accepted %q: the standard library writes\n%q\nthe bounded execution\n%q", text, got, want)
			}
		}
	})
}

var errOracleOutput = errors.New("writes more than MaxRenderedLength characters")

// oracleWriter keeps at most MaxRenderedLength characters.
type oracleWriter struct{ strings.Builder }

func (w *oracleWriter) Write(p []byte) (int, error) {
	if w.Len()+len(p) > MaxRenderedLength {
		return 0, errOracleOutput
	}
	return w.Builder.Write(p)
}

// oracleExecute runs text with the standard library's built-ins and a
// plain plural, and reports it when it breaks the oracle's bounds.
func oracleExecute(text string, data any) (string, error) {
	t, err := template.New("oracle").Funcs(template.FuncMap{"plural": plural}).Parse(text)
	if err != nil {
		return "", err
	}
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	done := make(chan error, 1)
	var w oracleWriter
	go func() { done <- t.Execute(&w, data) }()
	select {
	case err = <-done:
	case <-time.After(oracleTime):
		return "", errors.New("runs for more than " + oracleTime.String())
	}
	if err != nil {
		return "", err
	}
	runtime.ReadMemStats(&after)
	if n := after.TotalAlloc - before.TotalAlloc; n > oracleAlloc {
		return "", errors.New("allocates more than 64 MiB")
	}
	return strings.TrimSpace(w.String()), nil
}
