package main

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/mentorbot/mentorbot/app/figures"
	"github.com/mentorbot/mentorbot/app/figures/figurestest"
	"github.com/mentorbot/mentorbot/app/store"
)

var reportNow = time.Date(2026, 6, 15, 12, 0, 0, 0, time.UTC)

// seededStore records the sample program in a SQLite file and returns its
// database URL.
func seededStore(t *testing.T) (string, figurestest.Program) {
	t.Helper()
	url := "sqlite://" + filepath.Join(t.TempDir(), "report.db")
	db, err := store.Open(context.Background(), url)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	prog, err := figurestest.SeedProgram(context.Background(), db, reportNow)
	if err != nil {
		t.Fatal(err)
	}
	return url, prog
}

// runBinary runs the real mentorbot with the database in the environment.
func runReportBinary(t *testing.T, dbURL string, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	cmd := exec.Command(binary, args...)
	cmd.Dir = t.TempDir()
	cmd.Env = append(os.Environ(), "MENTORBOT_DATABASE_URL="+dbURL)
	var out, errOut bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errOut
	err := cmd.Run()
	if _, ok := err.(*exec.ExitError); err != nil && !ok {
		t.Fatal(err)
	}
	return out.String(), errOut.String(), cmd.ProcessState.ExitCode()
}

// newcomersIn counts the seed's first-timers in the period.
func newcomersIn(prog figurestest.Program, p figures.Period, repo string) int {
	n := 0
	for _, a := range prog.Arrivals {
		if p.Contains(a.Opened) && (repo == "" || a.Repo == repo) {
			n++
		}
	}
	return n
}

func TestReportFormats(t *testing.T) {
	dbURL, prog := seededStore(t)
	now := "--now=" + reportNow.Format(time.RFC3339)
	month, quarter := figures.Last(reportNow, 30*figures.Day), figures.Last(reportNow, 90*figures.Day)

	t.Run("table", func(t *testing.T) {
		out, errOut, code := runReportBinary(t, dbURL, "report", now)
		if code != 0 || errOut != "" {
			t.Fatalf("exit %d, stderr %q (no progress unless stderr is a terminal)", code, errOut)
		}
		want := regexp.MustCompile(`\nNew contributors +` + strconv.Itoa(newcomersIn(prog, month, "")) + ` `)
		if !want.MatchString(out) {
			t.Errorf("table lacks %s:\n%s", want, out)
		}
		for _, s := range []string{"last 30 days: 16 May 2026 12:00 to 15 Jun 2026 12:00 UTC", "  octo-org/widgets",
			"MENTORS", "fay", "away", "RETENTION COHORTS", "Jan 2026", "STARTER TASKS AND OFFICE HOURS"} {
			if !strings.Contains(out, s) {
				t.Errorf("table lacks %q:\n%s", s, out)
			}
		}
	})

	t.Run("periods in words", func(t *testing.T) {
		for since, want := range map[string]string{"720h": "PREVIOUS 30 DAYS", "2w": "PREVIOUS 14 DAYS", "1m": "PREVIOUS MINUTE", "36h": "PREVIOUS 36 HOURS"} {
			out, errOut, code := runReportBinary(t, dbURL, "report", "--since", since, now)
			if code != 0 || !strings.Contains(out, want) {
				t.Errorf("--since %s: exit %d %s, want %q in:\n%s", since, code, errOut, want, out)
			}
		}
	})

	t.Run("csv", func(t *testing.T) {
		out, _, code := runReportBinary(t, dbURL, "report", "--format", "csv", "--since", "90d", now)
		if code != 0 {
			t.Fatalf("exit %d", code)
		}
		rows, err := csv.NewReader(strings.NewReader(out)).ReadAll()
		if err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(rows[0], figures.CSVHeader()) {
			t.Fatalf("header %v", rows[0])
		}
		col := func(name string) int { return slices.Index(rows[0], name) }
		byScope := map[string][]string{}
		mentors := 0
		for _, r := range rows[1:] {
			if r[col("kind")] == figures.RecordMentor {
				mentors++
				continue
			}
			byScope[r[col("scope")]] = r
		}
		for scope, repo := range map[string]string{"all": "", "octo-org": "", "octo-org/docs": "octo-org/docs", "octo-org/widgets": "octo-org/widgets"} {
			r, ok := byScope[scope]
			if !ok {
				t.Fatalf("no row for %s: %v", scope, rows)
			}
			if got, want := r[col("newcomers")], strconv.Itoa(newcomersIn(prog, quarter, repo)); got != want {
				t.Errorf("%s newcomers %s, want %s", scope, got, want)
			}
			if r[col("since")] != "2026-03-17T12:00:00Z" {
				t.Errorf("%s since %s", scope, r[col("since")])
			}
		}
		if mentors != len(prog.Mentors) {
			t.Errorf("%d mentor rows, want %d", mentors, len(prog.Mentors))
		}
		if got := byScope["all"][col("claims_open")]; got != strconv.Itoa(prog.OpenClaims) {
			t.Errorf("claims held %s, want %d", got, prog.OpenClaims)
		}
	})

	t.Run("json", func(t *testing.T) {
		out, _, code := runReportBinary(t, dbURL, "report", "--format=json", "--since=2w", now)
		if code != 0 {
			t.Fatalf("exit %d", code)
		}
		var rep struct {
			Period   figures.Period   `json:"period"`
			Records  []figures.Record `json:"records"`
			Previous []figures.Record `json:"previous"`
			Cohorts  []struct {
				Scope  string              `json:"scope"`
				Month  string              `json:"month"`
				People int                 `json:"people"`
				Back   map[string]*float64 `json:"back_within"`
			} `json:"cohorts"`
		}
		if err := json.Unmarshal([]byte(out), &rep); err != nil {
			t.Fatalf("%v\n%s", err, out)
		}
		if rep.Period.Length() != 14*figures.Day || rep.Records[0].Kind != figures.ScopeAll || len(rep.Previous) == 0 {
			t.Fatalf("report %+v", rep)
		}
		if got := *rep.Records[0].Newcomers; got != newcomersIn(prog, figures.Last(reportNow, 14*figures.Day), "") {
			t.Errorf("newcomers %d", got)
		}
		if len(rep.Cohorts) != 12 || rep.Cohorts[0].Month != "2026-01" || rep.Cohorts[0].Back["90d"] == nil || rep.Cohorts[5].Back["30d"] != nil {
			t.Errorf("cohorts %+v", rep.Cohorts)
		}
	})
}

func TestReportRefusesBadInput(t *testing.T) {
	cases := []struct {
		name string
		args []string
		code int
		says string
	}{
		{"fractional days", []string{"--since", "1.5d"}, exitUsage, "--since"},
		{"unknown unit", []string{"--since", "3 months"}, exitUsage, "--since"},
		{"unknown format", []string{"--format", "xml"}, exitUsage, "--format"},
		{"bad now", []string{"--now", "yesterday"}, exitUsage, "--now"},
		{"stray argument", []string{"octo-org"}, exitUsage, "Usage"},
		{"missing config file", []string{"--config", "/nonexistent/mentorbot.yml"}, exitFailure, "config"},
	}
	dbURL := "sqlite://" + filepath.Join(t.TempDir(), "empty.db")
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, errOut, code := runReportBinary(t, dbURL, append([]string{"report"}, c.args...)...)
			if code != c.code || !strings.Contains(errOut, c.says) {
				t.Fatalf("exit %d, stderr %q; want %d naming %s", code, errOut, c.code, c.says)
			}
		})
	}
}

func TestReportOnAnEmptyStore(t *testing.T) {
	url := "sqlite://" + filepath.Join(t.TempDir(), "empty.db")
	db, err := store.Open(context.Background(), url)
	if err != nil {
		t.Fatal(err)
	}
	db.Close()
	out, _, code := runReportBinary(t, url, "report")
	if code != 0 || !regexp.MustCompile(`\nNew contributors +0 +0\n`).MatchString(out) || !strings.Contains(out, "not recorded") {
		t.Fatalf("exit %d:\n%s", code, out)
	}
}

func TestProgressOnlyOnATerminal(t *testing.T) {
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	defer w.Close()
	if newProgress(w) != nil || newProgress(&bytes.Buffer{}) != nil {
		t.Fatal("progress on a pipe or a buffer")
	}
	var buf bytes.Buffer
	p := &progress{w: &buf}
	p.show("reading the store", 1, 10)
	p.show("reading the store", 2, 10) // too soon after the last: skipped
	p.show("reading the store", 10, 10)
	p.done()
	if got := buf.String(); got != "\r\033[Kmentorbot report: reading the store 1/10\r\033[Kmentorbot report: reading the store 10/10\r\033[K" {
		t.Fatalf("progress wrote %q", got)
	}
	var nilProgress *progress
	nilProgress.show("x", 1, 1)
	nilProgress.done()
}

// BenchmarkReportLargeStore times `mentorbot report` over a store of
// 100,000 contributors and 1,000,000 recorded events (seeded once into
// the system's temporary folder, then reused): the figures alone, and the
// real binary from start to exit.
//
//	go test -run '^$' -bench ReportLargeStore -benchtime 5x ./cmd/mentorbot/
func BenchmarkReportLargeStore(b *testing.B) {
	ctx := context.Background()
	url, err := figurestest.CachedBulk(ctx, figurestest.Large, b.Logf)
	if err != nil {
		b.Fatal(err)
	}
	now := figurestest.Large.Now
	b.Run("figures-30d", func(b *testing.B) {
		db, err := store.Open(ctx, url)
		if err != nil {
			b.Fatal(err)
		}
		defer db.Close()
		for b.Loop() {
			rep, err := buildReport(ctx, db, now, 30*figures.Day, nil)
			if err != nil {
				b.Fatal(err)
			}
			if err := rep.writeTable(io.Discard); err != nil {
				b.Fatal(err)
			}
		}
	})
	for _, args := range [][]string{{"--since", "30d"}, {"--since", "365d"}, {"--since", "30d", "--format", "json"}} {
		b.Run("binary"+strings.ReplaceAll(strings.Join(args, ""), "--", "-"), func(b *testing.B) {
			for b.Loop() {
				cmd := exec.Command(binary, append([]string{"report", "--now", now.Format(time.RFC3339)}, args...)...)
				cmd.Env = append(os.Environ(), "MENTORBOT_DATABASE_URL="+url)
				cmd.Dir = b.TempDir()
				if out, err := cmd.CombinedOutput(); err != nil {
					b.Fatalf("%v: %s", err, out)
				}
			}
		})
	}
}

// TestReportPrintsTheRecapsMedian: the report prints the median first
// response of the responses TestRecapFiguresAreTheReportFigures (package
// app) seeds as the recap prints it.
func TestReportPrintsTheRecapsMedian(t *testing.T) {
	url := "sqlite://" + filepath.Join(t.TempDir(), "report.db")
	db, err := store.Open(context.Background(), url)
	if err != nil {
		t.Fatal(err)
	}
	err = figurestest.SeedResponses(context.Background(), db, "octo-org/widgets", reportNow.Add(-48*time.Hour), figurestest.SampleResponses)
	db.Close()
	if err != nil {
		t.Fatal(err)
	}
	out, errOut, code := runReportBinary(t, url, "report", "--since", "7d", "--now", reportNow.Format(time.RFC3339))
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	if !regexp.MustCompile(`(?m)^Median first response\s+` + figurestest.SampleMedian + `\s`).MatchString(out) {
		t.Errorf("the report does not print the median as %q:\n%s", figurestest.SampleMedian, out)
	}
}
