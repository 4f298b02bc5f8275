package repoconfig

import (
	"reflect"
	"regexp"
	"strings"

	"gopkg.in/yaml.v3"
)

// describe names what a Go type expects of the YAML.
func describe(t reflect.Type) string {
	switch {
	case t == dateType:
		return "a date (YYYY-MM-DD)"
	case t.Kind() == reflect.String:
		return "text"
	case t.Kind() == reflect.Int:
		return "a whole number"
	case t.Kind() == reflect.Bool:
		return "true or false"
	case t.Kind() == reflect.Slice && t.Elem().Kind() == reflect.String:
		return "a list of text values"
	case t.Kind() == reflect.Slice:
		return "a list of entries"
	case t.Kind() == reflect.Map:
		return "a mapping of names to entries"
	default:
		return "a mapping of keys"
	}
}

// found names what the YAML holds.
func found(n *yaml.Node) string {
	switch n.Kind {
	case yaml.MappingNode:
		return "a mapping"
	case yaml.SequenceNode:
		return "a list"
	}
	switch n.ShortTag() {
	case "!!str":
		return "the text " + code(n.Value)
	case "!!int", "!!float":
		return "the number " + code(n.Value)
	case "!!timestamp":
		return "the date " + code(n.Value)
	default:
		return code(n.Value)
	}
}

// examples are sample values used in hints, by key.
var examples = map[string]string{
	"version":                    "1",
	"login":                      "octocat",
	"timezone":                   "Europe/Berlin",
	"capacity":                   "3",
	"away_until":                 "2026-12-24",
	"labels":                     `["area/docs"]`,
	"paths":                      `["docs/**", "**/*.md"]`,
	"label":                      `"first-time contributor"`,
	"request_review":             "true",
	"first_response_hours":       "48",
	"idle_days":                  "14",
	"mentor_wanted_label":        `"mentor wanted"`,
	"next_step_labels":           `["help wanted"]`,
	"max_claims_per_contributor": "2",
	"claim_expiry_days":          "14",
	"repository":                 "community",
	"category":                   `"Office Hours"`,
	"recap_category":             `"Recaps"`,
	"cadence":                    "biweekly",
	"weekday":                    "thursday",
	"times":                      `["09:00", "17:00"]`,
	"duration_minutes":           "60",
	"announce_days_before":       "3",
	"agenda":                     `["Check-in", "Activity"]`,
	"ground_rules":               `["Equal airtime"]`,
	"accessibility":              `"Captions on"`,
	"roles":                      "[host, note-taker]",
	"kind":                       "social",
	"title":                      `"Contributor social"`,
	"week_of_month":              "1",
	"skip":                       "[2026-12-24]",
	"join_url":                   "https://meet.example.org/community",
	"chat_url":                   "https://chat.example.org/#newcomers",
	"reminder_minutes_before":    "60",
	"waking_hours":               `["08:00", "22:00"]`,
	// keys whose name is used in two sections
	"good_first_issues.labels": `["good first issue"]`,
	"mentors.areas":            "[docs]",
}

var listIndex = regexp.MustCompile(`\[\d+\]`)

// example is a sample value for the key at path, "" when there is none.
func example(path string) (string, bool) {
	if ex, ok := examples[listIndex.ReplaceAllString(path, "")]; ok {
		return ex, true
	}
	ex, ok := examples[lastKey(path)]
	return ex, ok
}

// kindHint says how to write a value of type t at path.
func kindHint(t reflect.Type, path string) string {
	key := lastKey(path)
	if strings.HasSuffix(path, "]") { // an item of a list
		if t.Kind() == reflect.Struct {
			return "write each entry as " + code("- login: octocat") + " with its other keys indented below"
		}
		return "each item must be a single text value; put quotes around items that contain " + code(": ")
	}
	if ex, ok := example(path); ok {
		return "write it as " + code(key+": "+ex)
	}
	switch {
	case path == "":
		return "the file must be a mapping of keys, starting with " + code("version: 1")
	case key == "mentors":
		return "write one " + code("- login: octocat") + " entry per mentor, indented below " + code("mentors:")
	case key == "areas":
		return "write each area as " + code("docs:") + " with " + code("labels:") + " and " + code("paths:") + " indented below it"
	case t.Kind() == reflect.Struct || t.Kind() == reflect.Map:
		return "indent its keys on the lines below " + code(key+":")
	case t.Kind() == reflect.String:
		return "write a single text value; for a multi-line template write " + code(key+": |") + " followed by indented lines"
	}
	return "see the example configuration in the README"
}

// elsewhere finds the section where key (or a near spelling) is valid.
func elsewhere(key string) (section, known string) {
	var names []string
	for _, k := range allKeys {
		if k.name == key {
			return k.section, k.name
		}
		names = append(names, k.name)
	}
	if c := closest(key, names); c != "" {
		for _, k := range allKeys {
			if k.name == c {
				return k.section, k.name
			}
		}
	}
	return "", ""
}

type keyPlace struct{ name, section string }

// allKeys is every key of the file with a description of its section.
var allKeys = collectKeys(reflect.TypeOf(Config{}), "the top level")

func collectKeys(t reflect.Type, section string) []keyPlace {
	var out []keyPlace
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		name := yamlName(f)
		if name == "" {
			continue
		}
		out = append(out, keyPlace{name: name, section: section})
		ft := f.Type
		switch {
		case ft.Kind() == reflect.Slice && ft.Elem().Kind() == reflect.Struct:
			out = append(out, collectKeys(ft.Elem(), "each entry of "+code(name))...)
		case ft.Kind() == reflect.Map:
			out = append(out, collectKeys(ft.Elem(), "each entry of "+code(name))...)
		case ft.Kind() == reflect.Struct && ft != dateType:
			out = append(out, collectKeys(ft, code(name))...)
		}
	}
	return out
}
