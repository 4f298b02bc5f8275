package repoconfig

import (
	"os"
	"strings"
	"testing"
)

func BenchmarkParseContractExample(b *testing.B) {
	data, err := os.ReadFile("testdata/contract-example.yml")
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Parse(data); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkRenderWelcomePR(b *testing.B) {
	c := Default()
	d := fullWelcome()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := c.RenderWelcomePR(d); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkRefuseHostile is the cost of refusing each runaway template of
// testdata/invalid-hostile-template.yml and of the check command's tests.
func BenchmarkRefuseHostile(b *testing.B) {
	for name, text := range map[string]string{
		"endless range":    "{{range 1000000000000000}}{{end}}",
		"doubling":         `{{$s := "xxxxxxxx"}}{{range .Checklist}}{{$s = print $s $s}}{{end}}`,
		"written doubling": `{{$s := printf "%01000d" 0}}` + strings.Repeat(`{{$s = print $s $s}}`, 30),
		"printf bomb":      `{{len (printf "` + strings.Repeat("%01000d", 1000) + `"` + strings.Repeat(" 0", 1000) + `)}}`,
	} {
		b.Run(name, func(b *testing.B) {
			samples := welcomeSamples(KindPullRequest, 48)
			b.ReportAllocs()
			for b.Loop() {
				if checkTemplate("welcome_pr", text, samples) == nil {
					b.Fatal("accepted")
				}
			}
		})
	}
}
