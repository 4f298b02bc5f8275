package repoconfig

import (
	"os"
	"reflect"
	"regexp"
	"strings"
	"testing"
)

// Every key of mentorship.yml is in the README: in its example file, or
// named in full (`office_hours.category`) in its text.
func TestREADMEDocumentsEveryKey(t *testing.T) {
	data, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	readme := string(data)
	start := strings.Index(readme, "## Configuring a repository")
	block := regexp.MustCompile("(?s)```yaml\n(.*?)```").FindStringSubmatch(readme[start:])
	if start < 0 || block == nil {
		t.Fatal("no example mentorship.yml in the README")
	}
	example := block[1]
	var keys []string
	yamlKeys(reflect.TypeOf(Config{}), "", &keys)
	for _, k := range keys {
		leaf := k[strings.LastIndex(k, ".")+1:]
		inExample := regexp.MustCompile(`(?m)^[ -]*` + regexp.QuoteMeta(leaf) + `:`).MatchString(example)
		if !inExample && !strings.Contains(readme, "`"+k+"`") {
			t.Errorf("mentorship.yml key %s is not documented in the README", k)
		}
	}
	if len(keys) < 40 {
		t.Fatalf("only %d keys found; the walk over Config is broken", len(keys))
	}
}

// yamlKeys lists the dotted yaml keys of a configuration type.
func yamlKeys(t reflect.Type, prefix string, out *[]string) {
	for t.Kind() == reflect.Pointer || t.Kind() == reflect.Slice || t.Kind() == reflect.Map {
		t = t.Elem()
	}
	if t.Kind() != reflect.Struct || t.PkgPath() != reflect.TypeOf(Config{}).PkgPath() {
		return
	}
	for i := range t.NumField() {
		f := t.Field(i)
		tag, _, _ := strings.Cut(f.Tag.Get("yaml"), ",")
		if tag == "" || tag == "-" {
			continue
		}
		*out = append(*out, prefix+tag)
		yamlKeys(f.Type, prefix+tag+".", out)
	}
}
