package repoconfig

import (
	"regexp"
	"strconv"
	"strings"
)

// plainName matches names written bare in a key path, as in
// "mentors[1].timezone" or "areas.docs.paths[0]"; other names are quoted:
// `areas["user docs"]`.
var plainName = regexp.MustCompile(`^[A-Za-z0-9_/-]+$`)

// join appends a key to a dotted path, quoting names that are not plain.
func join(path, name string) string {
	if !plainName.MatchString(name) {
		return path + "[" + strconv.Quote(name) + "]"
	}
	if path == "" {
		return name
	}
	return path + "." + name
}

// parent strips the last segment of a path made by join or list indexing.
func parent(p string) string {
	if strings.HasSuffix(p, `"]`) {
		if i := strings.LastIndex(p, `["`); i >= 0 {
			return p[:i]
		}
	}
	if strings.HasSuffix(p, "]") {
		if i := strings.LastIndexByte(p, '['); i >= 0 {
			return p[:i]
		}
	}
	if i := strings.LastIndexByte(p, '.'); i >= 0 {
		return p[:i]
	}
	return ""
}

// lastKey is the last named segment of a path, without list indexes.
func lastKey(path string) string {
	for strings.HasSuffix(path, "]") && !strings.HasSuffix(path, `"]`) {
		path = parent(path)
	}
	if i := strings.LastIndexByte(path, '.'); i >= 0 {
		return path[i+1:]
	}
	return path
}
