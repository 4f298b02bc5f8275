package dashboard

import (
	"fmt"
	"html"
	"html/template"
	"math"
	"slices"
	"strings"

	"github.com/mentorbot/mentorbot/app/figures"
)

// Charts are SVG drawn here, styled by the page's stylesheet through
// classes (so they follow its light and dark colours), scaled to their
// container through the viewBox, and readable without JavaScript: every
// mark carries a <title> that browsers show on hover and screen readers
// read.

// svg accumulates one chart.
type svg struct {
	b strings.Builder
}

func newSVG(w, h float64, class, label string) *svg {
	s := &svg{}
	fmt.Fprintf(&s.b, `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 %s %s" class="chart %s" role="img" aria-label="%s">`,
		num(w), num(h), class, html.EscapeString(label))
	return s
}

func (s *svg) rect(x, y, w, h float64, class, title string) {
	fmt.Fprintf(&s.b, `<rect x="%s" y="%s" width="%s" height="%s" rx="2" class="%s">`, num(x), num(y), num(math.Max(w, 0)), num(math.Max(h, 0)), class)
	if title != "" {
		fmt.Fprintf(&s.b, `<title>%s</title>`, html.EscapeString(title))
	}
	s.b.WriteString(`</rect>`)
}

func (s *svg) text(x, y float64, anchor, class, text string) {
	fmt.Fprintf(&s.b, `<text x="%s" y="%s" text-anchor="%s" class="%s">%s</text>`, num(x), num(y), anchor, class, html.EscapeString(text))
}

func (s *svg) line(x1, y1, x2, y2 float64, class string) {
	fmt.Fprintf(&s.b, `<line x1="%s" y1="%s" x2="%s" y2="%s" class="%s"/>`, num(x1), num(y1), num(x2), num(y2), class)
}

func (s *svg) html() template.HTML {
	s.b.WriteString(`</svg>`)
	return template.HTML(s.b.String()) // every text and attribute above is escaped
}

// num prints a coordinate with at most one decimal.
func num(v float64) string {
	v = math.Round(v*10) / 10
	if v == math.Trunc(v) {
		return fmt.Sprintf("%d", int64(v))
	}
	return fmt.Sprintf("%.1f", v)
}

// bar is one column of a column chart.
type bar struct {
	Label string
	Value int
	Class string // "" for the main colour
	Title string
}

// Column chart geometry.
const (
	colWidth  = 360.0
	colHeight = 190.0
	colTop    = 20.0 // room for the values above the bars
	colBottom = 34.0 // room for the labels below
	colSide   = 4.0
)

// columnChart draws vertical bars with their value above and label below;
// heights are proportional to the values, the tallest filling the chart.
func columnChart(bars []bar, label string) template.HTML {
	s := newSVG(colWidth, colHeight, "columns", label)
	maxV := 0
	for _, b := range bars {
		maxV = max(maxV, b.Value)
	}
	plot := colHeight - colTop - colBottom
	base := colTop + plot
	slot := (colWidth - 2*colSide) / float64(max(len(bars), 1))
	s.line(colSide, base+0.5, colWidth-colSide, base+0.5, "axis")
	for i, b := range bars {
		h := 0.0
		if maxV > 0 {
			h = plot * float64(b.Value) / float64(maxV)
		}
		if b.Value > 0 && h < 2 {
			h = 2 // a small count stays visible
		}
		x := colSide + float64(i)*slot
		class := "bar"
		if b.Class != "" {
			class += " " + b.Class
		}
		s.rect(x+slot*0.14, base-h, slot*0.72, h, class, b.Title)
		s.text(x+slot/2, base-h-5, "middle", "value", fmt.Sprint(b.Value))
		s.text(x+slot/2, base+16, "middle", "label tick", b.Label)
	}
	return s.html()
}

// loadRow is one mentor in the load chart.
type loadRow struct {
	Label    string
	Active   int
	Assigned int
	Away     bool
}

// Load chart geometry.
const (
	loadWidth  = 360.0
	loadRowH   = 30.0
	loadLegend = 22.0
	loadLabelW = 96.0
	loadRight  = 30.0
)

// loadChart draws, per mentor, their mentees now and their assignments in
// the period as two bars on one scale.
func loadChart(rows []loadRow, label string) template.HTML {
	h := loadLegend + loadRowH*float64(len(rows)) + 4
	s := newSVG(loadWidth, h, "load", label)
	s.rect(loadLabelW, 6, 10, 10, "bar", "")
	s.text(loadLabelW+14, 15, "start", "label", "mentees now")
	s.rect(loadLabelW+100, 6, 10, 10, "bar alt", "")
	s.text(loadLabelW+114, 15, "start", "label", "assigned in period")
	maxV := 1
	for _, r := range rows {
		maxV = max(maxV, r.Active, r.Assigned)
	}
	span := loadWidth - loadLabelW - loadRight
	for i, r := range rows {
		y := loadLegend + float64(i)*loadRowH
		name := r.Label
		class := "label name"
		if r.Away {
			name += " · away"
			class += " dim"
		}
		s.text(loadLabelW-8, y+17, "end", class, name)
		for j, v := range []int{r.Active, r.Assigned} {
			by := y + 4 + float64(j)*11
			w := span * float64(v) / float64(maxV)
			if v > 0 && w < 2 {
				w = 2
			}
			cls, what := "bar", "mentees now"
			if j == 1 {
				cls, what = "bar alt", "assigned in the period"
			}
			s.rect(loadLabelW, by, w, 9, cls, fmt.Sprintf("%s: %d %s", r.Label, v, what))
			s.text(loadLabelW+w+4, by+8.5, "start", "value small", fmt.Sprint(v))
		}
	}
	return s.html()
}

// Cohort chart geometry.
const (
	cohortWidth  = 360.0
	cohortHead   = 24.0
	cohortRowH   = 30.0
	cohortMonthW = 70.0
	cohortSizeW  = 50.0
	heatLevels   = 5
)

// cohortChart draws the retention cohorts as a heat map: one row per month
// of first contributions, one column per window, darker for more people
// back; windows not over yet stay blank. Months without a first-timer
// have nothing to show and are left out; without any, there is no chart.
func cohortChart(cs []figures.Cohort, label string) template.HTML {
	cs = slices.DeleteFunc(slices.Clone(cs), func(c figures.Cohort) bool { return c.Size == 0 })
	if len(cs) == 0 {
		return ""
	}
	h := cohortHead + cohortRowH*float64(len(cs)) + 2
	s := newSVG(cohortWidth, h, "cohorts", label)
	cellW := (cohortWidth - cohortMonthW - cohortSizeW) / float64(len(figures.CohortWindows))
	s.text(0, 16, "start", "label head", "month")
	s.text(cohortMonthW+cohortSizeW-10, 16, "end", "label head", "people")
	for j, days := range figures.CohortWindows {
		s.text(cohortMonthW+cohortSizeW+cellW*(float64(j)+0.5), 16, "middle", "label head", fmt.Sprintf("≤ %d days", days))
	}
	for i, c := range cs {
		y := cohortHead + float64(i)*cohortRowH
		month := c.Month.Format("Jan 2006")
		s.text(0, y+19, "start", "label", month)
		s.text(cohortMonthW+cohortSizeW-10, y+19, "end", "value", fmt.Sprint(c.Size))
		for j, cell := range c.Within {
			x := cohortMonthW + cohortSizeW + cellW*float64(j)
			v, ok := cell.Value()
			switch {
			case !cell.Complete:
				s.rect(x+2, y+2, cellW-4, cohortRowH-4, "heat pending", fmt.Sprintf("%s: %d-day window not over yet", month, cell.Days))
				s.text(x+cellW/2, y+19, "middle", "label dim", "…")
			case !ok:
				s.rect(x+2, y+2, cellW-4, cohortRowH-4, "heat empty", fmt.Sprintf("%s: no first-timers", month))
				s.text(x+cellW/2, y+19, "middle", "label dim", "–")
			default:
				level := min(int(math.Ceil(v*heatLevels)), heatLevels)
				s.rect(x+2, y+2, cellW-4, cohortRowH-4, fmt.Sprintf("heat h%d", level),
					fmt.Sprintf("%s: %d of %d back within %d days", month, cell.Part, cell.Whole, cell.Days))
				textClass := "value"
				if level >= 3 {
					textClass += " on-dark"
				}
				s.text(x+cellW/2, y+19, "middle", textClass, percent(v))
			}
		}
	}
	return s.html()
}

// Sparkline geometry.
const (
	sparkWidth  = 120.0
	sparkHeight = 30.0
)

// sparkline draws a small trend line through the values that are known
// (ok[i]); unknown steps break the line. Without two known values side by
// side there is no line to draw, only stray dots, so there is no sparkline.
func sparkline(values []float64, ok []bool, label string) template.HTML {
	if !hasSegment(ok) {
		return ""
	}
	s := newSVG(sparkWidth, sparkHeight, "spark", label)
	lo, hi := math.Inf(1), math.Inf(-1)
	for i, v := range values {
		if ok[i] {
			lo, hi = math.Min(lo, v), math.Max(hi, v)
		}
	}
	if math.IsInf(lo, 1) {
		return s.html()
	}
	if hi == lo {
		lo, hi = lo-1, hi+1
	}
	step := sparkWidth / float64(max(len(values)-1, 1))
	var d strings.Builder
	pen := false
	var lastX, lastY float64
	for i, v := range values {
		if !ok[i] {
			pen = false
			continue
		}
		x := float64(i) * step
		y := 3 + (sparkHeight-6)*(1-(v-lo)/(hi-lo))
		if pen {
			fmt.Fprintf(&d, "L%s %s", num(x), num(y))
		} else {
			fmt.Fprintf(&d, "M%s %s", num(x), num(y))
		}
		pen, lastX, lastY = true, x, y
	}
	fmt.Fprintf(&s.b, `<path d="%s" class="line"/>`, d.String())
	fmt.Fprintf(&s.b, `<circle cx="%s" cy="%s" r="2.5" class="dot"/>`, num(lastX), num(lastY))
	return s.html()
}

// hasSegment tells whether two neighbouring values are known.
func hasSegment(ok []bool) bool {
	for i := 1; i < len(ok); i++ {
		if ok[i-1] && ok[i] {
			return true
		}
	}
	return false
}
