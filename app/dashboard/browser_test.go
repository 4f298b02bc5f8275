package dashboard

import (
	"context"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"

	"github.com/mentorbot/mentorbot/app/figures"
	"github.com/mentorbot/mentorbot/app/figures/figurestest"
	"github.com/mentorbot/mentorbot/app/internal/browsertest"
	"github.com/mentorbot/mentorbot/app/store"
)

// artifacts is where screenshots go: $MENTORBOT_ARTIFACTS, kept after the
// run, or a folder of the test's own.
func artifacts(t *testing.T) string {
	dir := os.Getenv("MENTORBOT_ARTIFACTS")
	if dir == "" {
		return t.TempDir()
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	return dir
}

// browserLog collects what the page must not produce: console errors,
// exceptions, and requests to anywhere but the dashboard itself.
type browserLog struct {
	mu       sync.Mutex
	errors   []string
	requests []string
}

func (b *browserLog) listen(ev any) {
	b.mu.Lock()
	defer b.mu.Unlock()
	switch ev := ev.(type) {
	case *runtime.EventConsoleAPICalled:
		if ev.Type == runtime.ConsoleAPICalledTypeError || ev.Type == runtime.ConsoleAPICalledTypeAssert {
			b.errors = append(b.errors, "console."+string(ev.Type))
		}
	case *runtime.EventExceptionThrown:
		b.errors = append(b.errors, "exception: "+ev.ExceptionDetails.Text)
	case *log.EventEntryAdded:
		if ev.Entry.Level == log.EntryLevelError || ev.Entry.Level == log.EntryLevelWarning {
			b.errors = append(b.errors, string(ev.Entry.Source)+": "+ev.Entry.Text)
		}
	case *network.EventRequestWillBeSent:
		b.requests = append(b.requests, ev.Request.URL)
	}
}

func TestDashboardInBrowser(t *testing.T) {
	bctx, exe := browsertest.Start(t)
	ctx := context.Background()
	db, err := store.Open(ctx, "sqlite://"+filepath.Join(t.TempDir(), "dashboard.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	now := time.Date(2026, 6, 15, 12, 0, 0, 0, time.UTC)
	prog, err := figurestest.SeedProgram(ctx, db, now)
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(New(db, Options{WebURL: "https://github.example", Now: func() time.Time { return now }}))
	defer srv.Close()

	var blog browserLog
	if err := chromedp.Listen(bctx, blog.listen); err != nil {
		t.Fatalf("start %s: %v", exe, err)
	}
	if err := chromedp.Do(bctx, chromedp.EmulateViewport(1280, 900), chromedp.Navigate(srv.URL+"/"), chromedp.WaitVisible(chromedp.CSS("#repositories"))); err != nil {
		t.Fatalf("load the dashboard: %v", err)
	}

	want := expectedFigures(prog, figures.Last(now, DefaultPeriod))
	for id, w := range want {
		got, err := chromedp.Run(bctx, chromedp.Text(chromedp.CSS(`[data-figure="`+id+`"]`)))
		if err != nil {
			t.Fatalf("read %s: %v", id, err)
		}
		if strings.TrimSpace(got) != w {
			t.Errorf("%s shows %q; the store says %q", id, got, w)
		}
	}
	held, err := chromedp.Run(bctx, chromedp.Text(chromedp.CSS(`#tasks .figures li:nth-child(4) strong`)))
	if err != nil || held != strconv.Itoa(prog.OpenClaims) {
		t.Errorf("claims held now: %q (%v), want %d", held, err, prog.OpenClaims)
	}
	rows, err := chromedp.Run(bctx, chromedp.Evaluate[int](`document.querySelectorAll("#repositories tbody tr").length`))
	if err != nil || rows != 1+len(prog.Repos) {
		t.Errorf("%d rows in the repository table (%v), want the owner and %d repositories", rows, err, len(prog.Repos))
	}
	scripts, err := chromedp.Run(bctx, chromedp.Evaluate[int](`document.scripts.length`))
	if err != nil || scripts != 0 {
		t.Errorf("the page has %d scripts (%v); it needs none", scripts, err)
	}
	noOverflow(t, bctx, "1280 px")
	shot(t, bctx, "dashboard-desktop.png")

	// A phone: nothing wider than the screen, same figures.
	if err := chromedp.Do(bctx, chromedp.EmulateViewport(390, 844, chromedp.EmulateScale(2), chromedp.EmulateMobile), chromedp.Reload(),
		chromedp.WaitVisible(chromedp.CSS("#repositories"))); err != nil {
		t.Fatalf("reload as a phone: %v", err)
	}
	noOverflow(t, bctx, "390 px")
	// The owners table is wider than a phone: it scrolls in its marked
	// box, and the page says so where it shows.
	scrolls, err := chromedp.Run(bctx, chromedp.Evaluate[bool](`(() => {
		const box = document.querySelector("#repositories [data-scroll]");
		return box !== null && box.scrollWidth > box.clientWidth && getComputedStyle(box).overflowX === "auto";
	})()`))
	if err != nil || !scrolls {
		t.Errorf("the owners table does not scroll in its own box at 390 px (%v)", err)
	}
	hint, err := chromedp.Run(bctx, chromedp.Evaluate[bool](`(() => {
		const h = document.querySelector("#repositories .scroll-hint");
		return h !== null && h.getBoundingClientRect().height > 0 && h.textContent.includes("Scroll sideways");
	})()`))
	if err != nil || !hint {
		t.Errorf("nothing shows that the owners table scrolls at 390 px (%v)", err)
	}
	shot(t, bctx, "dashboard-phone.png")

	blog.mu.Lock()
	defer blog.mu.Unlock()
	for _, e := range blog.errors {
		t.Errorf("browser console: %s", e)
	}
	for _, u := range blog.requests {
		if !strings.HasPrefix(u, srv.URL+"/") && !strings.HasPrefix(u, "data:") {
			t.Errorf("the page requested %s; it must load nothing from elsewhere", u)
		}
	}
}

// overflowScript lists what sticks out of the viewport sideways: the
// document wider than the window, and every element reaching past either
// edge that is not inside a marked scroll container ([data-scroll]).
const overflowScript = `(() => {
	const root = document.documentElement, vw = root.clientWidth, out = [];
	if (root.scrollWidth > vw) out.push("document: " + root.scrollWidth + " px wide in " + vw);
	for (const el of document.body.querySelectorAll("*")) {
		if (el.parentElement && el.parentElement.closest("[data-scroll]")) continue;
		const r = el.getBoundingClientRect();
		if (r.width === 0 && r.height === 0) continue;
		if (r.right > vw + 0.5 || r.left < -0.5) {
			out.push(el.tagName.toLowerCase() + (el.id ? "#" + el.id : "") + (el.className && typeof el.className === "string" ? "." + el.className.trim().replace(/\s+/g, ".") : "") +
				": " + Math.round(r.left) + " to " + Math.round(r.right) + " px in " + vw);
		}
	}
	return out;
})()`

// noOverflow fails the test when anything but a marked scroll container's
// content reaches past the viewport's sides.
func noOverflow(t *testing.T, ctx context.Context, at string) {
	t.Helper()
	out, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](overflowScript))
	if err != nil {
		t.Fatalf("measure overflow at %s: %v", at, err)
	}
	for _, o := range out {
		t.Errorf("at %s, outside a scroll container: %s", at, o)
	}
}

func shot(t *testing.T, ctx context.Context, name string) {
	t.Helper()
	png, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
	if err != nil {
		t.Fatalf("screenshot: %v", err)
	}
	path := filepath.Join(artifacts(t), name)
	if err := os.WriteFile(path, png, 0o644); err != nil {
		t.Fatal(err)
	}
	t.Logf("screenshot: %s", path)
}

// expectedFigures works the headline figures out from what the seed
// recorded, independently of the queries behind the page, in the page's words.
func expectedFigures(prog figurestest.Program, p figures.Period) map[string]string {
	var newcomers, merged, active int
	var waits []time.Duration
	cohort := p.RetentionCohort()
	var cohortSize, back int
	for _, a := range prog.Arrivals {
		if a.Mentor != "" && !a.Ended {
			active++
		}
		if cohort.Contains(a.Opened) {
			cohortSize++
			if !a.Returned.IsZero() && a.Returned.Sub(a.Opened) <= figures.RetentionWindow {
				back++
			}
		}
		if !p.Contains(a.Opened) {
			continue
		}
		newcomers++
		if a.Response > 0 {
			waits = append(waits, a.Response)
		}
		if !a.Merged.IsZero() {
			merged++
		}
	}
	return map[string]string{
		"newcomers": strconv.Itoa(newcomers),
		"response":  duration(figures.Summarize(waits).Median),
		"retention": percent(float64(back) / float64(cohortSize)),
		"merged":    strconv.Itoa(merged),
		"mentoring": strconv.Itoa(active),
	}
}
