package repoconfig

import (
	"strings"
	"sync"
	"time"
	"unicode"
)

// zones caches loaded locations by name: loading reads the zone database
// from disk, and only valid names (a bounded set) are kept.
var zones sync.Map

func loadZone(name string) (*time.Location, error) {
	if loc, ok := zones.Load(name); ok {
		return loc.(*time.Location), nil
	}
	loc, err := time.LoadLocation(name)
	if err != nil {
		return nil, err
	}
	zones.Store(name, loc)
	return loc, nil
}

func (v *validator) timezone(p string, m *Mentor) {
	switch {
	case m.Timezone == "":
		v.add(p, "the time zone is empty", "remove the key for UTC, or write an IANA name such as "+code("Europe/Berlin"))
		return
	case m.Timezone == "Local":
		v.add(p, code("Local")+" is the server's zone, not the mentor's", "write the mentor's IANA zone, e.g. "+code("Europe/Berlin"))
		return
	}
	loc, err := loadZone(m.Timezone)
	if err != nil {
		v.add(p, "unknown time zone "+code(m.Timezone), zoneHint(m.Timezone))
		return
	}
	m.Location = loc
}

// zoneAbbreviations maps common abbreviations that are not IANA names to a
// representative zone.
var zoneAbbreviations = map[string]string{
	"PST": "America/Los_Angeles", "PDT": "America/Los_Angeles",
	"MDT": "America/Denver", "CDT": "America/Chicago", "CST": "America/Chicago",
	"IST": "Asia/Kolkata", "JST": "Asia/Tokyo", "KST": "Asia/Seoul",
	"BST": "Europe/London", "CEST": "Europe/Berlin",
	"AEST": "Australia/Sydney", "AEDT": "Australia/Sydney",
}

// zoneHint suggests an IANA name for a zone that did not load.
func zoneHint(s string) string {
	if z, ok := zoneAbbreviations[strings.ToUpper(s)]; ok {
		return "abbreviations are ambiguous; use a city zone such as " + code(z)
	}
	for _, c := range []string{strings.ReplaceAll(s, " ", "_"), titleZone(s)} {
		if c == s || c == "" {
			continue
		}
		if _, err := time.LoadLocation(c); err == nil {
			return "did you mean " + code(c) + "?"
		}
	}
	if u := strings.ToUpper(s); strings.HasPrefix(u, "UTC+") || strings.HasPrefix(u, "UTC-") ||
		strings.HasPrefix(u, "GMT+") || strings.HasPrefix(u, "GMT-") {
		return "use the city zone (it follows daylight saving), e.g. " + code("Europe/Berlin") + "; a fixed offset is written " + code("Etc/GMT-2") + " for UTC+2"
	}
	return "use an IANA name such as " + code("Europe/Berlin") + " or " + code("America/Los_Angeles") +
		" (list: https://en.wikipedia.org/wiki/List_of_tz_database_time_zones)"
}

// titleZone capitalises each word of a zone name: "america/new york" →
// "America/New_York".
func titleZone(s string) string {
	parts := strings.Split(strings.ReplaceAll(s, " ", "_"), "/")
	for i, part := range parts {
		words := strings.Split(part, "_")
		for j, w := range words {
			r := []rune(strings.ToLower(w))
			if len(r) > 0 {
				r[0] = unicode.ToUpper(r[0])
			}
			words[j] = string(r)
		}
		parts[i] = strings.Join(words, "_")
	}
	return strings.Join(parts, "/")
}
