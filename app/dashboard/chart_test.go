package dashboard

import (
	"encoding/xml"
	"html/template"
	"io"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/mentorbot/mentorbot/app/figures"
)

// element is one parsed SVG element.
type element struct {
	Name  string
	Attrs map[string]string
	Text  string
}

// parseSVG checks that a chart is well-formed XML and lists its elements.
func parseSVG(t *testing.T, h template.HTML) []element {
	t.Helper()
	dec := xml.NewDecoder(strings.NewReader(string(h)))
	var out []element
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			return out
		}
		if err != nil {
			t.Fatalf("chart is not well-formed: %v\n%s", err, h)
		}
		switch tok := tok.(type) {
		case xml.StartElement:
			e := element{Name: tok.Name.Local, Attrs: map[string]string{}}
			for _, a := range tok.Attr {
				e.Attrs[a.Name.Local] = a.Value
			}
			out = append(out, e)
		case xml.CharData:
			if len(out) > 0 {
				out[len(out)-1].Text += string(tok)
			}
		}
	}
}

func only(es []element, name, class string) []element {
	var out []element
	for _, e := range es {
		if e.Name == name && (class == "" || strings.Contains(" "+e.Attrs["class"]+" ", " "+class+" ")) {
			out = append(out, e)
		}
	}
	return out
}

func attr(t *testing.T, e element, name string) float64 {
	t.Helper()
	v, err := strconv.ParseFloat(e.Attrs[name], 64)
	if err != nil {
		t.Fatalf("%s=%q: %v", name, e.Attrs[name], err)
	}
	return v
}

func TestColumnChartHeightsAreProportional(t *testing.T) {
	bars := []bar{{Label: "a", Value: 4}, {Label: "b", Value: 2}, {Label: "c", Value: 0}, {Label: "d", Value: 1, Class: "dim"}, {Label: "<e>", Value: 400}}
	es := parseSVG(t, columnChart(bars[:4], "test chart"))
	rects := only(es, "rect", "bar")
	if len(rects) != 4 {
		t.Fatalf("%d bars", len(rects))
	}
	h := func(i int) float64 { return attr(t, rects[i], "height") }
	if h(0) != colHeight-colTop-colBottom || h(1) != h(0)/2 || h(2) != 0 || h(3) != h(0)/4 {
		t.Errorf("heights %v %v %v %v", h(0), h(1), h(2), h(3))
	}
	if !strings.Contains(rects[3].Attrs["class"], "dim") {
		t.Errorf("class %q", rects[3].Attrs["class"])
	}
	// The tallest bar fills the plot; a count of one among hundreds stays visible.
	es = parseSVG(t, columnChart([]bar{{Label: "x", Value: 1}, bars[4]}, "scale"))
	rects = only(es, "rect", "bar")
	if attr(t, rects[0], "height") < 2 {
		t.Error("a small count vanished")
	}
	labels := only(es, "text", "label")
	if labels[1].Text != "<e>" {
		t.Errorf("label %q", labels[1].Text)
	}
	if svg := es[0]; svg.Name != "svg" || svg.Attrs["aria-label"] != "scale" || svg.Attrs["role"] != "img" {
		t.Errorf("svg element %+v", svg)
	}
	// No bars at all draws an empty, valid chart.
	parseSVG(t, columnChart(nil, "empty"))
}

func TestLoadChart(t *testing.T) {
	rows := []loadRow{{Label: "ana", Active: 3, Assigned: 6}, {Label: "bo<b>", Active: 0, Assigned: 2, Away: true}}
	es := parseSVG(t, loadChart(rows, "load"))
	bars := only(es, "rect", "bar")
	// Two legend swatches, then two bars per mentor.
	if len(bars) != 2+4 {
		t.Fatalf("%d bars", len(bars))
	}
	w := func(i int) float64 { return attr(t, bars[2+i], "width") }
	if w(1) != loadWidth-loadLabelW-loadRight || w(0) != w(1)/2 || w(2) != 0 || w(3) != w(1)/3 {
		t.Errorf("widths %v %v %v %v", w(0), w(1), w(2), w(3))
	}
	names := only(es, "text", "name")
	if names[0].Text != "ana" || names[1].Text != "bo<b> · away" || !strings.Contains(names[1].Attrs["class"], "dim") {
		t.Errorf("names %+v", names)
	}
}

func TestCohortChart(t *testing.T) {
	month := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	cs := []figures.Cohort{
		{Month: month, Size: 10, Within: []figures.CohortCell{
			{Days: 30, Share: figures.Share{Part: 1, Whole: 10}, Complete: true},
			{Days: 60, Share: figures.Share{Part: 5, Whole: 10}, Complete: true},
			{Days: 90, Share: figures.Share{Part: 10, Whole: 10}, Complete: true},
		}},
		{Month: month.AddDate(0, 1, 0), Size: 0, Within: []figures.CohortCell{{Days: 30, Complete: true}, {Days: 60}, {Days: 90}}},
	}
	cs = append(cs, figures.Cohort{Month: month.AddDate(0, 2, 0), Size: 2, Within: []figures.CohortCell{
		{Days: 30, Share: figures.Share{Part: 0, Whole: 2}, Complete: true}, {Days: 60}, {Days: 90}}})
	es := parseSVG(t, cohortChart(cs, "cohorts"))
	cells := only(es, "rect", "heat")
	if len(cells) != 6 {
		t.Fatalf("%d cells, want two months of three (the month without first-timers is left out)", len(cells))
	}
	want := []string{"heat h1", "heat h3", "heat h5", "heat h0", "heat pending", "heat pending"}
	for i, c := range cells {
		if c.Attrs["class"] != want[i] {
			t.Errorf("cell %d class %q, want %q", i, c.Attrs["class"], want[i])
		}
	}
	var texts []string
	for _, e := range only(es, "text", "") {
		texts = append(texts, e.Text)
	}
	got := strings.Join(texts, "|")
	for _, s := range []string{"Jan 2026|10|10%|50%|100%", "Mar 2026|2|0%|…|…"} {
		if !strings.Contains(got, s) {
			t.Errorf("texts %q lack %q", got, s)
		}
	}
	if strings.Contains(got, "Feb 2026") {
		t.Errorf("a month without first-timers has a row: %q", got)
	}
	// Six empty months (a new program, a 30-day view) draw no chart at all.
	empty := make([]figures.Cohort, 6)
	for i := range empty {
		empty[i] = figures.Cohort{Month: month.AddDate(0, i, 0), Within: []figures.CohortCell{{Days: 30, Complete: true}, {Days: 60}, {Days: 90}}}
	}
	if got := cohortChart(empty, "cohorts"); got != "" {
		t.Errorf("empty cohorts drew %s", got)
	}
}

func TestSparkline(t *testing.T) {
	cases := []struct {
		name   string
		values []float64
		ok     []bool
		moves  int // pen lifts: M commands
		lines  int
	}{
		{"continuous", []float64{1, 3, 2, 5}, []bool{true, true, true, true}, 1, 3},
		{"a gap breaks the line", []float64{1, 0, 2, 5}, []bool{true, false, true, true}, 2, 1},
		{"flat", []float64{2, 2}, []bool{true, true}, 1, 1},
		{"nothing known", []float64{0, 0}, []bool{false, false}, 0, 0},
		{"one point: no stray dot", []float64{4}, []bool{true}, 0, 0},
		{"one known point of many", []float64{0, 0, 3, 0}, []bool{false, false, true, false}, 0, 0},
		{"known points never side by side", []float64{1, 0, 2, 0}, []bool{true, false, true, false}, 0, 0},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			html := sparkline(c.values, c.ok, "trend")
			if c.moves == 0 {
				if html != "" {
					t.Fatalf("drew %s", html)
				}
				return
			}
			es := parseSVG(t, html)
			paths := only(es, "path", "line")
			d := paths[0].Attrs["d"]
			if strings.Count(d, "M") != c.moves || strings.Count(d, "L") != c.lines {
				t.Errorf("path %q", d)
			}
			if len(only(es, "circle", "dot")) != 1 {
				t.Error("no end dot")
			}
		})
	}
	// Higher values are drawn higher (smaller y).
	d := only(parseSVG(t, sparkline([]float64{0, 10}, []bool{true, true}, "up")), "path", "line")[0].Attrs["d"]
	if d != "M0 27L120 3" {
		t.Errorf("path %q", d)
	}
}
