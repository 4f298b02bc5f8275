// Package browsertest starts the headless Chromium that the browser tests
// (the dashboard page, the sign-in flow) drive through chromedp.
package browsertest

import (
	"context"
	"os"
	"os/exec"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// Timeout bounds a whole browser test, so a hung page fails the test
// instead of the run.
const Timeout = 90 * time.Second

// Path finds a headless-capable Chromium: $MENTORBOT_CHROMIUM, or one on
// PATH under a usual name; "" when there is none.
func Path() string {
	if p := os.Getenv("MENTORBOT_CHROMIUM"); p != "" {
		return p
	}
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome", "headless-shell"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	return ""
}

// Start skips the test when no Chromium is found; otherwise it returns a
// browser context for a headless Chromium with a profile of the test's
// own, 1280×900, closed when the test ends or after Timeout, and the
// executable's path. The browser starts with the first action run on it.
func Start(t testing.TB) (ctx context.Context, exe string) {
	t.Helper()
	exe = Path()
	if exe == "" {
		t.Skip("no Chromium found: install Debian's chromium package (apt-get install chromium) or set MENTORBOT_CHROMIUM; CI runs this test")
	}
	alloc, cancelAlloc := chromedp.NewExecAllocator(context.Background(),
		chromedp.ExecPath(exe), chromedp.Headless, chromedp.NoSandbox, chromedp.DisableGPU, chromedp.NoFirstRun,
		chromedp.Flag("disable-background-networking", true), chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true), chromedp.UserDataDir(t.TempDir()), chromedp.WindowSize(1280, 900))
	t.Cleanup(cancelAlloc)
	bctx, cancelBrowser := chromedp.NewContext(alloc)
	t.Cleanup(cancelBrowser)
	bctx, cancel := context.WithTimeout(bctx, Timeout)
	t.Cleanup(cancel)
	return bctx, exe
}
