package demo

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"time"

	"github.com/rs/zerolog"

	"github.com/mentorbot/mentorbot/app"
	"github.com/mentorbot/mentorbot/app/ghemu"
	"github.com/mentorbot/mentorbot/app/store"
)

// Options configure a demo run.
type Options struct {
	Port   int       // where the service listens (0: any free port)
	NoWait bool      // return after the story instead of serving until ctx ends
	Out    io.Writer // the story, in plain words
	Dir    string    // where the store and the log go (a temporary folder when empty)
	// Facts, when not nil, receives what the story did (see Facts).
	Facts *Facts
	// inspect, when not nil, gets the emulator and the service's HTTP
	// surface after the story, while the service still runs (tests).
	inspect func(emu *ghemu.Emulator, service http.Handler)
}

// Run starts the emulator and the service, plays the story and, unless
// NoWait, keeps serving the dashboard until ctx ends.
func Run(ctx context.Context, o Options) error {
	dir := o.Dir
	if dir == "" {
		d, err := os.MkdirTemp("", "mentorbot-demo-")
		if err != nil {
			return fmt.Errorf("temporary folder: %w", err)
		}
		dir = d
	}
	tl, err := planStory(time.Now())
	if err != nil {
		return err
	}
	// One clock for the emulator and the service: every webhook, comment
	// and scheduled run happens at the story's time. Credentials stay on
	// the wall clock, the only one the app's JWT signer knows.
	clock := newStoryClock(tl.start)
	// The demo plays weeks of a community in minutes: GitHub's search and
	// content-creation limits would stall it, so they are raised here.
	emu, err := ghemu.New(ghemu.Options{AppID: 1, AppSlug: "mentorbot", EmitWebhooks: true, SearchRateLimit: 1000,
		ContentPerMinute: 10_000, ContentPerHour: 100_000, Now: clock.Now, CredentialsNow: time.Now})
	if err != nil {
		return fmt.Errorf("emulator: %w", err)
	}
	emuURL, err := emu.Start("127.0.0.1:0")
	if err != nil {
		return fmt.Errorf("emulator: %w", err)
	}
	defer emu.Close()
	seed(emu, tl)

	cfg := config(emuURL, string(emu.PrivateKeyPEM()), dir, o.Port)
	logFile, err := os.Create(filepath.Join(dir, "mentorbot.log"))
	if err != nil {
		return fmt.Errorf("log file: %w", err)
	}
	defer logFile.Close()
	logger := zerolog.New(logFile).Level(zerolog.DebugLevel).With().Timestamp().Logger()
	a, err := app.New(ctx, cfg, logger, app.WithClock(clock.Now))
	if err != nil {
		return err
	}
	runCtx, stop := context.WithCancel(context.Background())
	defer stop()
	addr := make(chan string, 1)
	done := make(chan error, 1)
	go func() { done <- a.Run(runCtx, func(s string) { addr <- s }) }()
	var url string
	select {
	case s := <-addr:
		url = "http://" + s
	case err := <-done:
		return err
	}
	emu.SetWebhookTarget(url+"/api/github/hook", cfg.Github.App.WebhookSecret)

	s := &story{emu: emu, db: a.Store(), out: o.Out, cfg: cfg, logger: logger, clock: clock, tl: tl}
	fmt.Fprintf(o.Out, "mentorbot demo: a sample community %q on a built-in GitHub emulator (%s)\n", Org, emuURL)
	fmt.Fprintf(o.Out, "The service runs at %s with its store in %s (log: %s).\n", url, dir, logFile.Name())
	fmt.Fprintf(o.Out, "The story plays the days from %s to %s on one clock that the service and the emulator share.\n\n",
		tl.start.Format("Mon 2 Jan 15:04"), tl.social.End.Add(time.Hour).Format("Mon 2 Jan 15:04 MST"))
	if err := s.play(ctx); err != nil {
		stop()
		<-done
		return err
	}
	// The story is over: its clock catches up with today.
	clock.Set(time.Now())
	s.summarize()
	if o.Facts != nil {
		*o.Facts = s.facts
	}
	if o.inspect != nil {
		o.inspect(emu, a.Handler())
	}
	if o.NoWait {
		// The service stops with the story: no dashboard URL to promise.
		fmt.Fprintf(o.Out, "\nThe story is over and the service has stopped. Its store stays in %s:\n", dir)
		fmt.Fprintf(o.Out, "  MENTORBOT_DATABASE_URL=sqlite://%s mentorbot report\n", filepath.Join(dir, "mentorbot.db"))
	} else {
		fmt.Fprintf(o.Out, "\nThe story is over. Dashboard: %s/  ·  metrics: %s/metrics\n", url, url)
		fmt.Fprintln(o.Out, "Press Ctrl-C to stop.")
		<-ctx.Done()
	}
	stop()
	return <-done
}

func config(emuURL, key, dir string, port int) *app.Config {
	cfg := &app.Config{Workers: 4}
	cfg.Server.Address = "127.0.0.1"
	cfg.Server.Port = port
	cfg.Github.WebURL = emuURL
	cfg.Github.V3APIURL = emuURL + "/api/v3/"
	cfg.Github.V4APIURL = emuURL + "/api/graphql"
	cfg.Github.App.IntegrationID = 1
	cfg.Github.App.PrivateKey = key
	cfg.Github.App.WebhookSecret = randomSecret()
	cfg.Database.URL = "sqlite://" + filepath.Join(dir, "mentorbot.db")
	cfg.Limits.WriteInterval = 5 * time.Millisecond // the demo's emulator has its content limits raised
	cfg.Queue.RetryBase = 100 * time.Millisecond
	cfg.Logging.Level = "debug"
	return cfg
}

func randomSecret() string {
	b := make([]byte, 16)
	rand.Read(b)
	return hex.EncodeToString(b)
}

// settle waits until the emulator has sent every webhook and the service
// has handled every delivery, twice in a row (the bot's own writes send
// webhooks too).
func settle(ctx context.Context, emu *ghemu.Emulator, db *store.DB) error {
	deadline := time.Now().Add(30 * time.Second)
	quiet := 0
	for quiet < 2 {
		emu.WaitIdle()
		depth, err := db.QueueDepth(ctx)
		if err != nil {
			return err
		}
		if depth[store.StatePending]+depth[store.StateRunning] == 0 {
			quiet++
		} else {
			quiet = 0
		}
		if time.Now().After(deadline) {
			return fmt.Errorf("the service did not finish its work in time: %v", depth)
		}
		time.Sleep(20 * time.Millisecond)
	}
	return nil
}
