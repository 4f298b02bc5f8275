package main

import (
	"context"
	"encoding/csv"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/mentorbot/mentorbot/app"
	"github.com/mentorbot/mentorbot/app/dashboard"
	"github.com/mentorbot/mentorbot/app/figures"
	"github.com/mentorbot/mentorbot/app/store"
)

// Output formats of `mentorbot report`.
const (
	formatTable = "table"
	formatCSV   = "csv"
	formatJSON  = "json"
)

func runReport(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("report", flag.ContinueOnError)
	fs.SetOutput(stderr)
	configFile := fs.String("config", app.DefaultConfigFile, "service configuration file (for the database)")
	format := fs.String("format", formatTable, "table, csv (one row per scope and mentor) or json")
	since := fs.String("since", "30d", "the period, ending now: days (30d), weeks (2w), hours (36h) or minutes (90m)")
	nowFlag := fs.String("now", "", "report as of this time, RFC 3339 (default: now)")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "Usage: mentorbot report [--config FILE] [--format table|csv|json] [--since DURATION] [--now RFC3339]")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return exitUsage
	}
	if fs.NArg() > 0 {
		fs.Usage()
		return exitUsage
	}
	length, err := figures.ParseDuration(*since)
	if err != nil {
		return fail(stderr, exitUsage, usageError{fmt.Errorf("--since: %w", err)})
	}
	now := time.Now()
	if *nowFlag != "" {
		if now, err = time.Parse(time.RFC3339, *nowFlag); err != nil {
			return fail(stderr, exitUsage, usageError{fmt.Errorf("--now: %q is not an RFC 3339 time such as 2026-12-03T17:00:00Z", *nowFlag)})
		}
	}
	if *format != formatTable && *format != formatCSV && *format != formatJSON {
		return fail(stderr, exitUsage, usageError{fmt.Errorf("--format: %q is not table, csv or json", *format)})
	}
	cfg, err := loadConfig(fs, *configFile)
	if err == nil {
		err = requireStore(cfg)
	}
	if err != nil {
		return fail(stderr, exitFailure, err)
	}
	db, err := store.Open(ctx, cfg.Database.URL)
	if err != nil {
		return fail(stderr, exitFailure, err)
	}
	defer db.Close()
	rep, err := buildReport(ctx, db, now, length, newProgress(stderr))
	if err != nil {
		return fail(stderr, exitFailure, err)
	}
	switch *format {
	case formatCSV:
		err = rep.writeCSV(stdout)
	case formatJSON:
		err = rep.writeJSON(stdout)
	default:
		err = rep.writeTable(stdout)
	}
	if err != nil {
		return fail(stderr, exitFailure, fmt.Errorf("write the report: %w", err))
	}
	return exitOK
}

// report holds the figures of every scope, for this period and the one
// before (the dashboard's trends), and the retention cohorts.
type report struct {
	Generated time.Time
	Now       []figures.Figures // every owner, then its repositories; the first is all of them
	Before    []figures.Figures // the same scopes, previous period
	Cohorts   [][]figures.Cohort
}

func buildReport(ctx context.Context, db *store.DB, now time.Time, length time.Duration, prog *progress) (report, error) {
	p := figures.Last(now.UTC(), length)
	d, err := db.LoadMetrics(ctx, figures.Scope{}, figures.Needs(p, dashboard.CohortMonths), func(done, total int) {
		prog.show("reading the store", done, total)
	})
	if err != nil {
		return report{}, err
	}
	scopes := append([]figures.Scope{{}}, figures.Scopes(d)...)
	rep := report{Generated: now.UTC()}
	parts := figures.Partition(d)
	for i, s := range scopes {
		part := figures.PartOf(parts, d, s)
		rep.Now = append(rep.Now, figures.Compute(part, s, p))
		rep.Before = append(rep.Before, figures.Compute(part, s, p.Previous()))
		var cs []figures.Cohort
		if s.Kind() != figures.ScopeRepository {
			cs = figures.Cohorts(part.Newcomers, s, p.Until, dashboard.CohortMonths)
		}
		rep.Cohorts = append(rep.Cohorts, cs)
		prog.show("computing figures", i+1, len(scopes))
	}
	prog.done()
	return rep, nil
}

// progress shows how far a long report has come, on a terminal only.
type progress struct {
	w    io.Writer
	last time.Time
}

// newProgress returns a progress on w when w is a terminal, else nil (a
// nil progress shows nothing: scripts and files get the report alone).
func newProgress(w io.Writer) *progress {
	f, ok := w.(*os.File)
	if !ok {
		return nil
	}
	if fi, err := f.Stat(); err != nil || fi.Mode()&os.ModeCharDevice == 0 {
		return nil
	}
	return &progress{w: w}
}

func (p *progress) show(what string, done, total int) {
	if p == nil || (done < total && time.Since(p.last) < 100*time.Millisecond) {
		return
	}
	p.last = time.Now()
	fmt.Fprintf(p.w, "\r\033[Kmentorbot report: %s %d/%d", what, done, total)
}

func (p *progress) done() {
	if p != nil {
		fmt.Fprint(p.w, "\r\033[K")
	}
}

func (r report) writeCSV(w io.Writer) error {
	cw := csv.NewWriter(w)
	cw.Write(figures.CSVHeader())
	for _, rec := range r.records() {
		cw.Write(rec.CSV())
	}
	cw.Flush()
	return cw.Error()
}

// records are the scopes' rows, then each owner's mentors.
func (r report) records() []figures.Record {
	var out []figures.Record
	for _, f := range r.Now {
		out = append(out, figures.ScopeRecord(f))
	}
	for _, f := range r.Now {
		if f.Scope.Kind() == figures.ScopeOwner {
			out = append(out, figures.MentorRecords(f)...)
		}
	}
	return out
}

type jsonCohort struct {
	Scope  string              `json:"scope"`
	Month  string              `json:"month"`
	People int                 `json:"people"`
	Back   map[string]*float64 `json:"back_within"` // "30d": share, null while the window is not over
}

func (r report) writeJSON(w io.Writer) error {
	out := struct {
		GeneratedAt    time.Time        `json:"generated_at"`
		Period         figures.Period   `json:"period"`
		PreviousPeriod figures.Period   `json:"previous_period"`
		Records        []figures.Record `json:"records"`
		Previous       []figures.Record `json:"previous"`
		Cohorts        []jsonCohort     `json:"cohorts"`
	}{GeneratedAt: r.Generated, Period: r.Now[0].Period, PreviousPeriod: r.Before[0].Period, Records: r.records(), Cohorts: []jsonCohort{}}
	for _, f := range r.Before {
		out.Previous = append(out.Previous, figures.ScopeRecord(f))
	}
	for i, cs := range r.Cohorts {
		for _, c := range cs {
			jc := jsonCohort{Scope: r.Now[i].Scope.String(), Month: c.Month.Format("2006-01"), People: c.Size, Back: map[string]*float64{}}
			for _, cell := range c.Within {
				var v *float64
				if share, ok := cell.Value(); ok && cell.Complete {
					v = &share
				}
				jc.Back[fmt.Sprintf("%dd", cell.Days)] = v
			}
			out.Cohorts = append(out.Cohorts, jc)
		}
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(out)
}

func (r report) writeTable(w io.Writer) error {
	all, before := r.Now[0], r.Before[0]
	p := all.Period
	fmt.Fprintf(w, "Mentoring program, last %s: %s to %s UTC\n\n", days(p.Length()), p.Since.Format("2 Jan 2006 15:04"), p.Until.Format("2 Jan 2006 15:04"))
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintf(tw, "ALL REPOSITORIES\tTHIS PERIOD\tPREVIOUS %s\n", strings.ToUpper(days(p.Length())))
	fmt.Fprintf(tw, "New contributors\t%d\t%d\n", all.Newcomers, before.Newcomers)
	fmt.Fprintf(tw, "Median first response\t%s\t%s\n", median(all.Response), median(before.Response))
	fmt.Fprintf(tw, "90-day retention\t%s\t%s\n", share(all.Retention.Share), share(before.Retention.Share))
	fmt.Fprintf(tw, "First PRs merged\t%d of %d\t%d of %d\n", all.FirstPRs.Merged, all.FirstPRs.Opened, before.FirstPRs.Merged, before.FirstPRs.Opened)
	fmt.Fprintf(tw, "Mentoring now\t%d (%d waiting)\t\n", all.Load.Active, all.Load.Waiting)
	fmt.Fprintf(tw, "Mentor fairness\t%s\t%s\n", fairness(all.Load.Fairness), fairness(before.Load.Fairness))
	tw.Flush()

	section(w, "NEWCOMERS AND RESPONSES", "SCOPE\tNEW\tANSWERED\tMEDIAN\tP90\tRETENTION\tFIRST PRS M/C/O\tTO MERGE", r.Now, func(f figures.Figures) string {
		o := f.FirstPRs
		return fmt.Sprintf("%d\t%d of %d\t%s\t%s\t%s\t%d/%d/%d\t%s", f.Newcomers, f.Response.Answered(), f.Response.Answered()+f.Response.Unanswered,
			median(f.Response), p90(f.Response), share(f.Retention.Share), o.Merged, o.Closed, o.Open, toMerge(o))
	})
	section(w, "MENTORING", "SCOPE\tACTIVE\tWAITING\tASSIGNED\tMENTORS\tFAIRNESS", r.Now, func(f figures.Figures) string {
		assigned := 0
		for _, m := range f.Load.Mentors {
			assigned += m.Assigned
		}
		return fmt.Sprintf("%d\t%d\t%d\t%d\t%s", f.Load.Active, f.Load.Waiting, assigned, len(f.Load.Mentors), fairness(f.Load.Fairness))
	})
	section(w, "STARTER TASKS AND OFFICE HOURS", "SCOPE\tCLAIMED\tCOMPLETED\tEXPIRED\tHELD\tPROGRESSION\tSESSIONS\tRSVPS\tRECAPS\tSATISFIED\tNEXT SESSION", r.Now, func(f figures.Figures) string {
		c, h := f.Claims, f.Hours
		claims := "not recorded\t\t\t\t"
		if c.Recorded {
			claims = fmt.Sprintf("%d\t%d\t%d\t%d\t%s", c.Claimed, c.Completed, c.Expired, c.Open, share(f.Progression.Share))
		}
		hours := "not recorded\t\t\t\t"
		if h.Recorded {
			next := "—"
			if h.Next != nil {
				next = h.Next.Start.UTC().Format("2 Jan 15:04")
			}
			hours = fmt.Sprintf("%d\t%d\t%d\t%s\t%s", h.Announced, h.RSVPs, h.Recaps, share(h.Satisfaction), next)
		}
		return claims + "\t" + hours
	})

	fmt.Fprintln(w, "\nMENTORS")
	tw = tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "OWNER\tMENTOR\tMENTEES NOW\tASSIGNED\tAWAY")
	for _, rec := range r.records() {
		if rec.Kind == figures.RecordMentor {
			owner, login, _ := strings.Cut(rec.Scope, "/")
			away := ""
			if *rec.Away {
				away = "away"
			}
			fmt.Fprintf(tw, "%s\t%s\t%d\t%d\t%s\n", owner, login, *rec.ActiveMentorships, *rec.Assignments, away)
		}
	}
	tw.Flush()

	fmt.Fprintln(w, "\nRETENTION COHORTS (back within 30, 60, 90 days of their first contribution)")
	tw = tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "SCOPE\tMONTH\tPEOPLE\t≤ 30 DAYS\t≤ 60 DAYS\t≤ 90 DAYS")
	for i, cs := range r.Cohorts {
		for _, c := range cs {
			cells := make([]string, len(c.Within))
			for j, cell := range c.Within {
				cells[j] = "…"
				if cell.Complete {
					cells[j] = share(cell.Share)
				}
			}
			fmt.Fprintf(tw, "%s\t%s\t%d\t%s\n", r.Now[i].Scope, c.Month.Format("Jan 2006"), c.Size, strings.Join(cells, "\t"))
		}
	}
	return tw.Flush()
}

// section prints one table with a row per scope, repositories indented
// under their owner.
func section(w io.Writer, title, header string, figs []figures.Figures, row func(figures.Figures) string) {
	fmt.Fprintf(w, "\n%s\n", title)
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, header)
	for _, f := range figs {
		name := f.Scope.String()
		if f.Scope.Kind() == figures.ScopeRepository {
			name = "  " + name
		}
		fmt.Fprintf(tw, "%s\t%s\n", name, row(f))
	}
	tw.Flush()
}

// days says a period's length for "last 30 days", "last day", "last 36 hours".
func days(d time.Duration) string {
	s := figures.FormatSpan(d)
	if rest, ok := strings.CutPrefix(s, "1 "); ok && !strings.Contains(rest, " ") {
		return rest
	}
	return s
}

func median(r figures.Response) string { return r.MedianText() }

func p90(r figures.Response) string {
	if r.Answered() == 0 {
		return "—"
	}
	return figures.FormatDuration(r.Times.P90)
}

func toMerge(o figures.Outcome) string {
	if o.ToMerge.N == 0 {
		return "—"
	}
	return figures.FormatDuration(o.ToMerge.Median)
}

func share(s figures.Share) string { return s.Text() }

func fairness(r figures.Ratio) string {
	switch {
	case r.Defined:
		return figures.FormatRatio(r.Value)
	case r.Idle > 0:
		return fmt.Sprintf("— (%d idle)", r.Idle)
	default:
		return "—"
	}
}
