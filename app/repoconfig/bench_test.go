package repoconfig

import (
	"os"
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
