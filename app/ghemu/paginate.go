package ghemu

import (
	"net/url"
	"strconv"
	"strings"
)

const (
	defaultPerPage = 30
	maxPerPage     = 100
)

func perPageOf(v url.Values) int {
	n, err := strconv.Atoi(v.Get("per_page"))
	switch {
	case err != nil || n <= 0:
		return defaultPerPage
	case n > maxPerPage:
		return maxPerPage
	}
	return n
}

func pageOf(v url.Values) int {
	n, err := strconv.Atoi(v.Get("page"))
	if err != nil || n < 1 {
		return 1
	}
	return n
}

// paginate cuts one page out of items (per_page, page) and returns it with
// the Link header GitHub would send ("" for a single page).
func paginate[T any](e *Emulator, q *req, items []T) ([]T, string) {
	v := q.r.URL.Query()
	per, page := perPageOf(v), pageOf(v)
	last := (len(items) + per - 1) / per
	if last == 0 {
		last = 1
	}
	lo := min((page-1)*per, len(items))
	hi := min(lo+per, len(items))
	out := items[lo:hi]
	if out == nil {
		out = []T{}
	}
	if last == 1 {
		return out, ""
	}
	link := func(p int, rel string) string {
		v.Set("page", strconv.Itoa(p))
		v.Set("per_page", strconv.Itoa(per))
		return "<" + e.base + q.r.URL.EscapedPath() + "?" + v.Encode() + `>; rel="` + rel + `"`
	}
	var parts []string
	if page > 1 {
		parts = append(parts, link(min(page-1, last), "prev"))
	}
	if page < last {
		parts = append(parts, link(page+1, "next"), link(last, "last"))
	}
	if page > 1 {
		parts = append(parts, link(1, "first"))
	}
	return out, strings.Join(parts, ", ")
}

// list answers one page of items with its Link header.
func list[T any](e *Emulator, q *req, items []T) reply {
	page, link := paginate(e, q, items)
	rep := ok(page)
	if link != "" {
		rep = rep.with("Link", link)
	}
	return rep
}
